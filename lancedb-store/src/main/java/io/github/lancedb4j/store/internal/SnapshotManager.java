package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.ReadConsistency;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.lance.Dataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the table's current {@link Snapshot} and moves it forward: at once when this process commits
 * ({@link #publish}), and for other processes' commits as the {@link ReadConsistency} says — before each read
 * (strong), from a background task (eventual), or on {@link #refresh()} only (manual).
 *
 * <p>Refreshing never takes the table's write lock and never makes a search wait for a write: a refresh only reads
 * the latest version number and, when it is newer, opens that version and swaps it in. Searches already running
 * finish on the snapshot they started with.
 */
public final class SnapshotManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SnapshotManager.class);

    private final TableContext context;
    private final ReadConsistency consistency;
    private final AtomicReference<Snapshot> current;
    /** One opener at a time: two threads finding the same new version open it once. */
    private final ReentrantLock openLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong versionChecks = new AtomicLong();
    private final AtomicLong refreshes = new AtomicLong();
    private volatile ScheduledFuture<?> background;
    private volatile long lastCheckNanos = System.nanoTime();

    public SnapshotManager(TableContext context, Dataset initial, ReadConsistency consistency) {
        this.context = context;
        this.consistency = consistency;
        this.current = new AtomicReference<>(new Snapshot(initial, null));
        if (!consistency.isManual() && !consistency.isStrong()) {
            long period = Math.max(1, consistency.interval().toMillis());
            background = context.scheduler().scheduleWithFixedDelay(this::backgroundRefresh, period, period,
                    TimeUnit.MILLISECONDS);
        }
    }

    public ReadConsistency consistency() {
        return consistency;
    }

    /**
     * Runs {@code read} on the current snapshot (after a version check when consistency is strong), holding a
     * reference so the snapshot stays open for the call.
     */
    public <T> T read(Function<Snapshot, T> read) {
        return context.guarded(() -> {
            if (consistency.isStrong()) {
                refresh();
            }
            Snapshot snapshot = acquire();
            try {
                return read.apply(snapshot);
            } finally {
                snapshot.release();
            }
        });
    }

    /** The current snapshot with a reference taken; the caller must {@link Snapshot#release()} it. */
    public Snapshot acquire() {
        while (true) {
            ensureOpen();
            Snapshot snapshot = current.get();
            if (snapshot != null && snapshot.tryRetain()) {
                return snapshot;
            }
        }
    }

    /** The current snapshot's version, without a check for newer ones. */
    public long currentVersion() {
        Snapshot snapshot = acquire();
        try {
            return snapshot.version();
        } finally {
            snapshot.release();
        }
    }

    /**
     * Makes a handle this process just committed (or opened) the current snapshot, unless the current one is at
     * least as new — then the handle is closed. Always consumes {@code dataset}.
     */
    public void publish(Dataset dataset) {
        Snapshot fresh = null;
        while (true) {
            Snapshot now = current.get();
            if (closed.get() || now == null || dataset.version() <= now.version()) {
                if (fresh != null) {
                    fresh.release();
                } else {
                    dataset.close();
                }
                return;
            }
            if (fresh == null) {
                fresh = new Snapshot(dataset, now.layout());
            }
            if (current.compareAndSet(now, fresh)) {
                lastCheckNanos = System.nanoTime();
                now.release();
                if (closed.get()) {
                    releaseCurrent(); // closed while we swapped: nobody else will release it
                }
                return;
            }
        }
    }

    /**
     * Makes {@code dataset} the current snapshot whatever its version, older or newer (a read-only view following a
     * tag that was moved back or forth). Always consumes {@code dataset}.
     */
    public void replace(Dataset dataset) {
        Snapshot now = current.get();
        if (closed.get() || now == null) {
            dataset.close();
            return;
        }
        Snapshot fresh = new Snapshot(dataset, now.layout());
        if (!current.compareAndSet(now, fresh)) {
            fresh.release(); // a concurrent swap or close won; a view has no other writer of its snapshot
            return;
        }
        now.release();
        if (closed.get()) {
            releaseCurrent();
        }
    }

    /**
     * Moves to the latest committed version if there is a newer one. Returns true when the snapshot changed. Never
     * waits for a write; concurrent callers that find the same new version open it once.
     */
    public boolean refresh() {
        ensureOpen();
        long latest = latestVersion();
        lastCheckNanos = System.nanoTime();
        if (latest <= currentVersion()) {
            return false;
        }
        openLock.lock();
        try {
            if (latest <= currentVersion()) {
                return true; // another thread opened it meanwhile
            }
            publish(context.openLatest("refresh"));
            refreshes.incrementAndGet();
            return true;
        } finally {
            openLock.unlock();
        }
    }

    private long latestVersion() {
        versionChecks.incrementAndGet();
        Snapshot snapshot = acquire();
        try {
            return context.call("check for newer versions", () -> snapshot.dataset().latestVersion());
        } finally {
            snapshot.release();
        }
    }

    private void backgroundRefresh() {
        if (closed.get()) {
            return;
        }
        // A write or an explicit refresh just brought the snapshot up to date: skip this round.
        if (System.nanoTime() - lastCheckNanos < consistency.interval().toNanos() / 2) {
            return;
        }
        try {
            refresh();
        } catch (IllegalStateException closing) {
            // the table or database is closing
        } catch (RuntimeException e) {
            log.warn("Checking table '{}' for newer versions failed; searches stay on version {} and it is retried "
                    + "in {}: {}", context.name(), currentVersion(), consistency.interval(), e.getMessage());
        }
    }

    /** Version checks done (for tests and metrics). */
    public long versionChecks() {
        return versionChecks.get();
    }

    /** Times a newer version was found and swapped in by a check. */
    public long refreshes() {
        return refreshes.get();
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("Table '" + context.name() + "' is closed");
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> task = background;
        if (task != null) {
            task.cancel(false);
        }
        releaseCurrent();
    }

    private void releaseCurrent() {
        Snapshot last = current.getAndSet(null);
        if (last != null) {
            last.release();
        }
    }
}
