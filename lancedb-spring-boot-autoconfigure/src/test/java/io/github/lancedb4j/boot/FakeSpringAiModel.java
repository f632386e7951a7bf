package io.github.lancedb4j.boot;

import io.github.lancedb4j.testing.OpenAiCompatibleServer;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/** A deterministic Spring AI model: a unit vector from the text's hash. */
class FakeSpringAiModel implements EmbeddingModel {

    private final int dimensions;

    FakeSpringAiModel(int dimensions) {
        this.dimensions = dimensions;
    }

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        List<Embedding> out = new ArrayList<>();
        for (int i = 0; i < request.getInstructions().size(); i++) {
            out.add(new Embedding(OpenAiCompatibleServer.defaultEmbedding(request.getInstructions().get(i), dimensions), i));
        }
        return new EmbeddingResponse(out);
    }

    @Override
    public float[] embed(Document document) {
        return OpenAiCompatibleServer.defaultEmbedding(document.getText(), dimensions);
    }

    @Override
    public int dimensions() {
        return dimensions;
    }
}
