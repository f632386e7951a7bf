package io.github.lancedb4j.store.internal;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.lance.Dataset;
import org.lance.cleanup.CleanupPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the files of old versions, on a separate handle, and never those of a version someone still reads:
 *
 * <ul>
 *   <li>tagged versions are kept. Lance's default is to <em>fail</em> the whole cleanup when an old version is
 *       tagged ("tagged version(s) have been marked for cleanup"), which would stop housekeeping for good once a
 *       release is tagged; we ask it to skip them instead;</li>
 *   <li>versions this process reads — the snapshot searches use, and every read-only view opened with
 *       {@code asOf} — are kept, with every newer version ({@code oldestInUse}).</li>
 * </ul>
 *
 * Readers in other processes are protected by tags only: pin them with a tag, not a bare version number.
 */
public final class VersionCleanup {

    private static final Logger log = LoggerFactory.getLogger(VersionCleanup.class);

    private final TableContext context;
    private final LongSupplier oldestInUse;

    /** {@code oldestInUse}: the oldest version read in this process, or 0 when none. */
    public VersionCleanup(TableContext context, LongSupplier oldestInUse) {
        this.context = context;
        this.oldestInUse = oldestInUse;
    }

    /** Deletes versions committed more than {@code olderThan} ago; returns how many were removed. */
    public long run(Duration olderThan) {
        if (olderThan == null || olderThan.isNegative()) {
            throw new IllegalArgumentException("Name how old a version must be to be removed (zero or more), got "
                    + olderThan);
        }
        long inUse = oldestInUse.getAsLong();
        CleanupPolicy.Builder policy = CleanupPolicy.builder()
                .withBeforeTimestampMillis(System.currentTimeMillis() - olderThan.toMillis())
                .withErrorIfTaggedOldVersions(false);
        if (inUse > 0) {
            policy.withBeforeVersion(inUse); // both bounds apply: older than the time AND below this version
        }
        CleanupPolicy built = policy.build();
        long removed = context.guarded(() -> {
            Dataset worker = context.openLatest("clean up old versions");
            try {
                return context.call("clean up old versions", () -> worker.cleanupWithPolicy(built).getOldVersions());
            } finally {
                worker.close();
            }
        });
        if (removed > 0) {
            log.debug("Removed {} versions of table '{}' older than {} (kept tagged versions and those from {} on, "
                    + "which this process reads)", removed, context.name(), olderThan, inUse);
        }
        return removed;
    }
}
