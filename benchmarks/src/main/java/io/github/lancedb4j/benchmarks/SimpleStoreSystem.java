package io.github.lancedb4j.benchmarks;

import io.github.lancedb4j.store.DistanceMetric;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;

/** Spring AI's {@link SimpleVectorStore} (exact cosine over a map), fed through {@link FakeEmbeddingModel}. */
final class SimpleStoreSystem implements BenchSystem {

    private SimpleVectorStore store;
    private final Map<FilterCase, Filter.Expression> filters = new HashMap<>();

    @Override
    public String name() {
        return "SimpleVectorStore";
    }

    @Override
    public String unsupported(DataSet d) {
        return d.metric == DistanceMetric.COSINE ? null : "cosine only (the data set is " + d.metric + ")";
    }

    @Override
    public void open(DataSet d, Path workDir) {
        store = SimpleVectorStore.builder(new FakeEmbeddingModel(d)).build();
        for (FilterCase f : d.filters) {
            filters.put(f, new FilterExpressionBuilder().eq(f.key, f.value()).build());
        }
    }

    @Override
    public long add(DataSet d, int from, int to) {
        List<Document> docs = SpringSystem.documents(d, from, to);
        long t0 = System.nanoTime();
        store.add(docs);
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
        SearchRequest.Builder b = SearchRequest.builder().query("q" + q).topK(k).similarityThresholdAll();
        if (filter != null) {
            b.filterExpression(filters.get(filter));
        }
        List<Document> docs = store.similaritySearch(b.build());
        int[] rows = new int[docs.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Integer.parseInt(docs.get(i).getId());
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
