package io.github.lancedb4j.store;

import io.github.lancedb4j.store.internal.FullTextIndexes;
import io.github.lancedb4j.store.internal.IndexManager;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The indexes of one table ({@link LanceTable#indexes()}): who builds each vector column's index and the full-text
 * index, and when ({@link IndexPolicy}); explicit builds, optimizations and drops; and what the version searches see
 * is indexed. Builds run on a separate handle, so searches and writes keep running meanwhile.
 */
public final class TableIndexes {

    private final LanceTable table;
    private final IndexManager indexes;
    private final FullTextIndexes fullTextIndexes;
    private final TableMaintenance maintenance;

    TableIndexes(LanceTable table, IndexManager indexes, FullTextIndexes fullTextIndexes,
            TableMaintenance maintenance) {
        this.table = table;
        this.indexes = indexes;
        this.fullTextIndexes = fullTextIndexes;
        this.maintenance = maintenance;
    }

    /**
     * Sets who builds a column's index and when (see {@link IndexPolicy}); {@code metric} is the distance the
     * column's searches use, which an automatic index is built for.
     */
    public void indexPolicy(String column, IndexPolicy policy, DistanceMetric metric) {
        table.vectorColumn(column);
        maintenance.set(column, policy, metric);
    }

    /** The column's index policy, or null when none was set (indexes are then built only when asked). */
    public IndexPolicy indexPolicy(String column) {
        return maintenance.policy(column);
    }

    /**
     * Builds (or rebuilds) the vector index of a column. Training runs on a separate handle, so searches keep
     * running on the current version meanwhile; when the build commits, searches move to the indexed version.
     * Rows written during the build are searched by brute force until {@link #optimizeVectorIndexes()}. The spec is
     * recorded in the table, so its search tuning also applies after a restart and in other processes.
     *
     * @throws IllegalArgumentException when the index cannot be trained: no vectors yet, fewer than 256 vectors for
     *                                  IVF_PQ, more partitions than vectors, a dimension PQ/RQ cannot split
     */
    public VectorIndexInfo createVectorIndex(String column, VectorIndexSpec spec, DistanceMetric metric) {
        VectorColumn col = table.vectorColumn(column);
        IndexPolicy policy = maintenance.policy(column);
        if (policy != null && policy.mode() == IndexPolicy.Mode.NONE) {
            throw new IllegalStateException("Column '" + column + "' of table '" + table.name()
                    + "' has the index policy NONE: its searches are exact scans; choose EXPLICIT or AUTO to build "
                    + "an index");
        }
        return indexes.create(col, spec, metric);
    }

    /** Folds rows written since the last build into every vector index (no retraining), on a separate handle. */
    public void optimizeVectorIndexes() {
        indexes.optimize();
    }

    /**
     * Sets who builds the full-text index on {@code text}, and with what settings. {@link IndexPolicy.Mode#AUTO}
     * builds it at once (during this call for a table of up to 10,000 rows, else in the background), rebuilds it
     * when its settings differ from {@code spec}, and folds appended rows in (past 10 % of the indexed rows, at
     * least 1,000 and at most 10,000); {@link IndexPolicy.Mode#EXPLICIT}
     * builds it only on {@link #createFullTextIndex}; {@link IndexPolicy.Mode#NONE} never.
     *
     * <p>Without an index, Lance's full-text search scans every row and matches exact, case-sensitive words only
     * (none of the spec's lower-casing, stemming or folding): the index defines how text is matched, not only how
     * fast.
     */
    public void fullTextIndexPolicy(IndexPolicy.Mode mode, FullTextIndexSpec spec) {
        maintenance.setFullText(mode, spec);
    }

    /** The full-text index policy's mode, or null when none was set (the index is then built only when asked). */
    public IndexPolicy.Mode fullTextIndexMode() {
        var policy = maintenance.fullTextPolicy();
        return policy == null ? null : policy.mode();
    }

    /**
     * Builds (or rebuilds) the full-text (BM25) index on {@code text}, on a separate handle: searches keep running on
     * the current version meanwhile. Rows written later are still found (Lance scans their text) until
     * {@link #optimizeFullTextIndex()} folds them in.
     */
    public FullTextIndexInfo createFullTextIndex(FullTextIndexSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (fullTextIndexMode() == IndexPolicy.Mode.NONE) {
            throw new IllegalStateException("The full-text index policy of table '" + table.name() + "' is NONE: its "
                    + "full-text searches scan every row's text; choose EXPLICIT or AUTO to build an index");
        }
        return fullTextIndexes.create(spec);
    }

    /** The full-text index of the version searches currently see. */
    public Optional<FullTextIndexInfo> fullTextIndex() {
        return fullTextIndexes.current();
    }

    /** Folds rows written since the last build into the full-text index (no retraining), on a separate handle. */
    public void optimizeFullTextIndex() {
        fullTextIndexes.optimize();
    }

    /** Drops the full-text index, if there is one; full-text searches then scan every row's text. */
    public void dropFullTextIndex() {
        fullTextIndexes.drop();
    }

    /** Drops the vector index of a column, if there is one; searches become exact scans. */
    public void dropVectorIndex(String column) {
        indexes.drop(column);
    }

    /** The vector indexes of the version searches currently see. */
    public List<VectorIndexInfo> vectorIndexes() {
        return List.copyOf(indexes.current().values());
    }

    public Optional<VectorIndexInfo> vectorIndex(String column) {
        return Optional.ofNullable(indexes.current().get(column));
    }
}
