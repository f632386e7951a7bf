package io.github.lancedb4j.store;

import java.time.Instant;

/**
 * What a table's background maintenance did lately.
 *
 * @param runs                runs finished (successful or not)
 * @param lastRun             when the last run ended (null: none yet)
 * @param lastFailure         the last run's error, or null when it succeeded
 * @param consecutiveFailures runs that failed in a row (0 after a success)
 * @param versionsRemoved     old versions deleted so far
 */
public record MaintenanceStatus(long runs, Instant lastRun, String lastFailure, int consecutiveFailures,
        long versionsRemoved) {

    public boolean healthy() {
        return consecutiveFailures == 0;
    }
}
