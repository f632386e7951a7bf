package io.github.lancedb4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The timing loops: one thread (latencies, recall, CPU), and N threads (throughput). */
final class Measure {

    /**
     * One search configuration's figures; {@code meanHits} is the mean result count and {@code shortQueries} the
     * queries that returned fewer than min(k, matching rows).
     */
    record Timed(int queries, double p50Ms, double p99Ms, double meanMs, double qps, double cpuMsPerQuery,
            double recall, double meanHits, int shortQueries) {

        Timed(int queries, double p50Ms, double p99Ms, double meanMs, double qps, double cpuMsPerQuery, double recall) {
            this(queries, p50Ms, p99Ms, meanMs, qps, cpuMsPerQuery, recall, Double.NaN, 0);
        }
    }

    private Measure() {
    }

    /**
     * Warm-up queries, then the first {@code n} timed queries one after another, with the filter (null: none); recall
     * against the exact top-k among the rows the filter matches.
     */
    static Timed oneThread(BenchSystem s, DataSet d, int n, int warmup, int k, BenchSystem.Tuning t, FilterCase filter)
            throws Exception {
        int[][] truth = filter == null ? d.truth : filter.truth;
        int expected = d.expectedHits(filter, k);
        for (int w = 0; w < Math.min(warmup, d.warmup); w++) {
            s.search(d, w, k, t, filter);
        }
        Latencies latencies = new Latencies(n);
        int[][] found = new int[n][];
        long cpu0 = processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            found[i] = s.search(d, d.warmup + i, k, t, filter);
            latencies.add(System.nanoTime() - t0);
        }
        long wall = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpu0;
        long hits = 0;
        int shortQueries = 0;
        for (int[] f : found) {
            hits += f.length;
            shortQueries += f.length < expected ? 1 : 0;
        }
        return new Timed(n, latencies.percentileMs(50), latencies.percentileMs(99), latencies.meanMs(),
                n / (wall / 1e9), cpu / 1e6 / n, GroundTruth.recall(found, java.util.Arrays.copyOf(truth, n)),
                hits / (double) n, shortQueries);
    }

    /** {@code threads} threads sharing the first {@code n} timed queries (n / threads each); returns queries per second. */
    static double throughput(BenchSystem s, DataSet d, int n, int k, BenchSystem.Tuning t, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            Future<?>[] futures = new Future<?>[threads];
            for (int th = 0; th < threads; th++) {
                int offset = th;
                futures[th] = pool.submit(() -> {
                    for (int i = offset; i < n; i += threads) {
                        s.search(d, d.warmup + i, k, t, null);
                    }
                    return null;
                });
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return n / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
