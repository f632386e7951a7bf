package io.github.lancedb4j.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.store.embedding.EmbeddingStore;
import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import io.github.lancedb4j.springai.LanceDbVectorStore;
import io.github.lancedb4j.testing.OpenAiCompatibleServer;
import java.lang.reflect.Field;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.ollama.OllamaEmbeddingModel;
import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Our starter next to other model starters — Spring AI's OpenAI and Ollama, LangChain4j's OpenAI and its main
 * starter — at the newest versions served (Spring AI 2.0.1; LangChain4j's Boot 3 starters 1.11.0-beta19 and
 * 1.12.2-beta22, whose auto-configurations run on Boot 4): the context starts, each store has exactly one model (no
 * {@code NoUniqueBeanDefinitionException}), and the application's own model always wins.
 */
class ModelStarterBackOffTests {

    static final String OPENAI = "org.springframework.ai.model.openai.autoconfigure.OpenAiEmbeddingAutoConfiguration";
    static final String OLLAMA_API = "org.springframework.ai.model.ollama.autoconfigure.OllamaApiAutoConfiguration";
    static final String OLLAMA = "org.springframework.ai.model.ollama.autoconfigure.OllamaEmbeddingAutoConfiguration";
    static final String LC4J_OPENAI = "dev.langchain4j.openai.spring.AutoConfig";
    static final String LC4J = "dev.langchain4j.spring.LangChain4jAutoConfig";

    @TempDir
    Path dir;

    OpenAiCompatibleServer server;

