package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.FullTextIndexInfo;
import io.github.lancedb4j.store.FullTextIndexSpec;
import io.github.lancedb4j.store.LanceStoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lance.Dataset;
import org.lance.index.IndexDescription;
import org.lance.index.IndexOptions;
import org.lance.index.IndexType;
import org.lance.index.OptimizeOptions;
import org.lance.schema.LanceField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full-text (INVERTED, BM25) index on a table's {@code text}: builds, folds new rows into and drops it through the
 * {@link IndexManager} (separate handle, one build at a time, commits retried), and describes it per version.
 *
 * <p>The store names it {@value #INDEX_NAME}, as {@code lancedb-spark} does; an INVERTED index on {@code text} under
 * another name (built by another LanceDB SDK) is recognised too, and replaced when the store rebuilds.
 */
public final class FullTextIndexes {

    /** The name the store (and lancedb-spark) gives the full-text index. */
    public static final String INDEX_NAME = "text_fts";

    private static final Logger log = LoggerFactory.getLogger(FullTextIndexes.class);
    private static final String INVERTED = "inverted";

    private final TableContext context;
    private final SnapshotManager snapshots;
    private final TableWriter writer;
    private final IndexManager indexes;

    public FullTextIndexes(TableContext context, SnapshotManager snapshots, TableWriter writer, IndexManager indexes) {
        this.context = context;
        this.snapshots = snapshots;
        this.writer = writer;
        this.indexes = indexes;
    }

    /** The full-text index of a snapshot's version, if it has one. */
    public Optional<FullTextIndexInfo> describe(Snapshot snapshot) {
        return context.call("describe full-text index", () -> read(snapshot.dataset()));
    }

    /** The full-text index of the version searches currently see. */
    public Optional<FullTextIndexInfo> current() {
        return snapshots.read(this::describe);
    }

    /**
     * Builds (or rebuilds) the index with these settings on a separate handle; searches keep running meanwhile and
     * move to the indexed version when it commits. Other full-text indexes on {@code text} are dropped afterwards,
     * so one tokenization answers every query.
     */
    public FullTextIndexInfo create(FullTextIndexSpec spec) {
        String operation = "create full-text index on '" + TableSchema.TEXT + "'";
        long started = System.nanoTime();
        indexes.buildOnSeparateHandle(operation, ds -> ds.createIndex(IndexOptions
                .builder(List.of(TableSchema.TEXT), IndexType.INVERTED, FullTextIndexParams.of(spec))
                .withIndexName(INDEX_NAME)
                .replace(true)
                .build()));
        long built = System.nanoTime();
        indexes.buildOnSeparateHandle(operation + " (drop other full-text indexes)", ds -> {
            for (String other : invertedIndexNames(ds)) {
                if (!other.equals(INDEX_NAME)) {
                    ds.dropIndex(other);
                }
            }
        });
        FullTextIndexInfo info = current().orElseThrow(() -> new LanceStoreException(context.name(), operation,
                "The full-text index of table '" + context.name() + "' was built but is not visible", null));
        log.info("Built full-text index {} on '{}' of table '{}' ({} rows, {}) in {} ms", INDEX_NAME, TableSchema.TEXT,
                context.name(), info.indexedRows(), spec, (built - started) / 1_000_000);
        return info;
    }

    /** Folds rows written since the last build into the index (no-op without an index or new rows). */
    public void optimize() {
        Optional<FullTextIndexInfo> index = current();
        if (index.isEmpty() || index.get().unindexedRows() == 0) {
            return;
        }
        String name = index.get().name();
        indexes.buildOnSeparateHandle("optimize full-text index",
                ds -> ds.optimizeIndices(OptimizeOptions.builder().indexNames(List.of(name)).build()));
    }

    /** Drops every full-text index on {@code text}; full-text searches then tokenize every row at query time. */
    public void drop() {
        if (current().isEmpty()) {
            return;
        }
        writer.write("drop full-text index", layout -> ds -> {
            for (String name : invertedIndexNames(ds)) {
                ds.dropIndex(name);
            }
            return ds;
        });
    }

    private static Optional<FullTextIndexInfo> read(Dataset dataset) {
        Integer textField = textFieldId(dataset);
        IndexDescription chosen = null;
        for (IndexDescription d : dataset.describeIndices()) {
            if (INVERTED.equalsIgnoreCase(d.getIndexType()) && d.getFieldIds().equals(List.of(textField))
                    && (chosen == null || d.getName().equals(INDEX_NAME))) {
                chosen = d;
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        Map<String, Object> stats = dataset.getIndexStatistics(chosen.getName());
        return Optional.of(new FullTextIndexInfo(chosen.getName(), FullTextIndexParams.fromDetails(chosen.getDetailsJson()),
                number(stats.get("num_indexed_rows"), chosen.getRowsIndexed()), number(stats.get("num_unindexed_rows"), 0)));
    }

    private static List<String> invertedIndexNames(Dataset dataset) {
        Integer textField = textFieldId(dataset);
        List<String> names = new ArrayList<>();
        for (IndexDescription d : dataset.describeIndices()) {
            if (INVERTED.equalsIgnoreCase(d.getIndexType()) && d.getFieldIds().equals(List.of(textField))) {
                names.add(d.getName());
            }
        }
        return names;
    }

    private static Integer textFieldId(Dataset dataset) {
        for (LanceField f : dataset.getLanceSchema().fields()) {
            if (f.getName().equals(TableSchema.TEXT)) {
                return f.getId();
            }
        }
        return null;
    }

    private static long number(Object value, long fallback) {
        return value instanceof Number n ? n.longValue() : fallback;
    }
}
