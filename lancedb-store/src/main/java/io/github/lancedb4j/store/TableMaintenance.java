package io.github.lancedb4j.store;

import io.github.lancedb4j.store.internal.ValueCategory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one table in shape, off the callers' threads and one run at a time: housekeeping ({@link Maintenance}:
 * compaction and cleanup of old versions), each column's {@link IndexPolicy} (build, switch, retrain or optimize the
 * vector index), and requested key promotions. A run is due after {@link Maintenance#everyWrites()} commits, every
 * {@link Maintenance#interval()}, on request, and after any write when an automatic policy applies; writes during a
 * run trigger another run when it ends.
 */
final class TableMaintenance {

    private static final Logger log = LoggerFactory.getLogger(TableMaintenance.class);

    /** A restamp rewrites a column of every row: at most this often (uncovered rows are read correctly meanwhile). */
    static final java.time.Duration RESTAMP_EVERY = java.time.Duration.ofMinutes(10);

    record ColumnPolicy(IndexPolicy policy, DistanceMetric metric) {
    }

    private final LanceTable table;
    private final Executor executor;
    private final Maintenance settings;
    private final Map<String, ColumnPolicy> policies = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicBoolean housekeepingDue = new AtomicBoolean();
    private final AtomicInteger writesSinceHousekeeping = new AtomicInteger();
    private final Map<String, Set<ValueCategory>> pendingPromotions = new ConcurrentHashMap<>();
    private final FullTextMaintenance fullText;
    private final AtomicBoolean restampRequested = new AtomicBoolean();
    private final ScheduledFuture<?> timer;
    private volatile long lastRestampNanos = System.nanoTime() - RESTAMP_EVERY.toNanos();
    private volatile MaintenanceStatus status = new MaintenanceStatus(0, null, null, 0, 0);

    TableMaintenance(LanceTable table, Executor executor, ScheduledExecutorService scheduler, Maintenance settings) {
        this.table = table;
        this.executor = executor;
        this.settings = settings;
        this.timer = settings.enabled() && settings.interval() != null
                ? scheduler.scheduleWithFixedDelay(this::timeToRun, settings.interval().toMillis(),
                        settings.interval().toMillis(), TimeUnit.MILLISECONDS)
                : null;
        this.fullText = new FullTextMaintenance(table);
    }

    MaintenanceStatus status() {
        return status;
    }

    void stop() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Sets who builds the table's full-text index and with what settings. */
    void setFullText(IndexPolicy.Mode mode, FullTextIndexSpec spec) {
        fullText.set(new FullTextMaintenance.Policy(mode, spec));
        afterWrite();
    }

    FullTextMaintenance.Policy fullTextPolicy() {
        return fullText.policy();
    }

    void set(String column, IndexPolicy policy, DistanceMetric metric) {
        ColumnPolicy previous = policies.put(column, new ColumnPolicy(policy, metric));
        if (previous != null && (previous.policy().mode() != policy.mode() || previous.metric() != metric)) {
            log.info("Index policy of column '{}' of table '{}' changed from {} ({}) to {} ({})", column, table.name(),
                    previous.policy().mode(), previous.metric(), policy.mode(), metric);
        }
        afterWrite();
    }

    IndexPolicy policy(String column) {
        ColumnPolicy p = policies.get(column);
        return p == null ? null : p.policy();
    }

    /** Filtered searches after which a key is promoted: the smallest among AUTO columns (0: never). */
    int promoteKeysAfter() {
        return policies.values().stream().filter(p -> p.policy().mode() == IndexPolicy.Mode.AUTO)
                .mapToInt(p -> p.policy().promoteKeysAfter()).filter(n -> n > 0).min().orElse(0);
    }

    /** The smallest table (rows) on which keys are promoted automatically. */
    long promoteKeysMinRows() {
        return policies.values().stream().filter(p -> p.policy().mode() == IndexPolicy.Mode.AUTO)
                .mapToLong(p -> p.policy().minRows()).min().orElse(Long.MAX_VALUE);
    }

    /** Asks for keys to be promoted, in the background. */
    void requestPromotion(Map<String, Set<ValueCategory>> wanted) {
        wanted.forEach((k, v) -> pendingPromotions.merge(k, v, (a, b) -> {
            Set<ValueCategory> all = EnumSet.copyOf(a);
            all.addAll(b);
            return all;
        }));
        wake();
    }

    /** Asks, at most every {@link #RESTAMP_EVERY}, for rows other writers left uncovered to be restamped. */
    void requestRestamp() {
        if (System.nanoTime() - lastRestampNanos >= RESTAMP_EVERY.toNanos()
                && restampRequested.compareAndSet(false, true)) {
            wake();
        }
    }

    /** Called after every commit of this process: counts towards housekeeping; wakes automatic policies. */
    void afterWrite() {
        if (settings.enabled() && settings.everyWrites() > 0
                && writesSinceHousekeeping.incrementAndGet() >= settings.everyWrites()) {
            writesSinceHousekeeping.set(0);
            housekeepingDue.set(true);
            wake();
        } else if (fullText.isAuto()
                || policies.values().stream().anyMatch(p -> p.policy().mode() == IndexPolicy.Mode.AUTO)) {
            wake();
        }
    }

    /**
     * Runs maintenance now, on the calling thread, after any background run: housekeeping, index policies and key
     * promotions. Returns the status after it.
     */
    MaintenanceStatus runNow() {
        housekeepingDue.set(true);
        while (!running.compareAndSet(false, true)) {
            Thread.onSpinWait();
            sleep(10);
        }
        try {
            runOnce(true);
        } finally {
            running.set(false);
        }
        return status;
    }

    private void timeToRun() {
        housekeepingDue.set(true);
        wake();
    }

    private void wake() {
        dirty.set(true);
        if (running.compareAndSet(false, true)) {
            schedule();
        }
    }

    private void schedule() {
        try {
            executor.execute(this::run);
        } catch (RejectedExecutionException closing) {
            running.set(false); // the database is closing
        }
    }

    private void run() {
        try {
            while (dirty.getAndSet(false)) {
                runOnce(false);
            }
        } finally {
            running.set(false);
            if (dirty.get() && running.compareAndSet(false, true)) {
                schedule();
            }
        }
    }

    private void runOnce(boolean rethrow) {
        if (table.isClosed()) {
            return;
        }
        long removed = 0;
        try {
            promoteRequestedKeys();
            if (housekeepingDue.getAndSet(false)) {
                removed = table.compactAndCleanUp(settings.versionRetention(), settings.maxFragments());
            }
            fullText.maintain();
            policies.forEach((column, p) -> {
                if (p.policy().mode() == IndexPolicy.Mode.AUTO) {
                    maintain(column, p);
                }
            });
            MaintenanceStatus s = status;
            status = new MaintenanceStatus(s.runs() + 1, Instant.now(), null, 0, s.versionsRemoved() + removed);
        } catch (IllegalStateException closing) {
            log.debug("Maintenance of table '{}' stopped: {}", table.name(), closing.getMessage());
        } catch (RuntimeException e) {
            MaintenanceStatus s = status;
            status = new MaintenanceStatus(s.runs() + 1, Instant.now(), e.getMessage(), s.consecutiveFailures() + 1,
                    s.versionsRemoved() + removed);
            log.warn("Maintenance of table '{}' failed ({} in a row); it runs again after the next write or in {}: {}",
                    table.name(), status.consecutiveFailures(), settings.interval(), e.getMessage(), e);
            if (rethrow) {
                throw e;
            }
        }
    }

    private void promoteRequestedKeys() {
        Map<String, Set<ValueCategory>> wanted = new HashMap<>();
        for (String key : new ArrayList<>(pendingPromotions.keySet())) {
            Set<ValueCategory> categories = pendingPromotions.remove(key);
            if (categories != null) {
                wanted.put(key, categories);
            }
        }
        if (!wanted.isEmpty()) {
            table.promoteKeys(wanted);
        } else if (restampRequested.getAndSet(false)) {
            lastRestampNanos = System.nanoTime();
            table.promoteKeys(Map.of());
        }
    }

    /** Its own failure does not keep the vector indexes from being maintained (nor the other way round). */
    private void maintainFullText() {
        try {
            fullText.maintain();
        } catch (IllegalStateException closing) {
            throw closing;
        } catch (RuntimeException e) {
            log.warn("Full-text index maintenance of table '{}' failed; it is retried after the next write: {}",
                    table.name(), e.getMessage(), e);
        }
    }

    private void maintain(String column, ColumnPolicy p) {
        VectorIndexInfo index = table.indexes().vectorIndex(column).orElse(null);
        // The index knows how many vectors it covers and how many came since: no scan of the vector column. Without
        // an index, the row count (from the manifest) bounds the vectors; the column is counted only past minRows.
        long vectors;
        if (index != null) {
            vectors = index.indexedRows() + index.unindexedRows();
        } else if (table.countRows() < p.policy().minRows()) {
            return;
        } else {
            vectors = table.countVectors(column);
        }
        VectorIndexSpec target = p.policy().target(vectors);
        if (target == null) {
            return;
        }
        String reason = null;
        if (index == null) {
            reason = "the column reached " + vectors + " vectors";
        } else if (index.metric() != p.metric()) {
            reason = "the index was built for " + index.metric() + ", searches use " + p.metric();
        } else if (target.isExact() != index.exact() || !target.isExact() && index.type() != target.type()) {
            reason = "the column has " + vectors + " vectors, which calls for " + (target.isExact() ? "an exact index"
                    : "an " + target.type() + " index");
        } else if (!target.isExact() && index.partitions() != null
                && p.policy().outgrows(index.partitions(), vectors)) {
            reason = "the column grew to " + vectors + " vectors, retraining its " + index.partitions() + " partitions";
        }
        if (reason != null) {
            log.info("Building the index of column '{}' of table '{}': {}", column, table.name(), reason);
            table.indexes().createVectorIndex(column, target, p.metric());
        } else if (p.policy().foldsIn(index.unindexedRows(), index.indexedRows())) {
            log.info("Folding {} new rows into the index of column '{}' of table '{}'", index.unindexedRows(), column,
                    table.name());
            table.indexes().optimizeVectorIndexes();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
