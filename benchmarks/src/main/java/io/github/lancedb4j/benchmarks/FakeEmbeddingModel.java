package io.github.lancedb4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * A Spring AI {@link EmbeddingModel} that returns precomputed vectors, so the benchmark measures the store and not a
 * model: a document's vector is the data set's row whose index is the document id; the query text {@code q<i>} maps
 * to {@code allQueries[i]}.
 */
final class FakeEmbeddingModel implements EmbeddingModel {

    private final DataSet data;

    FakeEmbeddingModel(DataSet data) {
        this.data = data;
    }

    private float[] lookup(String key) {
        if (key.startsWith("q")) {
            return data.allQueries[Integer.parseInt(key.substring(1))];
        }
        return data.rows[Integer.parseInt(key)];
    }

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        List<Embedding> out = new ArrayList<>();
        List<String> texts = request.getInstructions();
        for (int i = 0; i < texts.size(); i++) {
            out.add(new Embedding(lookup(texts.get(i)), i));
        }
        return new EmbeddingResponse(out);
    }

    @Override
    public float[] embed(String text) {
        return lookup(text);
    }

    @Override
    public float[] embed(Document document) {
        return lookup(document.getId());
    }

    @Override
    public List<float[]> embed(List<Document> documents, EmbeddingOptions options, BatchingStrategy batchingStrategy) {
        List<float[]> out = new ArrayList<>(documents.size());
        for (Document d : documents) {
            out.add(lookup(d.getId()));
        }
        return out;
    }

    @Override
    public int dimensions() {
        return data.dim();
    }
}
