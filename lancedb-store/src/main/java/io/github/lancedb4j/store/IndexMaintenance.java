package io.github.lancedb4j.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out each column's {@link IndexPolicy} for one table: after a write it decides, off the writing thread,
 * whether to build, switch, retrain or optimize the column's index. One maintenance run at a time per table; writes
 * during a run trigger another run when it ends.
 */
final class IndexMaintenance {

    private static final Logger log = LoggerFactory.getLogger(IndexMaintenance.class);
    private static final long MIN_ROWS_TO_OPTIMIZE = 1_000;

    record ColumnPolicy(IndexPolicy policy, DistanceMetric metric) {
    }

    private final LanceTable table;
    private final Executor executor;
    private final Map<String, ColumnPolicy> policies = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicInteger writesSinceHousekeeping = new java.util.concurrent.atomic.AtomicInteger();
    private final java.time.Duration versionRetention;
    /** What the last runs did, for {@link #status}. */
    private volatile java.time.Instant lastRunAt;
    private volatile String lastOutcome;
    private volatile java.time.Instant lastHousekeepingAt;
    private volatile long versionsRemoved;
    private volatile String lastIndexAction;

    /** Writes between two housekeeping passes (compaction of small fragments, removal of old versions). */
    static final int HOUSEKEEPING_EVERY_WRITES = 20;
    static final int MAX_FRAGMENTS = 32;

    IndexMaintenance(LanceTable table, Executor executor, java.time.Duration versionRetention) {
        this.table = table;
        this.executor = executor;
        this.versionRetention = versionRetention;
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

    /**
     * Called after every write: schedules a maintenance run if any column is on the automatic policy, or when
     * housekeeping is due.
     */
    void afterWrite() {
        boolean housekeepingDue = writesSinceHousekeeping.incrementAndGet() >= HOUSEKEEPING_EVERY_WRITES;
        if (!housekeepingDue && policies.values().stream().noneMatch(p -> p.policy().mode() == IndexPolicy.Mode.AUTO)) {
            return;
        }
        dirty.set(true);
        if (running.compareAndSet(false, true)) {
            schedule();
        }
    }

    private void schedule() {
        try {
            executor.execute(this::run);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            running.set(false); // the database is closing
        }
    }

    private void run() {
        try {
            while (dirty.getAndSet(false)) {
                if (writesSinceHousekeeping.get() >= HOUSEKEEPING_EVERY_WRITES && !table.isClosed()) {
                    writesSinceHousekeeping.set(0);
                    versionsRemoved = table.compactAndCleanUp(versionRetention, MAX_FRAGMENTS);
                    lastHousekeepingAt = java.time.Instant.now();
                }
                policies.forEach((column, p) -> {
                    if (p.policy().mode() == IndexPolicy.Mode.AUTO) {
                        maintain(column, p);
                    }
                });
            }
            lastOutcome = "ok";
        } catch (IllegalStateException closing) {
            log.debug("Index maintenance of table '{}' stopped: {}", table.name(), closing.getMessage());
        } catch (RuntimeException e) {
            log.warn("Index maintenance of table '{}' failed; it is retried after the next write: {}", table.name(),
                    e.getMessage(), e);
            lastOutcome = "failed: " + e.getMessage();
        } finally {
            lastRunAt = java.time.Instant.now();
            running.set(false);
            if (dirty.get() && running.compareAndSet(false, true)) {
                schedule();
            }
        }
    }

    /** What maintenance is doing and last did; {@code fragments} is read by the caller. */
    MaintenanceStatus status(int fragments) {
        Map<String, IndexPolicy.Mode> modes = new java.util.TreeMap<>();
        policies.forEach((column, p) -> modes.put(column, p.policy().mode()));
        return new MaintenanceStatus(running.get(), lastRunAt, lastOutcome, lastHousekeepingAt, versionsRemoved,
                lastIndexAction, Math.max(0, HOUSEKEEPING_EVERY_WRITES - writesSinceHousekeeping.get()),
                versionRetention, fragments, modes);
    }

    private void maintain(String column, ColumnPolicy p) {
        if (table.isClosed() || table.countRows() < p.policy().minRows()) {
            return;
        }
        long vectors = table.countVectors(column);
        VectorIndexSpec target = p.policy().target(vectors);
        if (target == null) {
            return;
        }
        VectorIndexInfo index = table.vectorIndex(column).orElse(null);
        String reason = null;
        if (index == null) {
            reason = "the column reached " + vectors + " vectors";
        } else if (index.metric() != p.metric()) {
            reason = "the index was built for " + index.metric() + ", searches use " + p.metric();
        } else if (target.isExact() != isExact(index) || !target.isExact() && index.type() != target.type()) {
            reason = "the column has " + vectors + " vectors, which calls for " + (target.isExact() ? "an exact index"
                    : "an " + target.type() + " index");
        } else if (!target.isExact() && index.partitions() != null
                && target.partitionsFor(vectors) >= 2L * index.partitions()) {
            reason = "the column grew to " + vectors + " vectors, retraining its " + index.partitions() + " partitions";
        }
        if (reason != null) {
            log.info("Building the index of column '{}' of table '{}': {}", column, table.name(), reason);
            lastIndexAction = "built the " + (target.isExact() ? "exact" : target.type()) + " index of '" + column + "': " + reason;
            table.createVectorIndex(column, target, p.metric());
        } else if (index.unindexedRows() >= Math.max(MIN_ROWS_TO_OPTIMIZE,
                (long) (p.policy().optimizeFraction() * index.indexedRows()))) {
            log.info("Folding {} new rows into the index of column '{}' of table '{}'", index.unindexedRows(), column,
                    table.name());
            table.optimizeVectorIndexes();
            lastIndexAction = "folded " + index.unindexedRows() + " new rows into the index of '" + column + "'";
        }
    }

    private static boolean isExact(VectorIndexInfo index) {
        return index.exact();
    }
}
