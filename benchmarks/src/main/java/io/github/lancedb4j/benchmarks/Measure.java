package io.github.lancedb4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The timing loops: one thread (latencies, recall, CPU), and N threads (throughput). */
final class Measure {

    /** One search configuration's figures. */
    record Timed(int queries, double p50Ms, double p99Ms, double meanMs, double qps, double cpuMsPerQuery,
            double recall) {
    }

    private Measure() {
    }

    /** Warm-up queries, then the first {@code n} timed queries one after another; recall against {@code truth}. */
    static Timed oneThread(BenchSystem s, DataSet d, int n, int warmup, int k, BenchSystem.Tuning t, boolean filtered,
            int[][] truth) throws Exception {
        for (int w = 0; w < Math.min(warmup, d.warmup); w++) {
            s.search(d, w, k, t, filtered);
        }
        Latencies latencies = new Latencies(n);
        int[][] found = new int[n][];
        long cpu0 = processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            found[i] = s.search(d, d.warmup + i, k, t, filtered);
            latencies.add(System.nanoTime() - t0);
        }
        long wall = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpu0;
        int[][] expected = java.util.Arrays.copyOf(truth, n);
        return new Timed(n, latencies.percentileMs(50), latencies.percentileMs(99), latencies.meanMs(),
                n / (wall / 1e9), cpu / 1e6 / n, GroundTruth.recall(found, expected));
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
                        s.search(d, d.warmup + i, k, t, false);
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
