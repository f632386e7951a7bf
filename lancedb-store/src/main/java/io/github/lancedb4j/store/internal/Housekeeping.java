package io.github.lancedb4j.store.internal;

import java.time.Duration;
import org.lance.Dataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a table from growing without bound, on a separate handle: merges small fragments (many small writes make
 * many fragments, and every search pays per fragment) and deletes the files of versions older than a retention
 * ({@link VersionCleanup}: tagged versions and versions this process reads are kept).
 * A compaction that loses a commit race to a user write is re-run on the latest version.
 */
public final class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final TableContext context;
    private final SnapshotManager snapshots;
    private final ConflictRetry retry;
    private final VersionCleanup cleanup;

    public Housekeeping(TableContext context, SnapshotManager snapshots, ConflictRetry retry, VersionCleanup cleanup) {
        this.context = context;
        this.snapshots = snapshots;
        this.retry = retry;
        this.cleanup = cleanup;
    }

    /** Compacts when there are more than {@code maxFragments} fragments; returns the number of versions removed. */
    public long compactAndCleanUp(Duration retention, int maxFragments) {
        retry.run(context.name(), "compact", () -> context.guarded(() -> {
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
        }));
        long removed = retention == null ? 0 : cleanup.run(retention);
        snapshots.refresh();
        return removed;
    }
}
