package io.github.lancedb4j.spark.internal;

/** Spaces calls evenly: at most {@code permitsPerSecond} per second for all threads of this JVM (0: unlimited). */
final class RateLimiter {

    private final long intervalNanos;
    private long nextFree = System.nanoTime();

    RateLimiter(double permitsPerSecond) {
        this.intervalNanos = permitsPerSecond <= 0 ? 0 : (long) (1_000_000_000L / permitsPerSecond);
    }

    void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextFree);
            nextFree = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
