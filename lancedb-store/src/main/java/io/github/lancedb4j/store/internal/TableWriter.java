package io.github.lancedb4j.store.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.lance.Dataset;

/**
 * Carries out every mutation of one table: one at a time in this process, each on a fresh handle at the latest
 * version (so it includes other processes' commits), re-run from scratch when it loses a commit race to another
 * writer, an index build or a compaction ({@link ConflictRetry}), and published to searches when it commits.
 *
 * <p>A write is planned against the layout of the version it will commit on: validation (dimensions, typed metadata
 * columns) and the native step use the same columns, and a plan that rejects its input leaves the table untouched.
 */
public final class TableWriter {

    /** The native part of a write, on a writer handle; returns the handle of the committed version. */
    @FunctionalInterface
    public interface NativeStep {
        Dataset apply(Dataset writer) throws Exception;
    }

    private final TableContext context;
    private final SnapshotManager snapshots;
    private final ConflictRetry retry;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Runnable> afterWrite = new CopyOnWriteArrayList<>();

    public TableWriter(TableContext context, SnapshotManager snapshots, ConflictRetry retry) {
        this.context = context;
        this.snapshots = snapshots;
        this.retry = retry;
    }

    /** Runs after every committed write, on the writing thread (keep it cheap: schedule work elsewhere). */
    public void onCommit(Runnable listener) {
        afterWrite.add(listener);
    }

    /**
     * Plans and commits one write. {@code plan} sees the layout of the latest version and may throw
     * {@link IllegalArgumentException} for bad input (nothing is written); it is called again on each retry.
     */
    public void write(String operation, Function<TableLayout, NativeStep> plan) {
        lock.lock();
        try {
            Dataset committed = retry.run(context.name(), operation,
                    () -> context.guarded(() -> attempt(operation, plan)));
            snapshots.publish(committed);
        } finally {
            lock.unlock();
        }
        afterWrite.forEach(Runnable::run);
    }

    private Dataset attempt(String operation, Function<TableLayout, NativeStep> plan) {
        if (snapshots.isClosed()) {
            throw new IllegalStateException("Table '" + context.name() + "' is closed");
        }
        Dataset writer = context.openLatest(operation);
        try {
            TableLayout layout = context.call(operation + " (read schema)", () -> TableLayout.of(writer));
            NativeStep step = plan.apply(layout);
            Dataset result = context.call(operation, () -> step.apply(writer));
            if (result != writer && !writer.closed()) {
                writer.close();
            }
            return result;
        } catch (RuntimeException e) {
            if (!writer.closed()) {
                writer.close();
            }
            throw e;
        }
    }

    /** Runs {@code leader} holding the write lock if no write is running; returns whether it ran. */
    public boolean tryLead(Runnable leader) {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            leader.run();
        } finally {
            lock.unlock();
        }
        return true;
    }

    /** Whether a write is running in this process right now (for tests). */
    public boolean isWriting() {
        return lock.isLocked();
    }

    /** Holds the write lock while {@code action} runs (for tests that must show reads never wait for writes). */
    public void whileHoldingWriteLock(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }
}
