package io.github.lancedb4j.store.internal;

import java.time.Duration;
import org.lance.Dataset;
import org.lance.cleanup.CleanupPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a table from growing without bound, on a separate handle: merges small fragments (many small writes make
 * many fragments, and every search pays per fragment) and deletes the files of versions older than a retention.
 * A compaction holds this process's writes back while it runs; one that loses a commit race to another process is
 * re-run on the latest version.
 */
public final class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final TableContext context;
    private final SnapshotManager snapshots;
    private final TableWriter writer;
    private final ConflictRetry retry;

    public Housekeeping(TableContext context, SnapshotManager snapshots, TableWriter writer, ConflictRetry retry) {
        this.context = context;
        this.snapshots = snapshots;
        this.writer = writer;
        this.retry = retry;
    }

    /** Compacts when there are more than {@code maxFragments} fragments; returns the number of versions removed. */
    public long compactAndCleanUp(Duration retention, int maxFragments) {
        // This process's writes wait for the compaction (milliseconds for small fragments) instead of racing it: a
        // rewrite that loses to a stream of upserts would retry for ever. Other processes' commits are retried.
        writer.whileHoldingWriteLock(() -> retry.run(context.name(), "compact", () -> context.guarded(() -> {
            Dataset worker = context.openLatest("compact");
            try {
                int fragments = context.call("compact", () -> worker.getFragments().size());
                if (fragments > maxFragments) {
                    context.run("compact", worker::compact);
                    log.info("Compacted table '{}': {} fragments -> {}", context.name(), fragments,
                            context.call("compact", () -> worker.getFragments().size()));
                }
            } finally {
                worker.close();
            }
            return null;
        })));
        long removed = retention == null ? 0 : cleanUp(retention);
        if (removed > 0) {
            log.debug("Removed {} old versions of table '{}'", removed, context.name());
        }
        snapshots.refresh();
        return removed;
    }

    /**
     * Deletes versions older than the retention. Another process cleaning the same table may delete a manifest this
     * one is reading ("not found"): then it tries again, and after a few tries leaves the rest to that process.
     */
    private long cleanUp(Duration retention) {
        for (int attempt = 1; ; attempt++) {
            try {
                return context.guarded(() -> {
                    Dataset worker = context.openLatest("clean up old versions");
                    try {
                        // Tagged versions are kept whatever their age (and do not make the cleanup fail).
                        return context.call("clean up old versions", () -> worker.cleanupWithPolicy(
                                CleanupPolicy.builder()
                                        .withBeforeTimestampMillis(System.currentTimeMillis() - retention.toMillis())
                                        .withErrorIfTaggedOldVersions(false)
                                        .build()).getOldVersions());
                    } finally {
                        worker.close();
                    }
                });
            } catch (io.github.lancedb4j.store.LanceStoreException e) {
                if (!LanceErrors.isNotFound(e)) {
                    throw e;
                }
                if (attempt == 3) {
                    log.debug("Another process is cleaning up table '{}' meanwhile; leaving it the rest: {}",
                            context.name(), e.getMessage());
                    return 0;
                }
            }
        }
    }
}
