package io.github.lancedb4j.boot.springai;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.github.lancedb4j.boot.EmbeddingSettings;
import io.github.lancedb4j.springai.LangChain4jEmbeddingModel;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.ai.openai.OpenAiEmbeddingOptions;

/** Builds the Spring AI embedding model the properties describe. */
public final class SpringAiEmbeddingModels {

    private SpringAiEmbeddingModels() {
    }

    public static EmbeddingModel create(EmbeddingSettings settings, ObservationRegistry observations) {
        return switch (settings.provider()) {
            // Spring AI has no offline model: LangChain4j's in-process ONNX model, adapted.
            case LOCAL -> new LangChain4jEmbeddingModel(new AllMiniLmL6V2EmbeddingModel());
            case HOLYSHEEP, OPENAI -> openAi(settings, observations);
        };
    }

    private static EmbeddingModel openAi(EmbeddingSettings settings, ObservationRegistry observations) {
        // The options builder's inherited setters return a raw builder: one call per statement.
        OpenAiEmbeddingOptions.Builder options = OpenAiEmbeddingOptions.builder();
        options.baseUrl(settings.baseUrl());
        options.apiKey(settings.apiKey());
        options.model(settings.model());
        options.dimensions(settings.dimensions());
        options.timeout(settings.timeout());
        options.maxRetries(settings.maxRetries());
        options.encodingFormat("base64".equals(settings.encodingFormat())
                ? OpenAiEmbeddingOptions.EncodingFormat.BASE64 : OpenAiEmbeddingOptions.EncodingFormat.FLOAT);
        return OpenAiEmbeddingModel.builder()
                .options(options.build())
                .metadataMode(MetadataMode.EMBED)
                .observationRegistry(observations)
                .build();
    }
}
