package io.github.lancedb4j.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import io.github.lancedb4j.testing.LogCapture;
import io.github.lancedb4j.testing.OpenAiCompatibleServer;
import io.github.lancedb4j.testing.S3ProxyServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;

/**
 * The README: storage-option values and API keys are "never logged". Every logger of the application is captured at
 * DEBUG while the starter starts, writes, searches and fails (403 from the object store, 401 from the embedding API),
 * and no line — nor a startup failure's message — holds a secret.
 */
class SecretsNeverLoggedTests {

    static final String API_KEY = "sk-holysheep-d0-not-log-7f3a9c";

    @TempDir
    Path dir;

    @Test
    void storage_option_values_are_never_logged_at_debug() {
        try (S3ProxyServer s3 = S3ProxyServer.start(); LogCapture logs = LogCapture.root("DEBUG")) {
            s3.createBucket("rag");
            s3Runner(s3, s3.storageOptions()).run(context -> {
                assertThat(context).hasNotFailed();
                context.getBean(VectorStore.class).add(List.of(new Document("a", "Lance tables on S3", Map.of())));
                assertThat(context.getBean(VectorStore.class).similaritySearch(SearchRequest.builder()
                        .query("tables").topK(1).build())).extracting(Document::getId).containsExactly("a");
            });
            s3Runner(s3, s3.storageOptionsWithWrongSecret()).run(context -> {
                assertThat(context).hasFailed();
                assertThat(stackText(context.getStartupFailure())).doesNotContain(s3.secretKey());
            });

            assertThat(logs.lines()).as("lines were captured at DEBUG").isNotEmpty()
                    .anySatisfy(l -> assertThat(l.level()).isEqualTo("DEBUG"));
            assertThat(logs.text()).doesNotContain(s3.secretKey()).doesNotContain("wrong-" + s3.secretKey())
                    .doesNotContain(s3.accessKey());
        }
    }

    @Test
    void api_keys_are_never_logged_at_debug_by_either_framework_nor_on_a_401() {
        try (OpenAiCompatibleServer server = OpenAiCompatibleServer.start().requireApiKey(API_KEY);
                LogCapture logs = LogCapture.root("DEBUG")) {
            runner(server, API_KEY).run(context -> {
                assertThat(context).hasNotFailed();
                context.getBean(VectorStore.class).add(List.of(new Document("a", "hello", Map.of())));
                @SuppressWarnings("unchecked")
                EmbeddingStore<TextSegment> store = context.getBean(EmbeddingStore.class);
                var model = context.getBean(dev.langchain4j.model.embedding.EmbeddingModel.class);
                assertThat(store.search(EmbeddingSearchRequest.builder().queryEmbedding(model.embed("hello")
                        .content()).maxResults(1).build()).matches()).hasSize(1);
            });
            String wrongKey = API_KEY + "-wrong";
            runner(server, wrongKey).run(context -> {
                var model = context.getBean(dev.langchain4j.model.embedding.EmbeddingModel.class);
                assertThatThrownBy(() -> model.embed("hello"))
                        .satisfies(e -> assertThat(stackText(e)).doesNotContain(wrongKey));
                assertThatThrownBy(() -> context.getBean(VectorStore.class).add(List.of(new Document("x"))))
                        .satisfies(e -> assertThat(stackText(e)).doesNotContain(wrongKey));
            });
            assertThat(server.requests("/embeddings")).as("the keys were used").hasSizeGreaterThanOrEqualTo(4);

            assertThat(logs.lines()).anySatisfy(l -> assertThat(l.level()).isEqualTo("DEBUG"));
            assertThat(logs.text()).doesNotContain(API_KEY);
        }
    }

    private org.springframework.boot.test.context.runner.ApplicationContextRunner runner(
            OpenAiCompatibleServer server, String key) {
        return Runners.runner(dir).withPropertyValues("lancedb.embedding.provider=holysheep",
                "lancedb.embedding.base-url=" + server.baseUrl(), "lancedb.embedding.api-key=" + key,
                "lancedb.embedding.dimensions=16", "lancedb.embedding.max-retries=0");
    }

    private org.springframework.boot.test.context.runner.ApplicationContextRunner s3Runner(S3ProxyServer s3,
            Map<String, String> options) {
        List<String> properties = new ArrayList<>(List.of("lancedb.uri=" + s3.uri("rag", "db")));
        options.forEach((k, v) -> properties.add("lancedb.storage-options." + k + "=" + v));
        return Runners.runner(dir).withPropertyValues(properties.toArray(String[]::new));
    }

    /** A throwable's messages down its cause chain, and its suppressed ones. */
    private static String stackText(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            out.append(c).append('\n');
            for (Throwable s : c.getSuppressed()) {
                out.append(stackText(s));
            }
        }
        return out.toString();
    }
}
