package io.github.lancedb4j.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What a table's background maintenance (index policies, compaction, removal of old versions) is doing and last did,
 * in this process.
 *
 * @param running                 whether a maintenance run is in progress
 * @param lastRunAt               when the last run ended, or null when none ran yet
 * @param lastOutcome             {@code ok}, or {@code failed: <reason>} (a failed run is retried after the next write)
 * @param lastHousekeepingAt      when small fragments were last merged and old versions removed, or null
 * @param versionsRemoved         the versions the last housekeeping removed
 * @param lastIndexAction         the last index build or optimization and why, or null
 * @param writesUntilHousekeeping writes left before the next housekeeping
 * @param versionRetention        how old a version must be for housekeeping to remove it (null: never)
 * @param fragments               the data fragments of the version searches see (many small ones slow searches)
 * @param indexPolicies           each vector column's index policy mode
 */
public record MaintenanceStatus(boolean running, Instant lastRunAt, String lastOutcome, Instant lastHousekeepingAt,
        long versionsRemoved, String lastIndexAction, int writesUntilHousekeeping, Duration versionRetention,
        int fragments, Map<String, IndexPolicy.Mode> indexPolicies) {

    public MaintenanceStatus {
        indexPolicies = Map.copyOf(indexPolicies);
    }
}
