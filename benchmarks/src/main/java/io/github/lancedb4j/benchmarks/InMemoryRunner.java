package io.github.lancedb4j.benchmarks;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.util.Map;

/** LangChain4j's {@link InMemoryEmbeddingStore}: the reference a LangChain4j user would otherwise pick. */
final class InMemoryRunner {

    static final String SYSTEM = "InMemoryEmbeddingStore";

    final InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();

    StoreIngest ingest(Corpus corpus, int batch) {
        return StoreIngest.run(SYSTEM, store, corpus, batch);
    }

    SearchStats search(BenchmarkConfig c, SyntheticData data, int[][] truth, Map<String, Integer> rowOfId)
            throws Exception {
        return SearchBench.run(SYSTEM, "search", StoreSearch.of(store, c.k(), null), data.warmupQueries,
                data.queries, truth, rowOfId);
    }

    SearchStats filtered(BenchmarkConfig c, Corpus corpus, float[][] warmup, float[][] queries, int[][] truth,
            Map<String, Integer> rowOfId) throws Exception {
        return SearchBench.run(SYSTEM, "filtered search", StoreSearch.of(store, c.k(), corpus.filter()), warmup,
                queries, truth, rowOfId);
    }
}
