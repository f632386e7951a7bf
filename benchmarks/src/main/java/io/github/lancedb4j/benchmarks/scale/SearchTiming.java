package io.github.lancedb4j.benchmarks.scale;

import io.github.lancedb4j.benchmarks.GroundTruth;
import io.github.lancedb4j.benchmarks.Latencies;
import java.lang.management.ManagementFactory;

/** Times a search one query after another on one thread (after warm-up queries) and scores its recall. */
final class SearchTiming {

    /** A search of one system: the top-k rows (data-set row numbers) for a query vector. */
    @FunctionalInterface
    interface Search {
        int[] top(float[] query) throws Exception;
    }

    /** One setting's figures. */
    record Point(String label, int queries, double p50Ms, double p99Ms, double meanMs, double cpuMsPerQuery,
            double recall) {
    }

    private SearchTiming() {
    }

    /** {@code warmup} warm-up queries, then the first {@code n} timed queries; recall@k against {@code truth}. */
    static Point run(String label, ScaleVectors v, int warmup, int n, int[][] truth, Search search) throws Exception {
        for (int w = 0; w < Math.min(warmup, v.warmups()); w++) {
            search.top(v.warmupQuery(w));
        }
        Latencies latencies = new Latencies(n);
        int[][] found = new int[n][];
        long cpu0 = cpuNanos();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            found[i] = search.top(v.query(i));
            latencies.add(System.nanoTime() - t0);
        }
        double cpu = (cpuNanos() - cpu0) / 1e6 / n;
        int[][] expected = java.util.Arrays.copyOf(truth, n);
        return new Point(label, n, latencies.percentileMs(50), latencies.percentileMs(99), latencies.meanMs(), cpu,
                GroundTruth.recall(found, expected));
    }

    static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
