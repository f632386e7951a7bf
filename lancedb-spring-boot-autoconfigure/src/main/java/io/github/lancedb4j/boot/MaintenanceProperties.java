package io.github.lancedb4j.boot;

import io.github.lancedb4j.store.Maintenance;
import java.time.Duration;

/** {@code lancedb.maintenance.*}: when tables are compacted, cleaned up and indexed in the background. */
public class MaintenanceProperties {

    /** Maintain tables in the background (compaction, cleanup of old versions, automatic indexes). */
    private boolean enabled = true;

    /** Commits of this application between two runs (0: not by writes). */
    private int everyWrites = 20;

    /** Time between two runs. */
    private Duration interval = Duration.ofMinutes(10);

    /** Compaction merges small fragments once a table has more than this many. */
    private int maxFragments = 32;

    Maintenance toMaintenance(Duration versionRetention) {
        return new Maintenance(enabled, everyWrites, interval, versionRetention, maxFragments);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getEveryWrites() {
        return everyWrites;
    }

    public void setEveryWrites(int everyWrites) {
        this.everyWrites = everyWrites;
    }

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public int getMaxFragments() {
        return maxFragments;
    }

    public void setMaxFragments(int maxFragments) {
        this.maxFragments = maxFragments;
    }
}
