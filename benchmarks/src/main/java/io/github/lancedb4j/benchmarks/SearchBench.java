package io.github.lancedb4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/**
 * Runs warm-up queries, then timed queries one after another on the calling thread, and scores the results against
 * exact ground truth. Result ids are mapped to row indices after timing.
 */
public final class SearchBench {

    /** One search: the query vector in, the result ids (best first) out. */
    @FunctionalInterface
    public interface Searcher {
        List<String> search(float[] query) throws Exception;
    }

    private SearchBench() {
    }

    public static SearchStats run(String system, String what, Searcher searcher, float[][] warmup, float[][] queries,
            int[][] truth, Map<String, Integer> rowOfId) throws Exception {
        for (float[] q : warmup) {
            searcher.search(q);
        }
        Latencies latencies = new Latencies(queries.length);
        @SuppressWarnings("unchecked")
        List<String>[] results = new List[queries.length];
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < queries.length; i++) {
            long t0 = System.nanoTime();
            results[i] = searcher.search(queries[i]);
            latencies.add(System.nanoTime() - t0);
        }
        long wall = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpuStart;
        int[][] found = new int[queries.length][];
        for (int i = 0; i < queries.length; i++) {
            found[i] = results[i].stream().mapToInt(id -> rowOfId.getOrDefault(id, -1)).toArray();
        }
        double recall = truth == null ? Double.NaN : GroundTruth.recall(found, truth);
        SearchStats stats = new SearchStats(system, what, queries.length, latencies.percentileMs(50),
                latencies.percentileMs(99), latencies.meanMs(), queries.length / (wall / 1e9),
                cpu < 0 ? Double.NaN : cpu / 1e6 / queries.length, recall);
        Progress.log(String.format("%-34s %-40s p50 %8.2f ms  p99 %8.2f ms  %7.1f QPS  cpu %6.1f ms/q  recall@k %.4f",
                system, what, stats.p50Ms(), stats.p99Ms(), stats.qps(), stats.cpuMsPerQuery(), stats.recall()));
        return stats;
    }

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
