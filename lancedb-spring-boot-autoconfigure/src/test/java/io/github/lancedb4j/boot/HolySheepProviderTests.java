package io.github.lancedb4j.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.segment.TextSegment;
import io.github.lancedb4j.testing.OpenAiCompatibleServer;
import io.github.lancedb4j.testing.RecordedRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The holysheep provider against a real OpenAI-compatible server on 127.0.0.1, for both frameworks. */
class HolySheepProviderTests {

    @TempDir
    Path dir;

    OpenAiCompatibleServer server;

    @BeforeEach
    void start() {
        server = OpenAiCompatibleServer.start().requireApiKey("sk-holysheep-test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    ApplicationContextRunner runner(String apiKey) {
        return Runners.runner(dir).withPropertyValues(
                "lancedb.embedding.provider=holysheep",
                "lancedb.embedding.base-url=" + server.baseUrl(),
                "lancedb.embedding.api-key=" + apiKey,
                "lancedb.embedding.model=text-embedding-3-small",
                "lancedb.embedding.dimensions=16",
                "lancedb.embedding.batch-size=10",
                "lancedb.embedding.max-retries=2");
    }

    @Test
    void startup_makes_no_call_when_dimensions_are_configured() {
        runner("sk-holysheep-test").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(server.requests()).isEmpty();
        });
    }

    @Test
    void langchain4j_model_posts_batches_to_v1_embeddings_with_bearer_model_and_dimensions() {
        runner("sk-holysheep-test").run(context -> {
            var model = context.getBean(dev.langchain4j.model.embedding.EmbeddingModel.class);
            List<TextSegment> segments = IntStream.range(0, 25).mapToObj(i -> TextSegment.from("text " + i)).toList();
            assertThat(model.embedAll(segments).content()).hasSize(25).allSatisfy(e -> assertThat(e.dimension()).isEqualTo(16));

            List<RecordedRequest> requests = server.requests("/embeddings");
            assertThat(requests).hasSize(3);
            assertThat(requests).allSatisfy(this::isHolySheepRequest);
            assertThat(requests).extracting(r -> r.embeddingInputs().size()).containsExactly(10, 10, 5);
        });
    }

    @Test
    void spring_ai_store_posts_batches_to_v1_embeddings_with_bearer_model_and_dimensions() {
        runner("sk-holysheep-test").run(context -> {
            VectorStore store = context.getBean(VectorStore.class);
            store.add(IntStream.range(0, 25).mapToObj(i -> new Document("id" + i, "text " + i, java.util.Map.of())).toList());

            List<RecordedRequest> requests = server.requests("/embeddings");
            assertThat(requests).hasSize(3);
            assertThat(requests).allSatisfy(this::isHolySheepRequest);
            assertThat(requests).extracting(r -> r.embeddingInputs().size()).containsExactly(10, 10, 5);

            // Spring AI embeds the document's formatted content (MetadataMode.EMBED), so only the shape is checked.
            assertThat(store.similaritySearch(SearchRequest.builder().query("text 3").topK(2).build())).hasSize(2);
            assertThat(server.requests("/embeddings")).hasSize(4);
        });
    }

    private void isHolySheepRequest(RecordedRequest r) {
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/embeddings");
        assertThat(r.authorization()).isEqualTo("Bearer sk-holysheep-test");
        assertThat(r.jsonText("model")).isEqualTo("text-embedding-3-small");
        assertThat(r.jsonText("dimensions")).isEqualTo("16");
        assertThat(r.jsonText("encoding_format")).isEqualTo("float");
    }

    @Test
    void a_429_is_retried_by_both_clients() {
        runner("sk-holysheep-test").run(context -> {
            server.failNextRequests(1, 429);
            var model = context.getBean(dev.langchain4j.model.embedding.EmbeddingModel.class);
            assertThat(model.embed("hello").content().dimension()).isEqualTo(16);
            assertThat(server.requests("/embeddings")).hasSize(2);

            server.clearRequests();
            server.failNextRequests(1, 429);
            var springModel = context.getBean(org.springframework.ai.embedding.EmbeddingModel.class);
            assertThat(springModel.embed("hello")).hasSize(16);
            assertThat(server.requests("/embeddings")).hasSize(2);
        });
    }

    /** The README's defaults in effect: batches of 256 texts, 3 retries. */
    @Test
    void by_default_both_clients_send_256_texts_per_request_and_retry_3_times() {
        Runners.runner(dir).withPropertyValues("lancedb.embedding.provider=holysheep",
                "lancedb.embedding.base-url=" + server.baseUrl(), "lancedb.embedding.api-key=sk-holysheep-test",
                "lancedb.embedding.dimensions=16").run(context -> {
                    var model = context.getBean(dev.langchain4j.model.embedding.EmbeddingModel.class);
                    List<TextSegment> segments = IntStream.range(0, 300)
                            .mapToObj(i -> TextSegment.from("text " + i)).toList();
                    assertThat(model.embedAll(segments).content()).hasSize(300);
                    assertThat(server.requests("/embeddings")).extracting(r -> r.embeddingInputs().size())
                            .containsExactly(256, 44);

                    server.clearRequests();
                    server.failNextRequests(3, 503);
                    assertThat(model.embed("hello").content().dimension()).isEqualTo(16);
                    assertThat(server.requests("/embeddings")).hasSize(4);

                    server.clearRequests();
                    server.failNextRequests(3, 503);
                    var springModel = context.getBean(org.springframework.ai.embedding.EmbeddingModel.class);
                    assertThat(springModel.embed("hello")).hasSize(16);
                    assertThat(server.requests("/embeddings")).hasSize(4);

                    LanceDbProperties.Embedding embedding = context.getBean(LanceDbProperties.class).getEmbedding();
                    assertThat(embedding.getTimeout()).isEqualTo(java.time.Duration.ofSeconds(60));
                    assertThat(embedding.getBatchSize()).isEqualTo(256);
                    assertThat(embedding.getMaxRetries()).isEqualTo(3);
                });
    }

    @Test
    void a_5xx_is_retried_by_both_clients_up_to_max_retries() {
        runner("sk-holysheep-test").run(context -> {
            var model = context.getBean(dev.langchain4j.model.embedding.EmbeddingModel.class);
            var springModel = context.getBean(org.springframework.ai.embedding.EmbeddingModel.class);

            server.failNextRequests(2, 503); // max-retries=2: the third attempt succeeds
            assertThat(model.embed("hello").content().dimension()).isEqualTo(16);
            assertThat(server.requests("/embeddings")).hasSize(3);
            server.clearRequests();
            server.failNextRequests(2, 500);
            assertThat(springModel.embed("hello")).hasSize(16);
            assertThat(server.requests("/embeddings")).hasSize(3);

            server.clearRequests();
            server.failNextRequests(3, 502); // one more failure than retries: the call fails after 3 requests
            assertThatThrownBy(() -> model.embed("hello")).isInstanceOf(RuntimeException.class);
            assertThat(server.requests("/embeddings")).hasSize(3);
            server.clearRequests();
            server.failNextRequests(3, 502);
            assertThatThrownBy(() -> springModel.embed("hello")).isInstanceOf(RuntimeException.class);
            assertThat(server.requests("/embeddings")).hasSize(3);
        });
    }

    @Test
    void a_wrong_key_is_reported_as_401_at_first_use_not_retried() {
        runner("sk-wrong").run(context -> {
            assertThat(context).hasNotFailed();
            var model = context.getBean(dev.langchain4j.model.embedding.EmbeddingModel.class);
            assertThatThrownBy(() -> model.embed("hello"))
                    .isInstanceOf(dev.langchain4j.exception.AuthenticationException.class)
                    .hasMessageContaining("Incorrect API key");
            assertThat(server.requests("/embeddings")).hasSize(1);

            server.clearRequests();
            VectorStore store = context.getBean(VectorStore.class);
            assertThatThrownBy(() -> store.add(List.of(new Document("x"))))
                    .isInstanceOf(com.openai.errors.UnauthorizedException.class)
                    .hasMessageContaining("401").hasMessageContaining("Incorrect API key");
            assertThat(server.requests("/embeddings")).as("Spring AI's client does not retry a 401").hasSize(1);
        });
    }

    @Test
    void without_configured_dimensions_the_model_is_asked_once_when_the_table_is_created() {
        server.defaultDimensions(12);
        Runners.runner(dir).withClassLoader(Runners.WITHOUT_SPRING_AI).withPropertyValues(
                "lancedb.embedding.base-url=" + server.baseUrl(),
                "lancedb.embedding.api-key=sk-holysheep-test",
                "lancedb.embedding.model=bge-m3").run(context -> {
            assertThat(context).hasNotFailed();
            var store = context.getBean(io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore.class);
            assertThat(store.vectorColumn().dimension()).isEqualTo(12);
            assertThat(server.requests("/embeddings")).hasSize(1);
        });
    }
}
