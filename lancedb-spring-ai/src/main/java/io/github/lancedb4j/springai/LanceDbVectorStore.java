package io.github.lancedb4j.springai;

import io.github.lancedb4j.store.ColumnBinding;
import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.FullTextIndexInfo;
import io.github.lancedb4j.store.FullTextIndexSpec;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.MetadataColumn;
import io.github.lancedb4j.store.ReadConsistency;
import io.github.lancedb4j.store.ReciprocalRankFusion;
import io.github.lancedb4j.store.Row;
import io.github.lancedb4j.store.SearchHit;
import io.github.lancedb4j.store.SearchMode;
import io.github.lancedb4j.store.SearchTuning;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.VectorIndexInfo;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.WriteBuffer;
import io.github.lancedb4j.store.SearchQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.DocumentMetadata;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.observation.conventions.VectorStoreSimilarityMetric;
import org.springframework.ai.vectorstore.AbstractVectorStoreBuilder;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.observation.AbstractObservationVectorStore;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;

/**
 * A Spring AI {@link org.springframework.ai.vectorstore.VectorStore} over a LanceDB table, embedded in the
 * application (local disk or object storage, no server).
 *
 * <ul>
 *   <li>{@code add} embeds through the {@link EmbeddingModel} with the batching strategy and <b>upserts by document
 *       id</b>, one commit per call; a row's vectors in other stores' columns are kept.</li>
 *   <li>Filters (the whole Spring AI grammar) run inside Lance before ranking, so {@code topK} counts matching
 *       documents only (exact without an index or with the exact index; approximate with an ANN index).</li>
 *   <li>{@link Document#getScore()} is the cosine similarity ({@code 1 - cosineDistance}) for
 *       {@link DistanceMetric#COSINE}, {@code dot} for {@link DistanceMetric#DOT} and {@code 1 - squaredL2/2} for
 *       {@link DistanceMetric#L2} (equal for unit vectors); metadata {@code distance} holds Lance's raw distance. The
 *       similarity threshold is inclusive, and 0 ({@code similarityThresholdAll()}, the default) accepts every
 *       document, negative similarities included; results are sorted by descending score.</li>
 *   <li>Search modes: {@code similaritySearch} ranks in the store's {@link Builder#searchMode search mode} —
 *       {@link SearchMode#VECTOR} (the default) by the query's embedding; {@link SearchMode#FULL_TEXT} by BM25 of
 *       the stored text against the query text (codes, names, rare terms; no embedding call; the text is never read
 *       as query syntax); {@link SearchMode#HYBRID} both on one version of the table, the filter on both, fused by
 *       reciprocal rank fusion. {@link #similaritySearch(SearchRequest, SearchMode)} picks the mode per call, and
 *       {@link LanceDbDocumentRetriever} brings it to {@code RetrievalAugmentationAdvisor}. Spring AI's
 *       {@code SearchRequest} has no mode of its own. A text mode makes the store manage a full-text index on the
 *       table's text.</li>
 *   <li>In the text modes {@link Document#getScore()} (and the threshold) is: for full-text, the BM25 score relative
 *       to the query's best match (the best scores 1); for hybrid, the fused score normalised to its best possible
 *       value (1 for a document ranked first by both searches, about 0.5 for one ranked first by one search only).
 *       Metadata {@code distance} is set when the vector search found the document.</li>
 *   <li>Metadata values may be String, Integer, Long, Float, Double, Boolean, UUID and lists of strings, each read
 *       back with its type; other types (nested maps, dates, lists of numbers) are rejected with an
 *       {@link IllegalArgumentException} naming the key, before anything is written.</li>
 * </ul>
 */
public class LanceDbVectorStore extends AbstractObservationVectorStore implements AutoCloseable {

    public static final String DB_SYSTEM = "lancedb";
    public static final String DEFAULT_TABLE_NAME = "vector_store";

    private final ColumnBinding binding;
    private final LanceTable table;
    private final VectorColumn column;
    private final DistanceMetric distance;
    private final SearchTuning searchTuning;
    /** Fire-and-forget adds, when configured: documents are queued and committed in batches. */
    private final WriteBuffer buffer;
    private final SearchMode searchMode;
    private final ReciprocalRankFusion fusion;
    /** Per-call tuning for {@link #similaritySearch(SearchRequest, SearchTuning)}, read by doSimilaritySearch. */
    private final ThreadLocal<SearchTuning> requestTuning = new ThreadLocal<>();
    /** Per-call mode for {@link #similaritySearch(SearchRequest, SearchMode)}, read by doSimilaritySearch. */
    private final ThreadLocal<SearchMode> requestMode = new ThreadLocal<>();

