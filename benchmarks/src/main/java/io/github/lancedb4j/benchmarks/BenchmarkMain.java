package io.github.lancedb4j.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Ingest and search benchmark, one process and one run on the same vectors and queries: this library's
 * {@code LanceDbEmbeddingStore}, LangChain4j's {@code InMemoryEmbeddingStore}, and raw lance-java on the same table.
 * Progress goes to stderr; the Markdown report to stdout, ending with a one-line summary.
 *
 * <p>Run with {@code benchmarks/run quick|full [--name value …]}; the JVM needs
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED}.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    /** The first three fields of /proc/loadavg, or "n/a". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    public static void main(String[] args) throws Exception {
        BenchmarkConfig c;
        try {
            c = BenchmarkConfig.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Progress.log("config " + c);
        Progress.log("load average " + loadAverage() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        try (MemoryProbe memory = new MemoryProbe()) {
            run(c, memory);
        }
    }

    private static void run(BenchmarkConfig c, MemoryProbe memory) throws Exception {
        String loadAtStart = loadAverage();
        long t0 = System.nanoTime();
        SyntheticData data = SyntheticData.generate(c);
        Corpus corpus = new Corpus(data, c);
        Progress.log(String.format("generated %d rows + %d queries in %.1f s", c.rows(), c.queries(),
                (System.nanoTime() - t0) / 1e9));

        t0 = System.nanoTime();
        int[][] truth = GroundTruth.topK(data.rows, data.queries, c.k(), 0, c.rows());
        float[][] filteredQueries = Arrays.copyOf(data.queries, Math.min(c.filteredQueries(), c.queries()));
        int[][] filteredTruth = GroundTruth.topK(data.rows, data.queries, c.k(), corpus.filteredFrom,
                corpus.filteredTo);
        double groundTruthSeconds = (System.nanoTime() - t0) / 1e9;
        Progress.log(String.format("ground truth in %.1f s", groundTruthSeconds));
        int[][] filteredTruthTimed = Arrays.copyOf(filteredTruth, filteredQueries.length);
        memory.checkpoint("data + ground truth");

        Path dir = Files.createDirectories(c.workDir()).resolve("lancedb4j-bench-" + ProcessHandle.current().pid());
        LanceStoreRunner lance = new LanceStoreRunner(dir, c.dim());
        StoreIngest lanceIngest;
        SearchStats lanceSearch;
        SearchStats lanceFiltered;
        SearchStats rawSearch;
        List<SearchStats> diagnostics = List.of();
        long tableBytes;
        int fragments;
        try {
            lanceIngest = lance.ingest(corpus, c.batch());
            tableBytes = lance.tableBytes();
            memory.checkpoint("after Lance ingest");
            lanceSearch = lance.search(c, data, truth, lanceIngest.rowOfId);
            lanceFiltered = lance.filtered(c, corpus, data.warmupQueries, filteredQueries, filteredTruthTimed,
                    lanceIngest.rowOfId);
            try (RawLanceRunner raw = new RawLanceRunner(lance.tableUri(), c.k())) {
                fragments = raw.fragments();
                rawSearch = raw.search(data, truth, lanceIngest.rowOfId);
                if (c.diagnostics()) {
                    diagnostics = raw.diagnostics(data, corpus, c.diagnosticQueries(), truth, filteredTruth,
                            lanceIngest.rowOfId);
                }
            }
            memory.checkpoint("after Lance searches");
        } finally {
            lance.close();
            if (!c.keep()) {
                lance.deleteFiles();
            }
        }

        InMemoryRunner inMemory = new InMemoryRunner();
        StoreIngest memoryIngest = inMemory.ingest(corpus, c.batch());
        SearchStats memorySearch = inMemory.search(c, data, truth, memoryIngest.rowOfId);
        SearchStats memoryFiltered = inMemory.filtered(c, corpus, data.warmupQueries, filteredQueries,
                filteredTruthTimed, memoryIngest.rowOfId);
        memory.checkpoint("after InMemory");

        Report.Results results = new Report.Results(c, corpus, groundTruthSeconds, lance.openSeconds,
                lanceIngest.stats, lanceSearch, lanceFiltered, rawSearch, diagnostics, memoryIngest.stats,
                memorySearch, memoryFiltered, tableBytes, fragments, memory.checkpoints(),
                memory.sampledPeakHeapBytes(), MemoryProbe.poolPeakSumBytes(), MemoryProbe.maxHeapBytes(),
                MemoryProbe.gcSummary(), MemoryProbe.procStatusBytes("VmHWM"), MemoryProbe.procStatusBytes("VmRSS"),
                loadAtStart, loadAverage());
        // Keep the in-memory store reachable until the figures above are taken.
        Progress.log("InMemory store size " + inMemory.store.size());
        Report.print(System.out, results);
    }
}
