package io.github.lancedb4j.boot;

import io.github.lancedb4j.boot.langchain4j.LangChain4jEmbeddingModels;
import io.github.lancedb4j.boot.springai.SpringAiEmbeddingModels;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;

/**
 * The store's embedding model from {@code lancedb.embedding.*}, for each framework on the classpath: the
 * in-process all-MiniLM-L6-v2 model ({@code local}), or an OpenAI-compatible API ({@code holysheep},
 * {@code openai}) through LangChain4j's and Spring AI's own OpenAI clients. Any other {@code EmbeddingModel} wins:
 * the application's, or a model starter's (Spring AI's OpenAI, Ollama, Transformers; LangChain4j's OpenAI, Ollama).
 * This runs after those starters and backs off when they made a model; when one of them makes its model anyway
 * (Ollama's starter only looks for its own type), ours is a {@code @Fallback} bean, so injection by type still finds
 * one model. Named stores get their models from the store auto-configurations.
 */
@AutoConfiguration(afterName = {"org.springframework.ai.model.openai.autoconfigure.OpenAiEmbeddingAutoConfiguration",
        "org.springframework.ai.model.ollama.autoconfigure.OllamaEmbeddingAutoConfiguration",
        "org.springframework.ai.model.transformers.autoconfigure.TransformersEmbeddingModelAutoConfiguration",
        "dev.langchain4j.openai.spring.AutoConfig", "dev.langchain4j.ollama.spring.AutoConfig"})
@EnableConfigurationProperties(LanceDbProperties.class)
@Conditional(SingleStoreCondition.class)
public class LanceDbEmbeddingModelAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"dev.langchain4j.model.embedding.EmbeddingModel",
            "dev.langchain4j.model.openai.OpenAiEmbeddingModel",
            "dev.langchain4j.http.client.jdk.JdkHttpClient",
            "dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel",
            "io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore"})
    static class LangChain4jModel {

        @Bean
        @Fallback
        @ConditionalOnMissingBean(dev.langchain4j.model.embedding.EmbeddingModel.class)
        dev.langchain4j.model.embedding.EmbeddingModel lancedbEmbeddingModel(LanceDbProperties properties) {
            StoreSettings settings = StoreSettings.all(properties).get(0);
            settings.validateEmbedding();
            return LangChain4jEmbeddingModels.create(settings.embedding());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.ai.embedding.EmbeddingModel",
            "org.springframework.ai.openai.OpenAiEmbeddingModel",
            "io.github.lancedb4j.springai.LangChain4jEmbeddingModel",
            "dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel"})
    static class SpringAiModel {

        @Bean
        @Fallback
        @ConditionalOnMissingBean(org.springframework.ai.embedding.EmbeddingModel.class)
        org.springframework.ai.embedding.EmbeddingModel lancedbSpringAiEmbeddingModel(LanceDbProperties properties,
                ObjectProvider<ObservationRegistry> observations) {
            StoreSettings settings = StoreSettings.all(properties).get(0);
            settings.validateEmbedding();
            return SpringAiEmbeddingModels.create(settings.embedding(),
                    observations.getIfUnique(() -> ObservationRegistry.NOOP));
        }
    }
}
