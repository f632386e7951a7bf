package io.github.lancedb4j.boot;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.FullTextIndexSpec;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.MetadataColumn;
import io.github.lancedb4j.store.ReciprocalRankFusion;
import io.github.lancedb4j.store.SearchMode;
import io.github.lancedb4j.store.SearchTuning;
import io.github.lancedb4j.store.WriteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One store, resolved from {@link LanceDbProperties}: the root store ({@value #DEFAULT_NAME}) or a named store
 * with the root values filled in.
 *
 * @param name           {@value #DEFAULT_NAME} or the key under {@code lancedb.stores}; also the bean qualifier
 * @param propertyPrefix {@code lancedb} or {@code lancedb.stores.<name>}, for messages
 * @param dimensions     the vector column's configured dimension, or null: the column's, else the model's
 * @param writeBuffer    fire-and-forget ingestion settings, or null: every add commits before it returns
 * @param fullTextIndex  the full-text index the store manages, or null (vector mode, not asked for)
 */
public record StoreSettings(String name, String propertyPrefix, String table, String vectorColumn,
        Integer dimensions, DistanceMetric distance, boolean initializeSchema, EmbeddingSettings embedding,
        IndexPolicy indexPolicy, SearchTuning searchTuning, List<MetadataColumn> metadataColumns,
        WriteBuffer.Settings writeBuffer, SearchMode searchMode, FullTextIndexSpec fullTextIndex,
        ReciprocalRankFusion fusion, int topK, double similarityThreshold) {

    public static final String DEFAULT_NAME = "default";

    public boolean isDefault() {
        return DEFAULT_NAME.equals(name);
    }

    /** The stores the properties describe: the named ones, or the single root store when there are none. */
    public static List<StoreSettings> all(LanceDbProperties properties) {
        if (properties.getStores().isEmpty()) {
            return List.of(resolve(DEFAULT_NAME, LanceDbProperties.PREFIX, properties, new LanceDbProperties.Store()));
        }
        List<StoreSettings> stores = new ArrayList<>();
        for (Map.Entry<String, LanceDbProperties.Store> e : properties.getStores().entrySet()) {
            stores.add(resolve(e.getKey(), LanceDbProperties.PREFIX + ".stores." + e.getKey(), properties,
                    e.getValue()));
        }
        return List.copyOf(stores);
    }

    private static StoreSettings resolve(String name, String prefix, LanceDbProperties root,
            LanceDbProperties.Store own) {
        EmbeddingSettings embedding = EmbeddingSettings.resolve(root.getEmbedding(), own.getEmbedding(),
                prefix + ".embedding");
        Integer dimensions = own.getDimensions() != null ? own.getDimensions() : root.getDimensions();
        SearchMode mode = own.getSearch().getMode() != null ? own.getSearch().getMode() : root.getSearch().getMode();
        FullTextIndexSpec fullText = mode.usesText() || own.getFullText().indexWanted(root.getFullText())
                ? own.getFullText().toSpec(root.getFullText(), prefix) : null;
        return new StoreSettings(name, prefix,
                own.getTable() != null ? own.getTable() : root.getTable(),
                own.getVectorColumn() != null ? own.getVectorColumn() : root.getVectorColumn(),
                dimensions,
                own.getDistance() != null ? own.getDistance() : root.getDistance(),
                root.isInitializeSchema(), embedding, indexPolicy(root), root.getSearch().toTuning(),
                metadataColumns(root), root.getWriteBuffer().toSettings(), mode, fullText, fusion(root.getSearch(), prefix), root.getSearch().getTopK(),
                root.getSearch().getSimilarityThreshold());
    }

    private static ReciprocalRankFusion fusion(LanceDbProperties.Search search, String prefix) {
        try {
            return new ReciprocalRankFusion(search.getRrfK(), search.getVectorWeight(), search.getTextWeight());
        } catch (IllegalArgumentException e) {
            throw new LanceDbConfigurationException("Invalid hybrid search settings: " + e.getMessage() + ".",
                    "Fix " + LanceDbProperties.PREFIX + ".search.rrf-k (> 0), vector-weight and text-weight "
                            + "(>= 0, not both 0).", e);
        }
    }

    private static List<MetadataColumn> metadataColumns(LanceDbProperties root) {
        List<MetadataColumn> columns = new ArrayList<>();
        root.getMetadataColumns().forEach((key, kind) -> {
            try {
                columns.add(MetadataColumn.of(key, MetadataColumn.Kind.parse(kind)));
            } catch (IllegalArgumentException e) {
                throw new LanceDbConfigurationException("Invalid metadata column '" + key + "': " + e.getMessage() + ".",
                        "Fix " + LanceDbProperties.PREFIX + ".metadata-columns." + key
                                + " (string, long, double or boolean; keys are letters, digits and '_').", e);
            }
        });
        return List.copyOf(columns);
    }

    private static IndexPolicy indexPolicy(LanceDbProperties root) {
        try {
            return root.getIndex().toPolicy();
        } catch (IllegalArgumentException e) {
            throw new LanceDbConfigurationException("Invalid vector index settings: " + e.getMessage() + ".",
                    "Fix " + LanceDbProperties.PREFIX + ".index.* (policy: auto, explicit or none; type: ivf_hnsw_sq, "
                            + "ivf_pq, ivf_flat or ivf_rq; min-rows <= ann-rows).", e);
        }
    }

    /**
     * Checks that the starter can build this store's embedding model: the API key is there, and the dimensions
     * agree. Not called when the application brings its own model.
     */
    public void validateEmbedding() {
        embedding.validate();
        Integer modelDimensions = embedding.knownDimensions();
        if (dimensions != null && modelDimensions != null && !dimensions.equals(modelDimensions)) {
            throw new LanceDbConfigurationException(propertyPrefix + ".dimensions is " + dimensions
                    + " but the embedding model (" + embedding.provider().displayName() + ") produces "
                    + modelDimensions + " dimensions.",
                    "Make " + propertyPrefix + ".dimensions and " + embedding.propertyPrefix()
                            + ".dimensions agree, or remove " + propertyPrefix + ".dimensions to take the model's.");
        }
    }

    /** The bean name for this store's bean of a kind: {@code lancedbVectorStore} or {@code smallVectorStore}. */
    public String beanName(String kind) {
        return (isDefault() ? "lancedb" : name) + kind;
    }
}
