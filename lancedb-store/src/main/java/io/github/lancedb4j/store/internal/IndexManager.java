package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.LanceStoreException;
import io.github.lancedb4j.store.SearchTuning;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.VectorIndexInfo;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.lance.Dataset;
import org.lance.index.IndexOptions;
import org.lance.index.IndexParams;
import org.lance.index.OptimizeOptions;
import org.lance.index.vector.VectorIndexParams;
import org.lance.ipc.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table's vector indexes: builds, optimizes and drops them, and reads them per version (kept with the
 * {@link Snapshot}, so the cache is keyed by version by construction).
 *
 * <p>Builds run on a separate handle, so searches keep running on the current version meanwhile (a long native call
 * blocks other calls on its own handle); one build at a time per table in this process, so an explicit build waits
 * for a background one instead of racing it; and each commit is retried when it loses to another writer. The spec an
 * index was built with is recorded in the table's config, so its search tuning survives a restart.
 */
public final class IndexManager {

    private static final Logger log = LoggerFactory.getLogger(IndexManager.class);

    private final TableContext context;
    private final SnapshotManager snapshots;
    private final TableWriter writer;
    private final ConflictRetry retry;
    private final ReentrantLock buildLock = new ReentrantLock();
    private final Set<String> metricWarnings = ConcurrentHashMap.newKeySet();

    public IndexManager(TableContext context, SnapshotManager snapshots, TableWriter writer, ConflictRetry retry) {
        this.context = context;
        this.snapshots = snapshots;
        this.writer = writer;
        this.retry = retry;
    }

    /** The vector indexes of a snapshot's version, by column (read once per version). */
    public IndexState describe(Snapshot snapshot) {
        return snapshot.indexes(() -> new IndexState(context.call("describe indexes",
                () -> VectorIndexReader.read(snapshot.dataset()))));
    }

    /** The vector indexes of the version searches currently see. */
    public Map<String, VectorIndexInfo> current() {
        return snapshots.read(s -> describe(s).byColumn());
    }

    /**
     * Builds (or rebuilds) a column's vector index and moves searches to the indexed version.
     *
     * @throws IllegalArgumentException when the index cannot be trained (no vectors, too few for PQ, …)
     */
    public VectorIndexInfo create(VectorColumn column, VectorIndexSpec spec, DistanceMetric metric) {
        String operation = "create " + spec.type() + " index on '" + column.name() + "'";
        String name = indexName(column.name(), spec);
        buildLock.lock();
        try {
            // Each attempt holds the database open from opening its handle to closing it.
            retry.run(context.name(), operation, () -> context.guarded(() -> {
                build(column, spec, metric, operation, name);
                return null;
            }));
            retry.run(context.name(), operation + " (record spec)", () -> context.guarded(() -> {
                finish(column.name(), spec, name, operation);
                return null;
            }));
            // Still holding the build lock: a background build queued behind this one would otherwise replace (and
            // drop) this index before it is described.
            snapshots.refresh();
            return current().values().stream().filter(i -> i.column().equals(column.name())).findFirst()
                    .orElseThrow(() -> new LanceStoreException(context.name(), operation, "The index on '"
                            + column.name() + "' of table '" + context.name() + "' was built but is not visible",
                            null));
        } finally {
            buildLock.unlock();
        }
    }

    private void build(VectorColumn column, VectorIndexSpec spec, DistanceMetric metric, String operation, String name) {
        Dataset builder = context.openLatest(operation);
        try {
            long rows = context.call(operation, () -> builder.countRows("`" + column.name() + "` IS NOT NULL"));
            VectorIndexParams params = VectorIndexParamsFactory.params(spec, context.name(), column.name(), rows,
                    column.dimension(), metric);
            long started = System.nanoTime();
            context.run(operation, () -> builder.createIndex(IndexOptions
                    .builder(List.of(column.name()), LanceTypes.indexType(spec.type()),
                            IndexParams.builder().setVectorIndexParams(params).build())
                    .withIndexName(name)
                    .replace(true)
                    .build()));
            log.info("Built {} index on '{}' of table '{}' ({} vectors, {} partitions, {}) in {} ms", spec.type(),
                    column.name(), context.name(), rows, spec.partitionsFor(rows), metric,
                    (System.nanoTime() - started) / 1_000_000);
        } finally {
            builder.close();
        }
    }

    /**
     * A column has one vector index: drops the one this build replaced (the exact and the approximate index have
     * different names, so that the kind survives Lance splitting the exact index's partition), and records the spec.
     */
    private void finish(String column, VectorIndexSpec spec, String name, String operation) {
        Dataset handle = context.openLatest(operation);
        try {
            // Only older indexes are replaced: two processes building different kinds at once must not each drop
            // the other's (that left the column with no index). Newer build version wins; a tie goes to the name.
            Map<String, Long> built = context.call(operation,
                    () -> VectorIndexReader.vectorIndexBuildVersions(handle, column));
            Long mine = built.get(name);
            if (mine != null) {
                for (Map.Entry<String, Long> other : built.entrySet()) {
                    boolean older = other.getValue() < mine
                            || other.getValue().equals(mine) && other.getKey().compareTo(name) < 0;
                    if (!other.getKey().equals(name) && older) {
                        context.run(operation, () -> handle.dropIndex(other.getKey()));
                    }
                }
            }
            context.run(operation, () -> TableConfig.put(handle, Map.of(IndexSpecCodec.configKey(column),
                    IndexSpecCodec.encode(spec))));
        } finally {
            handle.close();
        }
    }