    protected LanceDbVectorStore(Builder builder) {
        super(builder);
        this.binding = ColumnBinding.builder().database(builder.database).uri(builder.uri)
                .storageOptions(builder.storageOptions).readConsistency(builder.readConsistency)
                .table(builder.tableName).vectorColumn(builder.vectorColumn).dimension(builder.dimensions)
                .createIfMissing(builder.initializeSchema).modelDimension(() -> builder.getEmbeddingModel().dimensions())
                .indexPolicy(builder.indexPolicy).distance(builder.distance).metadataColumns(builder.metadataColumns)
                .fullTextIndex(builder.fullTextIndex != null ? builder.fullTextIndex
                        : builder.searchMode.usesText() ? FullTextIndexSpec.defaults() : null)
                .open();
        this.table = binding.table();
        this.column = binding.column();
        this.distance = builder.distance;
        this.searchTuning = builder.searchTuning;
        this.buffer = builder.writeBuffer == null ? null : table.writeBuffer(builder.writeBuffer);
        this.searchMode = builder.searchMode;
        this.fusion = builder.fusion;
    }

    public static Builder builder(EmbeddingModel embeddingModel) {
        return new Builder(embeddingModel);
    }

    @Override
    public void doAdd(List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        List<float[]> vectors = embeddingModel.embed(documents, EmbeddingOptions.builder().build(), batchingStrategy);
        List<Row> rows = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            Document d = documents.get(i);
            rows.add(Row.of(d.getId(), d.getText(), d.getMetadata(), column.name(), vectors.get(i)));
        }
        if (buffer != null) {
            buffer.upsert(rows, List.of(column.name()));
        } else {
            table.upsert(rows, List.of(column.name()));
        }
    }

    @Override
    public void doDelete(List<String> idList) {
        flush();
        table.delete(idList);
    }

    @Override
    protected void doDelete(Filter.Expression filterExpression) {
        flush();
        table.delete(SpringAiFilters.toMetadataFilter(filterExpression));
    }

    @Override
    public List<Document> doSimilaritySearch(SearchRequest request) {
        if (request.getTopK() == 0) {
            return List.of();
        }
        SearchMode mode = requestMode.get() != null ? requestMode.get() : searchMode;
        SearchTuning perCall = requestTuning.get();
        SearchQuery.Builder query = switch (mode) {
            case VECTOR -> SearchQuery.nearest(column.name(), embeddingModel.embed(request.getQuery()));
            case FULL_TEXT -> SearchQuery.fullText(request.getQuery()); // no embedding needed
            case HYBRID -> SearchQuery.hybrid(column.name(), embeddingModel.embed(request.getQuery()),
                    request.getQuery()).fusion(fusion);
        };
        query.limit(request.getTopK())
                .filter(request.hasFilterExpression()
                        ? SpringAiFilters.toMetadataFilter(request.getFilterExpression()) : null)
                .tuning(perCall == null ? searchTuning : perCall.orElse(searchTuning));
        List<Document> documents = new ArrayList<>();
        for (SearchHit hit : table.search(query.build(), distance)) {
            double score = mode == SearchMode.VECTOR ? hit.similarity() : hit.score();
            // 0 is Spring AI's "accept all": a cosine similarity can be negative, and such documents are still results.
            double threshold = request.getSimilarityThreshold();
            if (threshold <= SearchRequest.SIMILARITY_THRESHOLD_ACCEPT_ALL || score >= threshold) {
                documents.add(toDocument(hit, score));
            }
        }
        documents.sort((a, b) -> Double.compare(b.getScore(), a.getScore()));
        return documents;
    }

    private static Document toDocument(SearchHit hit, double score) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (hit.metadata() != null) {
            metadata.putAll(hit.metadata());
        }
        if (hit.distance() != null) {
            metadata.put(DocumentMetadata.DISTANCE.value(), hit.distance().floatValue());
        }
        return Document.builder()
                .id(hit.id())
                .text(hit.text() == null ? "" : hit.text())
                .metadata(metadata)
                .score(score)
                .build();
    }

    /**
     * A search in the given mode, whatever the store's (see the class comment for the scores), observed like any
     * other search: {@link SearchMode#FULL_TEXT} matches the request's query text by BM25, {@link SearchMode#HYBRID}
     * fuses that with the vector search.
     */
    public List<Document> similaritySearch(SearchRequest request, SearchMode mode) {
        requestMode.set(java.util.Objects.requireNonNull(mode, "mode"));
        try {
            return similaritySearch(request);
        } finally {
            requestMode.remove();
        }
    }

    /** What {@code similaritySearch} ranks by. */
    public SearchMode searchMode() {
        return searchMode;
    }

    /**
     * A similarity search with per-request index tuning (nprobes, refine factor, ef) over the store's defaults;
     * observed like any other search.
     */
    public List<Document> similaritySearch(SearchRequest request, SearchTuning tuning) {
        requestTuning.set(tuning);
        try {
            return similaritySearch(request);
        } finally {
            requestTuning.remove();
        }
    }

    /** Builds this store's vector index now (searches continue meanwhile), for the store's distance. */
    public VectorIndexInfo createIndex(VectorIndexSpec spec) {
        return table.indexes().createVectorIndex(column.name(), java.util.Objects.requireNonNull(spec, "spec"), distance);
    }

    /** Folds documents added since the last index build into the vector index and the full-text index. */
    public void optimizeIndex() {
        table.indexes().optimizeVectorIndexes();
        table.indexes().optimizeFullTextIndex();
    }

    /**
     * Builds (or rebuilds) the full-text index on the table's text now, on a separate handle. A store whose search
     * mode uses text manages it by itself (under its index policy); this is for the other cases.
     */
    public FullTextIndexInfo createFullTextIndex(FullTextIndexSpec spec) {
        return table.indexes().createFullTextIndex(java.util.Objects.requireNonNull(spec, "spec"));
    }

    /** The table's full-text index, if it has one. */
    public Optional<FullTextIndexInfo> fullTextIndex() {
        return table.indexes().fullTextIndex();
    }

    /** This store's vector index, if it has one. */
    public Optional<VectorIndexInfo> index() {
        return table.indexes().vectorIndex(column.name());
    }

    @Override
    public VectorStoreObservationContext.Builder createObservationContextBuilder(String operationName) {
        return VectorStoreObservationContext.builder(DB_SYSTEM, operationName)
                .collectionName(table.name())
                .namespace(binding.database().uri())
                .dimensions(column.dimension())
                .fieldName(column.name())
                .similarityMetric(similarityMetric(distance));
    }

    private static String similarityMetric(DistanceMetric metric) {
        return switch (metric) {
            case COSINE -> VectorStoreSimilarityMetric.COSINE.value();
            case DOT -> VectorStoreSimilarityMetric.DOT.value();
            case L2 -> VectorStoreSimilarityMetric.EUCLIDEAN.value();
        };
    }

    /** The {@link LanceTable} (use {@link LanceTable#withDataset} to reach the Lance {@code Dataset}). */
    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> getNativeClient() {
        return Optional.of((T) table);
    }

    public LanceTable table() {
        return table;
    }

    public VectorColumn vectorColumn() {
        return column;
    }

    /**
     * With a write buffer: commits every document added before this call, and waits for it (deletes and
     * {@link #close()} flush first). Without one, does nothing: every add is committed when it returns.
     */
    public void flush() {
        if (buffer != null) {
            buffer.flush();
        }
    }

    /** The write buffer's counters (queued rows, flushes, failures), when the store has one. */
    public Optional<WriteBuffer.Stats> writeBufferStats() {
        return buffer == null ? Optional.empty() : Optional.of(buffer.stats());
    }

    /** Flushes the write buffer (if any), then closes the database if this store opened it. */
    @Override
    public void close() {
        try {
            if (buffer != null) {
                buffer.close();
            }
        } finally {
            binding.close();
        }
    }

    @Override
    public String toString() {
        return "LanceDbVectorStore[table=" + table.name() + ", column=" + column + ", distance=" + distance
                + ", searchMode=" + searchMode + ", database=" + binding.database() + "]";
    }

    /** Spring AI-style builder: {@code LanceDbVectorStore.builder(embeddingModel).uri(...).build()}. */
    public static class Builder extends AbstractVectorStoreBuilder<Builder> {
        private String uri;
        private LanceDatabase database;
        private Map<String, String> storageOptions = Map.of();
        private ReadConsistency readConsistency;
        private String tableName = DEFAULT_TABLE_NAME;
        private String vectorColumn = VectorColumn.DEFAULT_NAME;
        private Integer dimensions;
        private DistanceMetric distance = DistanceMetric.COSINE;
        private boolean initializeSchema;
        private IndexPolicy indexPolicy = IndexPolicy.auto();
        private SearchTuning searchTuning;
        private SearchMode searchMode = SearchMode.VECTOR;
        private FullTextIndexSpec fullTextIndex;
        private ReciprocalRankFusion fusion = ReciprocalRankFusion.DEFAULT;
        private final List<MetadataColumn> metadataColumns = new ArrayList<>();
        private WriteBuffer.Settings writeBuffer;

        protected Builder(EmbeddingModel embeddingModel) {
            super(embeddingModel);
        }

        /** The database: a directory, {@code file://…}, {@code s3://bucket/prefix}, {@code gs://…} or {@code az://…}. */
        public Builder uri(String uri) {
            this.uri = uri;
            return this;
        }

        /** An open database to share with other stores (it is not closed with this store). */
        public Builder database(LanceDatabase database) {
            this.database = database;
            return this;
        }

        /** Object-store settings (credentials, endpoint, region, allow_http …); used with {@link #uri}. */
        public Builder storageOptions(Map<String, String> storageOptions) {
            this.storageOptions = storageOptions == null ? Map.of() : storageOptions;
            return this;
        }

        /**
         * How soon searches see other processes' writes (default: within 1 s on a local disk, 5 s on object storage;
         * see {@link ReadConsistency}). Used with {@link #uri}; a shared {@link #database} has its own.
         */
        public Builder readConsistency(ReadConsistency readConsistency) {
            this.readConsistency = readConsistency;
            return this;
        }

        /** Shorthand: {@link Duration#ZERO} checks before every search, a positive interval in the background. */
        public Builder readConsistencyInterval(Duration interval) {
            this.readConsistency = interval == null ? null
                    : interval.isZero() ? ReadConsistency.strong() : ReadConsistency.eventual(interval);
            return this;
        }

        /** The table (default {@value #DEFAULT_TABLE_NAME}), stored at {@code <uri>/<tableName>.lance}. */
        public Builder tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        /** The vector column this store uses (default {@code vector}); one column per embedding model. */
        public Builder vectorColumn(String vectorColumn) {
            this.vectorColumn = vectorColumn;
            return this;
        }

        /** The embedding dimension; optional when the column exists, checked against it when given. */
        public Builder dimensions(Integer dimensions) {
            this.dimensions = dimensions;
            return this;
        }

        public Builder distance(DistanceMetric distance) {
            this.distance = java.util.Objects.requireNonNull(distance, "distance");
            return this;
        }

        /** Create the table (or add the vector column) when absent. Off by default, as in every Spring AI store. */
        public Builder initializeSchema(boolean initializeSchema) {
            this.initializeSchema = initializeSchema;
            return this;
        }

        /** Who builds the vector index and when (default: automatically, once an index pays). */
        public Builder indexPolicy(IndexPolicy indexPolicy) {
            this.indexPolicy = java.util.Objects.requireNonNull(indexPolicy, "indexPolicy");
            return this;
        }

        /** Default search tuning (nprobes, refine factor, ef) over the index's own defaults. */
        public Builder searchTuning(SearchTuning searchTuning) {
            this.searchTuning = searchTuning;
            return this;
        }

        /**
         * What {@code similaritySearch} ranks by (default {@link SearchMode#VECTOR}). {@link SearchMode#FULL_TEXT} and
         * {@link SearchMode#HYBRID} use the request's query text and make the store manage a full-text index on the
         * table's text (built at once, under the store's index policy).
         */
        public Builder searchMode(SearchMode searchMode) {
            this.searchMode = java.util.Objects.requireNonNull(searchMode, "searchMode");
            return this;
        }

        /**
         * The full-text index settings (tokenizer, language, stemming, stop words, positions); default
         * {@link FullTextIndexSpec#defaults()} when the search mode uses text. Setting it makes the store manage the
         * index in vector mode too (for full-text and hybrid searches per call or through a retriever).
         */
        public Builder fullTextIndex(FullTextIndexSpec fullTextIndex) {
            this.fullTextIndex = fullTextIndex;
            return this;
        }

        /** How hybrid searches fuse the two rankings (default: reciprocal rank fusion, k = 60, equal weights). */
        public Builder fusion(ReciprocalRankFusion fusion) {
            this.fusion = java.util.Objects.requireNonNull(fusion, "fusion");
            return this;
        }

        /**
         * Mirrors a metadata key into a typed column with a scalar index, for fast filters on it (every document must
         * then hold the key with that kind of value, or not at all). See {@link MetadataColumn}.
         */
        public Builder metadataColumn(String key, MetadataColumn.Kind kind) {
            this.metadataColumns.add(MetadataColumn.of(key, kind));
            return this;
        }

        /**
         * Fire-and-forget adds: {@code add} embeds and validates the documents and returns once they are queued; a
         * background thread commits them in batches (see {@link WriteBuffer} for when, and for what a crash can
         * lose). Searches see queued documents once flushed ({@link LanceDbVectorStore#flush()}). Off by default.
         */
        public Builder writeBuffer(WriteBuffer.Settings settings) {
            this.writeBuffer = settings;
            return this;
        }

        @Override
        public LanceDbVectorStore build() {
            return new LanceDbVectorStore(this);
        }
    }
}
