package io.github.lancedb4j.benchmarks;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds the corpus to a LangChain4j store through {@link EmbeddingStore#addAll(List, List)} in batches, timing each
 * call, and remembers which row each generated id belongs to.
 */
final class StoreIngest {

    final IngestStats stats;
    final Map<String, Integer> rowOfId;

    private StoreIngest(IngestStats stats, Map<String, Integer> rowOfId) {
        this.stats = stats;
        this.rowOfId = rowOfId;
    }

    static StoreIngest run(String system, EmbeddingStore<TextSegment> store, Corpus corpus, int batch) {
        int n = corpus.embeddings.size();
        Map<String, Integer> rowOfId = new HashMap<>(n * 2);
        int calls = (n + batch - 1) / batch;
        double[] callMs = new double[calls];
        long cpuStart = SearchBench.processCpuNanos();
        long start = System.nanoTime();
        for (int c = 0; c < calls; c++) {
            int from = c * batch;
            int to = Math.min(n, from + batch);
            long t0 = System.nanoTime();
            List<String> ids = store.addAll(corpus.embeddings.subList(from, to), corpus.segments.subList(from, to));
            callMs[c] = (System.nanoTime() - t0) / 1e6;
            for (int i = 0; i < ids.size(); i++) {
                rowOfId.put(ids.get(i), from + i);
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (SearchBench.processCpuNanos() - cpuStart) / 1e9;
        double[] sorted = callMs.clone();
        Arrays.sort(sorted);
        IngestStats stats = new IngestStats(system, n, batch, wall, callMs[0], sorted[(calls - 1) / 2],
                sorted[calls - 1], cpu);
        Progress.log(String.format("%-34s ingest %d rows in %.2f s = %.0f vectors/s (calls: first %.0f ms, median "
                + "%.0f ms, max %.0f ms; CPU %.1f s)", system, n, wall, stats.vectorsPerSecond(), stats.firstBatchMs(),
                stats.medianBatchMs(), stats.slowestBatchMs(), cpu));
        return new StoreIngest(stats, rowOfId);
    }
}
