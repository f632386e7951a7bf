package io.github.lancedb4j.store.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the native calls running on a database, so that closing it never frees the Arrow allocator or Lance's
 * session under a call that still uses them (an index build cannot be interrupted). After {@link #close}, new calls
 * are refused; the resources are released when the last running call ends — at once when none runs.
 */
public final class CallGate {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final String what;
    private int running;
    private boolean closed;
    private Runnable release;

    public CallGate(String what) {
        this.what = what;
    }

    /** Registers a call; throws {@link IllegalStateException} once the gate is closed. */
    public void enter() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(what + " is closed");
            }
            running++;
        } finally {
            lock.unlock();
        }
    }

    public void exit() {
        Runnable toRun = null;
        lock.lock();
        try {
            running--;
            if (running == 0) {
                idle.signalAll();
                if (closed && release != null) {
                    toRun = release;
                    release = null;
                }
            }
        } finally {
            lock.unlock();
        }
        if (toRun != null) {
            toRun.run();
        }
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses new calls, waits up to {@code wait} for the running ones, and runs {@code releaseResources} once none
     * runs: now, or when the last one ends.
     *
     * @return true when the resources were released before returning
     */
    public boolean close(Duration wait, Runnable releaseResources) {
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            if (closed) {
                return running == 0;
            }
            closed = true;
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    release = releaseResources;
                    return false;
                }
                idle.await(left, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (running > 0) {
                release = releaseResources;
                return false;
            }
        } finally {
            lock.unlock();
        }
        releaseResources.run();
        return true;
    }
}
