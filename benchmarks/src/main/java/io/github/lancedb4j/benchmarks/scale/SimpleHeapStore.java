package io.github.lancedb4j.benchmarks.scale;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;

/**
 * Spring AI's {@link SimpleVectorStore}: {@code add(documents)}, exact cosine search; fed by a model that hands back
 * the rows being added and the query being searched, so no model is timed.
 */
final class SimpleHeapStore implements HeapScale.HeapStore {

    /** The vectors of the documents being added (by id) and of the query being searched. */
    private static final class Vectors implements EmbeddingModel {
        final Map<String, float[]> pending = new HashMap<>();
        float[] query;
        int dim;

        @Override
        public EmbeddingResponse call(EmbeddingRequest request) {
            List<Embedding> out = new ArrayList<>();
            for (int i = 0; i < request.getInstructions().size(); i++) {
                out.add(new Embedding(query, i));
            }
            return new EmbeddingResponse(out);
        }

        @Override
        public float[] embed(String text) {
            return query;
        }

        @Override
        public float[] embed(Document document) {
            return pending.get(document.getId());
        }

        @Override
        public List<float[]> embed(List<Document> documents, EmbeddingOptions options, BatchingStrategy batching) {
            return documents.stream().map(d -> pending.get(d.getId())).toList();
        }

        @Override
        public int dimensions() {
            return dim;
        }
    }

    private final Vectors model = new Vectors();
    private final SimpleVectorStore store = SimpleVectorStore.builder(model).build();

    @Override
    public String name() {
        return "SimpleVectorStore";
    }

    @Override
    public long add(ScaleVectors v, int from, float[][] rows) {
        model.dim = v.dim;
        List<Document> docs = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            String id = Integer.toString(from + i);
            model.pending.put(id, rows[i]);
            docs.add(Document.builder().id(id).text(v.text(from + i)).metadata(Map.of("source", v.source(from + i)))
                    .build());
        }
        long t0 = System.nanoTime();
        store.add(docs);
        long nanos = System.nanoTime() - t0;
        model.pending.clear();
        return nanos;
    }

    @Override
    public SearchTiming.Search search(ScaleVectors v, int k, boolean filtered) {
        return q -> {
            model.query = q;
            SearchRequest.Builder b = SearchRequest.builder().query("query").topK(k).similarityThresholdAll();
            if (filtered) {
                b.filterExpression(new FilterExpressionBuilder().eq("source", v.filteredSource()).build());
            }
            return store.similaritySearch(b.build()).stream().mapToInt(d -> Integer.parseInt(d.getId())).toArray();
        };
    }
}