    /** Folds rows written since the last build into every vector index (no retraining), on a separate handle. */
    public void optimize() {
        if (current().isEmpty()) {
            return;
        }
        buildLock.lock();
        try {
            retry.run(context.name(), "optimize indexes", () -> context.guarded(() -> {
                Dataset optimizer = context.openLatest("optimize indexes");
                try {
                    context.run("optimize indexes",
                            () -> optimizer.optimizeIndices(OptimizeOptions.builder().build()));
                } finally {
                    optimizer.close();
                }
                return null;
            }));
        } finally {
            buildLock.unlock();
        }
        snapshots.refresh();
    }

    /**
     * Runs a build step for another kind of index (the full-text index) the way vector builds run: on a separate
     * handle at the latest version, one build at a time per table, each attempt re-run on the latest version when its
     * commit loses a race; then moves searches to the new version.
     */
    public void buildOnSeparateHandle(String operation, Consumer<Dataset> step) {
        buildLock.lock();
        try {
            retry.run(context.name(), operation, () -> context.guarded(() -> {
                Dataset handle = context.openLatest(operation);
                try {
                    context.run(operation, () -> step.accept(handle));
                } finally {
                    handle.close();
                }
                return null;
            }));
        } finally {
            buildLock.unlock();
        }
        snapshots.refresh();
    }

    /** Drops a column's vector index, if it has one; its searches become exact scans. */
    public void drop(String column) {
        VectorIndexInfo index = current().get(column);
        if (index == null) {
            return;
        }
        writer.write("drop index", layout -> ds -> {
            for (String name : VectorIndexReader.vectorIndexNames(ds, column)) {
                ds.dropIndex(name);
            }
            ds.deleteConfigKeys(Set.of(IndexSpecCodec.configKey(column)));
            return ds;
        });
    }

    /**
     * Sets the index search parameters of a query on {@code column}: the request's tuning over the index's recorded
     * tuning. A query whose metric differs from the index's cannot use it: we say so once, then scan on purpose
     * (Lance would silently fall back to the same scan).
     */
    public void tune(Query.Builder nearest, IndexState indexes, String column, DistanceMetric metric,
            SearchTuning requested, int k, FilterCounter filter) {
        VectorIndexInfo index = indexes.byColumn().get(column);
        if (index == null) {
            return;
        }
        if (index.metric() != metric) {
            if (metricWarnings.add(column + "/" + metric)) {
                log.warn("Searching column '{}' of table '{}' by {} but its {} index was built for {}: these searches "
                        + "scan every vector (exact, slow). Rebuild the index with {} to use it.", column,
                        context.name(), metric, index.type(), index.metric(), metric);
            }
            nearest.setUseIndex(false);
            return;
        }
        SearchTuning tuning = (requested == null ? SearchTuning.DEFAULTS : requested).orElse(index.searchTuning());
        FilteredSearchPlan plan = filter == null || index.exact() ? null
                : filter.plan(index, tuning.nprobes() == null ? 1 : tuning.nprobes());
        if (plan != null && plan.exact()) {
            nearest.setUseIndex(false); // few matches: compare them all
            return;
        }
        if (plan != null) {
            nearest.setMinimumNprobes(plan.minimumNprobes());
            nearest.setMaximumNprobes(plan.maximumNprobes());
        } else if (tuning.nprobes() != null) {
            nearest.setNprobes(tuning.nprobes());
        }
        if (tuning.refineFactor() != null && index.type() != VectorIndexType.IVF_FLAT) {
            nearest.setRefineFactor(tuning.refineFactor());
        }
        if (tuning.ef() != null && index.type() == VectorIndexType.IVF_HNSW_SQ) {
            // Lance requires ef >= k × refine factor (the candidates HNSW must return).
            int refine = tuning.refineFactor() == null ? 1 : tuning.refineFactor();
            nearest.setEf(Math.max(tuning.ef(), k * refine));
        }
    }

    /** Counts the rows a search's filter matches, to plan the search ({@link FilteredSearchPlan}). */
    @FunctionalInterface
    public interface FilterCounter {
        FilteredSearchPlan plan(VectorIndexInfo index, int defaultNprobes);
    }

    /** The index name the store gives a column's vector index: {@code <column>_idx}, or {@code <column>_exact_idx}. */
    public static String indexName(String column, VectorIndexSpec spec) {
        return column + (spec.isExact() ? VectorIndexInfo.EXACT_SUFFIX : "_idx");
    }
}
