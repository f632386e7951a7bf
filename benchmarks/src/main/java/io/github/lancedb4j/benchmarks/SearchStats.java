package io.github.lancedb4j.benchmarks;

/**
 * One search configuration's figures.
 *
 * @param qps            timed queries / wall time of the timed loop (one thread, queries back to back)
 * @param cpuMsPerQuery  process CPU time per query during the timed loop (all threads, incl. native ones); above the
 *                       mean latency means the engine used more than one core
 */
public record SearchStats(String system, String what, int queries, double p50Ms, double p99Ms, double meanMs,
        double qps, double cpuMsPerQuery, double recall) {
}
