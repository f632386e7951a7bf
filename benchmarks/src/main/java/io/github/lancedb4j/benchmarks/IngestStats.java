package io.github.lancedb4j.benchmarks;

/**
 * One ingest: wall time of all {@code addAll} calls (each a commit for the Lance store).
 *
 * @param firstBatchMs   the first call (cold code paths)
 * @param medianBatchMs  the median call
 * @param slowestBatchMs the slowest call
 */
public record IngestStats(String system, int rows, int batch, double wallSeconds, double firstBatchMs,
        double medianBatchMs, double slowestBatchMs, double cpuSeconds) {

    public double vectorsPerSecond() {
        return rows / wallSeconds;
    }
}
