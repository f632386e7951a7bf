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
    private final Map<String, java.util.Set<io.github.lancedb4j.store.internal.ValueCategory>> pendingPromotions =
            new ConcurrentHashMap<>();
    private final AtomicBoolean restampRequested = new AtomicBoolean();
    private volatile long lastRestampNanos = System.nanoTime() - RESTAMP_EVERY.toNanos();

    /** A restamp rewrites a column of every row: at most this often (uncovered rows are read correctly meanwhile). */
    static final java.time.Duration RESTAMP_EVERY = java.time.Duration.ofMinutes(10);

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
    void requestPromotion(Map<String, java.util.Set<io.github.lancedb4j.store.internal.ValueCategory>> wanted) {
        wanted.forEach((k, v) -> pendingPromotions.merge(k, v, (a, b) -> {
            java.util.Set<io.github.lancedb4j.store.internal.ValueCategory> all = java.util.EnumSet.copyOf(a);
            all.addAll(b);
            return all;
        }));
        wake();
    }

    /** Asks, at most every {@link #RESTAMP_EVERY}, for rows other writers left uncovered to be restamped. */
    void requestRestamp() {
        if (System.nanoTime() - lastRestampNanos >= RESTAMP_EVERY.toNanos() && restampRequested.compareAndSet(false,
                true)) {
            wake();
        }
    }

    private void wake() {
        dirty.set(true);
        if (running.compareAndSet(false, true)) {
            schedule();
        }
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
                promoteRequestedKeys();
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

    private void promoteRequestedKeys() {
        if (table.isClosed()) {
            return;
        }
        Map<String, java.util.Set<io.github.lancedb4j.store.internal.ValueCategory>> wanted = new java.util.HashMap<>();
        for (String key : new java.util.ArrayList<>(pendingPromotions.keySet())) {
            java.util.Set<io.github.lancedb4j.store.internal.ValueCategory> categories = pendingPromotions.remove(key);
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
