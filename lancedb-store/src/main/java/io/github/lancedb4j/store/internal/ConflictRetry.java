package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.LanceStoreException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-runs a commit that lost an optimistic-concurrency race (see {@link LanceErrors#isCommitConflict}), with
 * exponential backoff and jitter, within a bounded number of attempts and time. Every attempt must start again from
 * the latest version: the caller's {@code attempt} opens it.
 */
public final class ConflictRetry {

    private static final Logger log = LoggerFactory.getLogger(ConflictRetry.class);

    /** Enough for a burst of writers, index builds and compactions on one table (each attempt re-runs on latest). */
    public static final ConflictRetry DEFAULT = new ConflictRetry(12, Duration.ofMillis(5), Duration.ofSeconds(2),
            Duration.ofMinutes(2));

    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Duration deadline;

    public ConflictRetry(int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration deadline) {
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.deadline = deadline;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails with anything but a commit conflict, or the budget is spent (then
     * the last conflict is thrown, as a {@link LanceStoreException} of kind {@code COMMIT_CONFLICT}).
     */
    public <T> T run(String table, String operation, Supplier<T> attempt) {
        long start = System.nanoTime();
        long backoffNanos = firstBackoff.toNanos();
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                boolean spent = n >= maxAttempts || System.nanoTime() - start > deadline.toNanos();
                if (!LanceErrors.isCommitConflict(e) || spent) {
                    throw e;
                }
                long sleep = backoffNanos / 2 + ThreadLocalRandom.current().nextLong(backoffNanos / 2 + 1);
                log.debug("{} on table '{}' lost a commit race (attempt {}), retrying on the latest version in {} ms: {}",
                        operation, table, n, sleep / 1_000_000, NativeCall.summary(e));
                sleepNanos(sleep, table, operation, e);
                backoffNanos = Math.min(maxBackoff.toNanos(), backoffNanos * 2);
            }
        }
    }

    private static void sleepNanos(long nanos, String table, String operation, RuntimeException conflict) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new LanceStoreException(table, operation, "Interrupted while retrying " + operation + " on table '"
                    + table + "' after a commit conflict", conflict, LanceStoreException.Kind.COMMIT_CONFLICT);
        }
    }
}
