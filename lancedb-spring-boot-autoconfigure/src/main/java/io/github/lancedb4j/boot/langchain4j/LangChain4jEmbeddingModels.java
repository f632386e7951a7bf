package io.github.lancedb4j.boot.langchain4j;

import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import io.github.lancedb4j.boot.EmbeddingSettings;

/** Builds the LangChain4j embedding model the properties describe. */
public final class LangChain4jEmbeddingModels {

    private LangChain4jEmbeddingModels() {
    }

    public static EmbeddingModel create(EmbeddingSettings settings) {
        return switch (settings.provider()) {
            case LOCAL -> new AllMiniLmL6V2EmbeddingModel();
            case HOLYSHEEP, OPENAI -> OpenAiEmbeddingModel.builder()
                    // Named, not discovered: LangChain4j's Spring starters add a second HTTP client, and with two
                    // on the classpath LangChain4j refuses to build the model.
                    .httpClientBuilder(JdkHttpClient.builder())
                    .baseUrl(settings.baseUrl())
                    .apiKey(settings.apiKey())
                    .modelName(settings.model())
                    .dimensions(settings.dimensions())
                    .maxSegmentsPerBatch(settings.batchSize())
                    .timeout(settings.timeout())
                    .maxRetries(settings.maxRetries())
                    .encodingFormat(settings.encodingFormat())
                    .build();
        };
    }
}
