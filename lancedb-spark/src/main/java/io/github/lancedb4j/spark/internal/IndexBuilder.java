package io.github.lancedb4j.spark.internal;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.internal.TableSchema;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.VectorIndexInfo;
import io.github.lancedb4j.store.VectorIndexSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.lance.Dataset;
import org.lance.index.IndexOptions;
import org.lance.index.IndexParams;
import org.lance.index.IndexType;
import org.lance.index.OptimizeOptions;
import org.lance.index.scalar.InvertedIndexParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the table's indexes on the driver after the commit: the vector index through the core (the same index
 * names, parameters and tuning the stores use and recognise) and a full-text (INVERTED) index on {@code text}.
 * An existing index of the wanted kind gets the new rows folded in instead of being retrained.
 */
public final class IndexBuilder {

    private static final Logger log = LoggerFactory.getLogger(IndexBuilder.class);

    /** The name of the full-text index on {@code text}. */
    public static final String FULL_TEXT_INDEX = "text_fts";

    private IndexBuilder() {
    }

    /**
     * Builds or refreshes the vector index of {@code column}: {@code spec} null means the store's automatic choice
     * (the exact index below 100,000 vectors, IVF_HNSW_SQ from there on).
     *
     * @return a description of what was done
     */
    public static String vectorIndex(String databaseUri, Map<String, String> storageOptions, String table,
            String column, VectorIndexSpec spec, DistanceMetric metric, boolean rebuild) {
        try (LanceDatabase db = LanceDatabase.builder().uri(databaseUri).storageOptions(storageOptions)
                .versionRetention(null).build()) {
            LanceTable t = db.openTable(table, List.of(VectorColumn.existing(column)), false);
            long vectors = t.countVectors(column);
            VectorIndexSpec wanted = spec != null ? spec
                    : vectors < 100_000 ? VectorIndexSpec.exact()
                    : VectorIndexSpec.of(io.github.lancedb4j.store.VectorIndexType.IVF_HNSW_SQ);
            Optional<VectorIndexInfo> existing = t.indexes().vectorIndex(column);
            boolean sameKind = existing.isPresent() && existing.get().metric() == metric
                    && existing.get().exact() == wanted.isExact() && existing.get().type() == wanted.type();
            if (sameKind && !rebuild) {
                t.indexes().optimizeVectorIndexes();
                return "folded new rows into " + existing.get().type() + " index " + existing.get().name();
            }
            VectorIndexInfo built = t.indexes().createVectorIndex(column, wanted, metric);
            return "built " + (built.exact() ? "exact " : "") + built.type() + " index " + built.name() + " on "
                    + vectors + " vectors";
        }
    }

    /** Builds the INVERTED index on {@code text}, or folds new rows into it. */
    public static String fullTextIndex(String tableUri, Map<String, String> storageOptions) {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = LanceTables.open(allocator, tableUri, storageOptions, null)) {
            if (ds.listIndexes().contains(FULL_TEXT_INDEX)) {
                ds.optimizeIndices(OptimizeOptions.builder().indexNames(List.of(FULL_TEXT_INDEX)).build());
                return "folded new rows into full-text index " + FULL_TEXT_INDEX;
            }
            long started = System.nanoTime();
            // Lance requires base_tokenizer and language. The stores' FullTextIndexSpec.defaults(), so that they keep
            // this index: no positions (only phrase queries need them, and they make the index 9-14x larger).
            ds.createIndex(IndexOptions.builder(List.of(TableSchema.TEXT), IndexType.INVERTED,
                    IndexParams.builder().setScalarIndexParams(InvertedIndexParams.builder()
                            .baseTokenizer("simple").language("English").withPosition(false).lowerCase(true)
                            .stem(true).removeStopWords(true).asciiFolding(true).build()).build())
                    .withIndexName(FULL_TEXT_INDEX).replace(true).build());
            log.info("Built full-text index {} on {} in {} ms", FULL_TEXT_INDEX, tableUri,
                    (System.nanoTime() - started) / 1_000_000);
            return "built full-text index " + FULL_TEXT_INDEX;
        }
    }
}
