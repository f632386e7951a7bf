package io.github.lancedb4j.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.testing.OpenAiCompatibleServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An API key only goes to a host the configuration names: a provider's own key names its provider, the generic key
 * needs a provider or a base-url. Anything else fails at startup, before any request, showing both ways to fix it.
 */
class KeyDestinationTests {

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

    @Test
    void a_generic_key_without_provider_or_base_url_fails_with_both_options_and_is_sent_nowhere() {
        Runners.runner(dir).withPropertyValues("lancedb.embedding.api-key=sk-openai-key").run(context -> {
            Throwable failure = FailFastTests.failure(context);
            assertThat(failure).hasMessageContaining("lancedb.embedding.api-key is set, but neither "
                            + "lancedb.embedding.provider nor lancedb.embedding.base-url says where to send it")
                    .hasMessageContaining("lancedb.embedding.holysheep.api-key")
                    .hasMessageContaining("lancedb.embedding.openai.api-key")
                    .hasMessageContaining("lancedb.embedding.provider=holysheep|openai")
                    .hasMessageContaining("lancedb.embedding.base-url")
                    .message().doesNotContain("sk-openai-key");
        });
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void a_providers_own_key_chooses_that_provider_and_its_host() {
        LanceDbProperties holysheep = new LanceDbProperties();
        holysheep.getEmbedding().getHolysheep().setApiKey("sk-hs");
        EmbeddingSettings hs = StoreSettings.all(holysheep).get(0).embedding();
        assertThat(hs.provider()).isEqualTo(EmbeddingProvider.HOLYSHEEP);
        assertThat(hs.baseUrl()).isEqualTo("https://api.holysheep.ai/v1");
        assertThat(hs.apiKey()).isEqualTo("sk-hs");

        LanceDbProperties openai = new LanceDbProperties();
        openai.getEmbedding().getOpenai().setApiKey("sk-oa");
        EmbeddingSettings oa = StoreSettings.all(openai).get(0).embedding();
        assertThat(oa.provider()).isEqualTo(EmbeddingProvider.OPENAI);
        assertThat(oa.baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(oa.apiKey()).isEqualTo("sk-oa");
        assertThat(oa.toString()).doesNotContain("sk-oa");
    }

    @Test
    void the_holysheep_key_goes_to_the_configured_base_url_with_bearer() {
        Runners.runner(dir).withClassLoader(Runners.WITHOUT_SPRING_AI).withPropertyValues(
                "lancedb.embedding.holysheep.api-key=sk-holysheep",
                "lancedb.embedding.base-url=" + server.baseUrl(),
                "lancedb.embedding.dimensions=8").run(context -> {
            assertThat(context).hasNotFailed();
            var model = context.getBean(dev.langchain4j.model.embedding.EmbeddingModel.class);
            model.embed("hello");
            assertThat(server.requests("/embeddings")).singleElement()
                    .satisfies(r -> assertThat(r.authorization()).isEqualTo("Bearer sk-holysheep"));
        });
    }

    @Test
    void a_generic_key_goes_where_provider_or_base_url_say() {
        LanceDbProperties withProvider = new LanceDbProperties();
        withProvider.getEmbedding().setApiKey("sk-x");
        withProvider.getEmbedding().setProvider(EmbeddingProvider.OPENAI);
        assertThat(StoreSettings.all(withProvider).get(0).embedding().baseUrl()).isEqualTo("https://api.openai.com/v1");

        Runners.runner(dir).withClassLoader(Runners.WITHOUT_LANGCHAIN4J).withPropertyValues(
                "lancedb.embedding.api-key=sk-compatible",
                "lancedb.embedding.base-url=" + server.baseUrl(),
                "lancedb.embedding.dimensions=8").run(context -> {
            assertThat(context).hasNotFailed();
            context.getBean(org.springframework.ai.embedding.EmbeddingModel.class).embed("hello");
            assertThat(server.requests("/embeddings")).singleElement()
                    .satisfies(r -> assertThat(r.authorization()).isEqualTo("Bearer sk-compatible"));
        });
    }

    @Test
    void a_key_is_never_sent_to_another_provider() {
        Runners.runner(dir).withPropertyValues("lancedb.embedding.provider=openai",
                "lancedb.embedding.holysheep.api-key=sk-hs").run(context ->
                assertThat(FailFastTests.failure(context))
                        .hasMessageContaining("lancedb.embedding.provider is openai but the only key configured is "
                                + "lancedb.embedding.holysheep.api-key")
                        .hasMessageContaining("lancedb.embedding.openai.api-key"));
    }

    @Test
    void two_provider_keys_need_a_provider() {
        Runners.runner(dir).withPropertyValues("lancedb.embedding.holysheep.api-key=a",
                "lancedb.embedding.openai.api-key=b").run(context ->
                assertThat(FailFastTests.failure(context))
                        .hasMessageContaining("Both lancedb.embedding.holysheep.api-key and "
                                + "lancedb.embedding.openai.api-key are set")
                        .hasMessageContaining("lancedb.embedding.provider"));
        Runners.runner(dir).withUserConfiguration(StarterAutoConfigurationTests.UserModels.class).withPropertyValues(
                "lancedb.embedding.holysheep.api-key=a", "lancedb.embedding.openai.api-key=b",
                "lancedb.embedding.provider=openai").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void a_named_store_follows_the_rule_with_its_own_property_names() {
        Runners.runner(dir).withPropertyValues("lancedb.stores.large.embedding.api-key=sk-x").run(context ->
                assertThat(FailFastTests.failure(context))
                        .hasMessageContaining("lancedb.stores.large.embedding.api-key is set")
                        .hasMessageContaining("lancedb.stores.large.embedding.holysheep.api-key"));
    }

    @Test
    void keys_are_not_checked_when_the_application_brings_its_own_models() {
        Runners.runner(dir).withUserConfiguration(StarterAutoConfigurationTests.UserModels.class)
                .withPropertyValues("lancedb.embedding.api-key=sk-unused").run(context ->
                        assertThat(context).hasNotFailed());
    }
}
