package io.github.lancedb4j.benchmarks;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.github.lancedb4j.store.DistanceMetric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** LangChain4j's {@link InMemoryEmbeddingStore} (exact cosine brute force over a list). */
final class InMemorySystem implements BenchSystem {

    private InMemoryEmbeddingStore<TextSegment> store;
    private final Map<FilterCase, Filter> filters = new HashMap<>();

    @Override
    public String name() {
        return "InMemoryEmbeddingStore";
    }

    @Override
    public String unsupported(DataSet d) {
        return d.metric == DistanceMetric.COSINE ? null : "cosine only (the data set is " + d.metric + ")";
    }

    @Override
    public void open(DataSet d, Path workDir) {
        store = new InMemoryEmbeddingStore<>();
        for (FilterCase f : d.filters) {
            filters.put(f, MetadataFilterBuilder.metadataKey(f.key).isEqualTo(f.value()));
        }
    }

    @Override
    public long add(DataSet d, int from, int to) {
        List<Embedding> embeddings = new ArrayList<>(to - from);
        List<TextSegment> segments = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            embeddings.add(Embedding.from(d.rows[i]));
            segments.add(TextSegment.from(d.text(i), Metadata.from(d.metadata(i))));
        }
        long t0 = System.nanoTime();
        store.addAll(embeddings, segments);
        return System.nanoTime() - t0;
    }

    @Override
    public List<String> stages() {
        return List.of("flat");
    }

    @Override
    public double prepare(String stage, DataSet d) {
        return Double.NaN;
    }

    @Override
    public String describe(String stage) {
        return "exact brute force";
    }

    @Override
    public List<Tuning> sweep(String stage, DataSet d) {
        return List.of(Tuning.defaults("brute force"));
    }

    @Override
    public int[] search(DataSet d, int q, int k, Tuning tuning, FilterCase filter) {
        EmbeddingSearchRequest request = EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(d.allQueries[q])).maxResults(k).minScore(0.0)
                .filter(filter == null ? null : filters.get(filter)).build();
        List<EmbeddingMatch<TextSegment>> matches = store.search(request).matches();
        int[] rows = new int[matches.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = matches.get(i).embedded().metadata().getInteger("n");
        }
        return rows;
    }

    @Override
    public boolean supportsFilter(DataSet d) {
        return true;
    }

    @Override
    public boolean bruteForce(String stage) {
        return true;
    }

    @Override
    public void close() {
        store = null;
    }
}
