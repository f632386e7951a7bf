package io.github.lancedb4j.boot;

import io.github.lancedb4j.store.WriteBuffer;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/** {@code lancedb.write-buffer.*}: fire-and-forget ingestion for every store (see {@link WriteBuffer}). */
public class WriteBufferProperties {

    /**
     * Queue adds and commit them in batches in the background: add returns once the rows are validated and queued.
     * Rows not yet flushed are lost if the process is killed; flushed batches are whole.
     */
    private boolean enabled;

    /** Flush once this many rows are queued. */
    private int maxRows = 1_000; // WriteBuffer.Settings.DEFAULTS

    /** Flush once the queued rows hold about this much data. */
    private DataSize maxBytes = DataSize.ofMegabytes(16);

    /** Flush this long after the oldest queued row arrived. */
    private Duration maxDelay = Duration.ofSeconds(1);

    /** Rows that may wait at most; then adds block or fail, as when-full says. */
    private int capacityRows = 100_000;

    /** What an add does when the buffer is full: block (wait for room) or fail (throw at once). */
    private WriteBuffer.WhenFull whenFull = WriteBuffer.WhenFull.BLOCK;

    /** The buffer settings, or null when buffering is off. */
    public WriteBuffer.Settings toSettings() {
        return enabled ? new WriteBuffer.Settings(maxRows, maxBytes.toBytes(), maxDelay, capacityRows, whenFull)
                : null;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getMaxRows() {
        return maxRows;
    }

    public void setMaxRows(int maxRows) {
        this.maxRows = maxRows;
    }

    public DataSize getMaxBytes() {
        return maxBytes;
    }

    public void setMaxBytes(DataSize maxBytes) {
        this.maxBytes = maxBytes;
    }

    public Duration getMaxDelay() {
        return maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
        this.maxDelay = maxDelay;
    }

    public int getCapacityRows() {
        return capacityRows;
    }

    public void setCapacityRows(int capacityRows) {
        this.capacityRows = capacityRows;
    }

    public WriteBuffer.WhenFull getWhenFull() {
        return whenFull;
    }

    public void setWhenFull(WriteBuffer.WhenFull whenFull) {
        this.whenFull = whenFull;
    }
}
