package io.github.lancedb4j.benchmarks;

import io.github.lancedb4j.springai.LanceDbVectorStore;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.VectorIndexInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;

/**
 * This library's Spring AI store, fed precomputed vectors through {@link FakeEmbeddingModel}: {@code add(documents)}
 * (an upsert by document id), {@code similaritySearch(request, tuning)}.
 */
final class SpringSystem extends LanceStoreSystem {

    LanceDbVectorStore store;
    private final Map<FilterCase, Filter.Expression> filters = new HashMap<>();

    SpringSystem(IndexPolicy policy, List<String> stages, boolean fullSweep) {
        super(policy, stages, fullSweep);
    }

    @Override
    public String name() {
        return "LanceDbVectorStore";
    }

    @Override
    public void open(DataSet d, Path workDir) throws Exception {
        directory = Files.createTempDirectory(workDir, "bench-spring-");
        store = LanceDbVectorStore.builder(new FakeEmbeddingModel(d)).uri(directory.toString()).tableName("bench")
                .dimensions(d.dim()).distance(d.metric).initializeSchema(true).indexPolicy(policy).build();
        for (FilterCase f : d.filters) {
            filters.put(f, new FilterExpressionBuilder().eq(f.key, f.value()).build());
        }
    }

    static List<Document> documents(DataSet d, int from, int to) {
        List<Document> docs = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            docs.add(Document.builder().id(Integer.toString(i)).text(d.text(i))
                    .metadata(d.metadata(i)).build());
        }
        return docs;
    }

    @Override
    public long add(DataSet d, int from, int to) {
        List<Document> docs = documents(d, from, to);
        long t0 = System.nanoTime();
        store.add(docs);
        return System.nanoTime() - t0;
    }

    @Override
    LanceTable table() {
        return store.table();
    }

    @Override
    VectorIndexInfo createIndex(String stage) {
        return store.createIndex(LanceSweeps.spec(stage));
    }

    @Override
    public int[] search(DataSet d, int q, int k, Tuning tuning, FilterCase filter) {
        SearchRequest.Builder b = SearchRequest.builder().query("q" + q).topK(k).similarityThresholdAll();
        if (filter != null) {
            b.filterExpression(filters.get(filter));
        }
        List<Document> docs = store.similaritySearch(b.build(), tuning.lance());
        int[] rows = new int[docs.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Integer.parseInt(docs.get(i).getId());
        }
        return rows;
    }

    @Override
    public void close() throws Exception {
        if (store != null) {
            store.close();
        }
        deleteTree(directory);
    }
}
