package io.github.lancedb4j.samples.rag;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The real all-MiniLM-L6-v2 model (loaded once for all tests), counting the texts it embeds. */
final class CountingEmbeddingModel implements EmbeddingModel {

    private static final EmbeddingModel MINI_LM = new AllMiniLmL6V2EmbeddingModel();

    final AtomicInteger embedded = new AtomicInteger();

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        embedded.addAndGet(segments.size());
        return MINI_LM.embedAll(segments);
    }

    @Override
    public int dimension() {
        return 384;
    }

    int takeCount() {
        return embedded.getAndSet(0);
    }
}
