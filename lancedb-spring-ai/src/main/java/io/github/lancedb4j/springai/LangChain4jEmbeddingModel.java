package io.github.lancedb4j.springai;

import dev.langchain4j.data.segment.TextSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * A LangChain4j embedding model used as a Spring AI {@link EmbeddingModel} — for example LangChain4j's in-process
 * all-MiniLM-L6-v2 (ONNX, 384 dimensions, no network, no API key), which Spring AI has no offline equivalent of.
 */
public class LangChain4jEmbeddingModel implements EmbeddingModel {

    private final dev.langchain4j.model.embedding.EmbeddingModel delegate;

    public LangChain4jEmbeddingModel(dev.langchain4j.model.embedding.EmbeddingModel delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        List<TextSegment> segments = request.getInstructions().stream().map(TextSegment::from).toList();
        List<dev.langchain4j.data.embedding.Embedding> vectors = delegate.embedAll(segments).content();
        List<Embedding> results = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            results.add(new Embedding(vectors.get(i).vector(), i));
        }
        return new EmbeddingResponse(results);
    }

    @Override
    public float[] embed(Document document) {
        return delegate.embed(Objects.requireNonNull(document.getText(), "document text")).content().vector();
    }

    @Override
    public int dimensions() {
        return delegate.dimension();
    }

    public dev.langchain4j.model.embedding.EmbeddingModel delegate() {
        return delegate;
    }
}