    @BeforeEach
    void start() {
        server = OpenAiCompatibleServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Our auto-configurations plus others, in the order Spring Boot sorts them (not the order listed). */
    ApplicationContextRunner with(String... others) throws ClassNotFoundException {
        Class<?>[] classes = new Class<?>[others.length];
        for (int i = 0; i < others.length; i++) {
            classes[i] = Class.forName(others[i]);
        }
        return Runners.runner(dir).withConfiguration(AutoConfigurations.of(classes))
                .withUserConfiguration(Application.class) // what @SpringBootApplication gives LangChain4j's starter
                .withPropertyValues("lancedb.dimensions=8");
    }

    @Test
    void spring_ai_openai_starter_its_model_is_the_only_one() throws Exception {
        with(OPENAI).withClassLoader(Runners.WITHOUT_LANGCHAIN4J).withPropertyValues("spring.ai.openai.api-key=sk-openai", "spring.ai.openai.base-url=" + server.baseUrl(),
                "spring.ai.openai.embedding.dimensions=8", "spring.ai.openai.embedding.encoding-format=float")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(EmbeddingModel.class).doesNotHaveBean("lancedbSpringAiEmbeddingModel");
                    assertThat(modelOf(context.getBean(LanceDbVectorStore.class))).isInstanceOf(OpenAiEmbeddingModel.class);
                });
    }

    @Test
    void spring_ai_ollama_starter_its_model_is_the_stores() throws Exception {
        with(OLLAMA_API, OLLAMA).withClassLoader(Runners.WITHOUT_LANGCHAIN4J)
                .withPropertyValues("spring.ai.ollama.base-url=http://127.0.0.1:9").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(EmbeddingModel.class)).containsOnlyKeys("ollamaEmbeddingModel");
            assertThat(modelOf(context.getBean(LanceDbVectorStore.class))).isInstanceOf(OllamaEmbeddingModel.class);
            // Injection by type, as an application does it, finds one model.
            assertThat(context.getBean(EmbeddingModel.class)).isInstanceOf(OllamaEmbeddingModel.class);
        });
    }

    @Test
    void ollama_registered_after_ours_still_leaves_one_model_for_injection() throws Exception {
        // Ollama's starter guards on its own type only: even if ours exists, injection by type must find one.
        Runners.runner(dir).withClassLoader(Runners.WITHOUT_LANGCHAIN4J).withPropertyValues("lancedb.dimensions=384")
                .withConfiguration(AutoConfigurations.of(Class.forName(OLLAMA_API)))
                .withUserConfiguration(LateOllama.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(EmbeddingModel.class)).isInstanceOf(OllamaEmbeddingModel.class);
                    assertThat(modelOf(context.getBean(LanceDbVectorStore.class))).isInstanceOf(OllamaEmbeddingModel.class);
                });
    }

    @Test
    void both_spring_ai_starters_select_one_with_spring_ai_model_embedding() throws Exception {
        with(OPENAI, OLLAMA_API, OLLAMA).withClassLoader(Runners.WITHOUT_LANGCHAIN4J)
                .withPropertyValues("spring.ai.model.embedding=ollama",
                "spring.ai.openai.api-key=sk-openai").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(EmbeddingModel.class);
            assertThat(modelOf(context.getBean(LanceDbVectorStore.class))).isInstanceOf(OllamaEmbeddingModel.class);
        });
    }

    @Test
    void the_applications_model_wins_over_every_starter() throws Exception {
        with(OPENAI, OLLAMA_API, OLLAMA, LC4J).withUserConfiguration(StarterAutoConfigurationTests.UserModels.class)
                .withPropertyValues("spring.ai.openai.api-key=sk-openai").run(context -> {
                    assertThat(context).hasNotFailed();
                    // Ollama's starter adds its model next to the application's; the store takes the application's.
                    assertThat(modelOf(context.getBean(LanceDbVectorStore.class))).isInstanceOf(FakeSpringAiModel.class);
                    assertThat(context).doesNotHaveBean("lancedbSpringAiEmbeddingModel").doesNotHaveBean("lancedbEmbeddingModel");
                    assertThat(context.getBean(LanceDbEmbeddingStore.class).vectorColumn().dimension()).isEqualTo(8);
                });
    }

    @Test
    void two_models_of_the_application_are_ambiguous_and_say_so() throws Exception {
        Runners.runner(dir).withUserConfiguration(TwoModels.class).withClassLoader(Runners.WITHOUT_LANGCHAIN4J)
                .run(context -> assertThat(FailFastTests.failure(context))
                        .hasMessageContaining("[first, second]").hasMessageContaining("@Primary"));
    }

    @Test
    void langchain4j_openai_starter_is_built_for_boot_3_and_ours_stays_out_of_its_way() throws Exception {
        // The newest LangChain4j OpenAI starter served (1.11.0-beta19) is built on Boot 3: with its key set, its own
        // bean fails on Boot 4 (a Boot 3 class). Without its key it makes no model, and ours serves the store.
        with(LC4J_OPENAI).withClassLoader(Runners.WITHOUT_SPRING_AI).withPropertyValues(
                "langchain4j.open-ai.embedding-model.api-key=sk-lc4j",
                "langchain4j.open-ai.embedding-model.base-url=" + server.baseUrl()).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasMessageContaining("'openAiEmbeddingModel' defined in "
                    + LC4J_OPENAI).hasStackTraceContaining("org/springframework/boot/http/client");
        });
        with(LC4J_OPENAI).withClassLoader(Runners.WITHOUT_SPRING_AI).withPropertyValues("lancedb.dimensions=384")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(dev.langchain4j.model.embedding.EmbeddingModel.class)
                            .hasBean("lancedbEmbeddingModel");
                });
    }

    @Test
    void langchain4j_starter_retrieves_from_our_store_not_an_in_memory_one() throws Exception {
        with(LC4J).withClassLoader(Runners.WITHOUT_SPRING_AI).withPropertyValues("lancedb.dimensions=384").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(EmbeddingStore.class);
            assertThat(context.getBean(EmbeddingStore.class)).isInstanceOf(LanceDbEmbeddingStore.class);
            assertThat(context).hasSingleBean(dev.langchain4j.model.embedding.EmbeddingModel.class);
            ContentRetriever retriever = context.getBean(ContentRetriever.class);
            assertThat(retriever).isInstanceOf(EmbeddingStoreContentRetriever.class);
        });
    }

    @Test
    void all_of_them_together_start_with_one_model_per_store() throws Exception {
        // Spring AI's and LangChain4j's OpenAI starters cannot be combined (both define a bean 'openAiEmbeddingModel'),
        // with or without ours: here Spring AI's OpenAI and Ollama starters and LangChain4j's main starter.
        with(OPENAI, OLLAMA_API, OLLAMA, LC4J).withPropertyValues("lancedb.dimensions=384",
                "spring.ai.model.embedding=openai", "spring.ai.openai.api-key=sk-openai",
                "spring.ai.openai.base-url=" + server.baseUrl(), "spring.ai.openai.embedding.dimensions=384")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(VectorStore.class).hasSingleBean(EmbeddingStore.class);
                    assertThat(context).hasSingleBean(EmbeddingModel.class)
                            .hasSingleBean(dev.langchain4j.model.embedding.EmbeddingModel.class);
                    assertThat(modelOf(context.getBean(LanceDbVectorStore.class))).isInstanceOf(OpenAiEmbeddingModel.class);
                    assertThat(context.getBean(ContentRetriever.class)).isInstanceOf(EmbeddingStoreContentRetriever.class);
                });
    }

    private static Object modelOf(LanceDbVectorStore store) throws ReflectiveOperationException {
        Field field = org.springframework.ai.vectorstore.observation.AbstractObservationVectorStore.class
                .getDeclaredField("embeddingModel");
        field.setAccessible(true);
        return field.get(store);
    }

    @Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.AutoConfigurationPackage
    static class Application {
    }

    /** An Ollama model registered as an application bean would be, after ours. */
    @Configuration(proxyBeanMethods = false)
    static class LateOllama {
        @Bean
        OllamaEmbeddingModel ollamaEmbeddingModel(org.springframework.ai.ollama.api.OllamaApi api) {
            return OllamaEmbeddingModel.builder().ollamaApi(api).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoModels {
        @Bean
        EmbeddingModel first() {
            return new FakeSpringAiModel(8);
        }

        @Bean
        EmbeddingModel second() {
            return new FakeSpringAiModel(8);
        }
    }
}
