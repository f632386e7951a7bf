package io.github.lancedb4j.store;

import java.time.Duration;

/**
 * When a database's tables are maintained in the background — merging the small fragments that many small writes
 * leave, deleting versions past their retention, and carrying out automatic index policies and key promotions — and
 * how long old versions are kept.
 *
 * <p>A run is due every {@code everyWrites} commits of this process, and every {@code interval}; one run at a time per
 * database, never on the callers' threads. Its commits are retried when they lose a race with a user write (and a
 * compaction holds this process's writes back for its few milliseconds instead of fighting them). Failures are kept
 * in {@link LanceTable#maintenanceStatus()} (and so in the starter's health).
 *
 * @param enabled          false: nothing runs by itself ({@link LanceTable#runMaintenance()} still does)
 * @param everyWrites      commits between two runs (0: not by writes)
 * @param interval         time between two runs (null: not by time)
 * @param versionRetention versions older than this are deleted (null: every version is kept); tagged versions are
 *                         always kept
 * @param maxFragments     compaction merges small fragments once a table has more than this many
 */
public record Maintenance(boolean enabled, int everyWrites, Duration interval, Duration versionRetention,
        int maxFragments) {

    /** LanceDB's own default: versions are kept for a week. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    public static final Maintenance DEFAULTS = new Maintenance(true, 20, Duration.ofMinutes(10), DEFAULT_RETENTION,
            32);

    public Maintenance {
        if (everyWrites < 0 || maxFragments < 1) {
            throw new IllegalArgumentException("Maintenance: everyWrites must be >= 0 and maxFragments >= 1, got "
                    + everyWrites + " and " + maxFragments);
        }
        if (interval != null && (interval.isZero() || interval.isNegative())) {
            throw new IllegalArgumentException("Maintenance: the interval must be positive, got " + interval);
        }
        if (versionRetention != null && versionRetention.isNegative()) {
            throw new IllegalArgumentException("Maintenance: the version retention must not be negative");
        }
    }

    public static Maintenance disabled() {
        return new Maintenance(false, 0, null, DEFAULT_RETENTION, 32);
    }

    public Maintenance withEveryWrites(int writes) {
        return new Maintenance(enabled, writes, interval, versionRetention, maxFragments);
    }

    public Maintenance withInterval(Duration every) {
        return new Maintenance(enabled, everyWrites, every, versionRetention, maxFragments);
    }

    public Maintenance withVersionRetention(Duration retention) {
        return new Maintenance(enabled, everyWrites, interval, retention, maxFragments);
    }

    public Maintenance withMaxFragments(int fragments) {
        return new Maintenance(enabled, everyWrites, interval, versionRetention, fragments);
    }

    public Maintenance withEnabled(boolean on) {
        return new Maintenance(on, everyWrites, interval, versionRetention, maxFragments);
    }
}
