package io.github.lancedb4j.samples.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.testing.OpenAiCompatibleServer;
import io.github.lancedb4j.testing.RecordedRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The application's main path over HTTP, against a fresh temporary table and a chat model played by an
 * OpenAI-compatible server on 127.0.0.1: documents in (JSON and upload), search with k and filters, health, ask.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpringAiRagApplicationTest {

    static final OpenAiCompatibleServer CHAT = OpenAiCompatibleServer.start().requireApiKey("test-key");

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lancedb.uri", () -> data.resolve("lancedb").toString());
        registry.add("sample.sample-documents", () -> "false");   // a fresh, empty table
        registry.add("sample.chat.api-key", () -> "test-key");
        registry.add("sample.chat.base-url", CHAT::baseUrl);
        registry.add("sample.chat.model", () -> "test-chat");
    }

    @AfterAll
    static void stopChatServer() {
        CHAT.close();
    }

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    static Map<String, Object> doc(String id, String text, Map<String, Object> metadata) {
        return Map.of("id", id, "text", text, "metadata", metadata);
    }

    private void addSpaceAndBakingDocuments() {
        Api.Response added = api.postJson("/documents", List.of(
                doc("mars-1", "Perseverance landed in Jezero Crater in 2021 and carried the Ingenuity helicopter.",
                        Map.of("source", "mars.md", "topic", "space", "year", 2021)),
                doc("mars-2", "Curiosity landed in Gale Crater in 2012 and found clay minerals in mudstone.",
                        Map.of("source", "mars.md", "topic", "space", "year", 2012)),
                doc("bread-1", "A sourdough starter doubles within four to eight hours after feeding.",
                        Map.of("source", "bread.md", "topic", "baking", "year", 2019))));
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.get("documents").asInt()).isEqualTo(3);
        assertThat(strings(added.get("ids"))).containsExactly("mars-1", "mars-2", "bread-1");
        // A single object works too.
        Api.Response single = api.postJson("/documents", doc("bakery-1",
                "Ingenuity is also the name of a bakery product line.", Map.of("source", "bread.md",
                        "topic", "baking", "year", 2023)));
        assertThat(single.status()).isEqualTo(200);
        assertThat(strings(single.get("ids"))).containsExactly("bakery-1");
    }

    @Test
    void json_documents_are_found_by_search_with_k_and_a_filter() {
        addSpaceAndBakingDocuments();

        Api.Response top2 = api.search("Which rover carried a helicopter to Mars?", 2, null);
        assertThat(top2.status()).isEqualTo(200);
        assertThat(top2.json()).hasSize(2);
        JsonNode best = top2.json().get(0);
        assertThat(best.get("id").asString()).isEqualTo("mars-1");
        assertThat(best.get("text").asString()).startsWith("Perseverance landed");
        assertThat(best.get("metadata").get("source").asString()).isEqualTo("mars.md");
        assertThat(best.get("metadata").get("year").asInt()).isEqualTo(2021);
        assertThat(best.get("metadata").has("distance")).isFalse();
        assertThat(best.get("score").asDouble()).isGreaterThan(top2.json().get(1).get("score").asDouble());

        Api.Response baking = api.search("Ingenuity", 10, "topic == 'baking' && year >= 2020");
        assertThat(baking.status()).isEqualTo(200);
        assertThat(ids(baking.json())).containsExactly("bakery-1");

        Api.Response in = api.search("crater", 10, "source in ['mars.md'] && year < 2020");
        assertThat(ids(in.json())).containsExactly("mars-2");
    }

    @Test
    void search_by_words_and_by_both_finds_a_literal_code() {
        Api.Response added = api.postJson("/documents", List.of(
                doc("code-1", "Ticket ZX-4471: the Ingenuity upload stalled at 80 percent.",
                        Map.of("source", "tickets.md", "topic", "support", "year", 2024))));
        assertThat(added.status()).isEqualTo(200);

        Api.Response byWords = api.get("/search?q=ZX-4471&k=1&mode=full-text");
        Api.Response byBoth = api.get("/search?q=ZX-4471&k=3&mode=hybrid");

        assertThat(byWords.status()).isEqualTo(200);
        assertThat(ids(byWords.json())).containsExactly("code-1");
        assertThat(byWords.json().get(0).get("score").asDouble()).isEqualTo(1.0);
        assertThat(ids(byBoth.json())).contains("code-1");
        assertThat(api.get("/search?q=x&mode=semantic").status()).isEqualTo(400);
    }

    @Test
    void bad_requests_are_400_with_the_reason() {
        Api.Response badFilter = api.search("rover", 5, "topic == space");
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.get("detail").asString())
                .startsWith("The filter is not a Spring AI filter expression: ")
                .contains("Line: 1:");

        Api.Response badK = api.search("rover", 0, null);
        assertThat(badK.status()).isEqualTo(400);
        assertThat(badK.get("detail").asString()).contains("k must be between 1 and 50");

        assertThat(api.get("/search?k=3").status()).isEqualTo(400);   // no q

        Api.Response noText = api.postJson("/documents", Map.of("id", "x", "metadata", Map.of("a", 1)));
        assertThat(noText.status()).isEqualTo(400);
        assertThat(noText.get("detail").asString()).contains("\"text\"");

        Api.Response nested = api.postJson("/documents",
                Map.of("text", "nested metadata", "metadata", Map.of("owner", Map.of("name", "x"))));
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.get("detail").asString()).contains("owner");
    }

    @Test
    void an_uploaded_file_is_split_into_chunks_with_its_name_as_source_and_replaced_on_upload() {
        StringBuilder guide = new StringBuilder("---\ntopic: gardening\nyear: 2024\n---\n# Growing tomatoes\n\n");
        for (int i = 1; i <= 40; i++) {
            guide.append("Step ").append(i).append(": water the tomato plants deeply in the morning, keep the soil ")
                    .append("moist but not wet, and tie the stems to a stake as they grow taller.\n");
        }
        Api.Response uploaded = api.upload("tomatoes.md", guide.toString());
        assertThat(uploaded.status()).isEqualTo(200);
        int chunks = uploaded.get("documents").asInt();
        assertThat(chunks).isGreaterThan(1);
        assertThat(strings(uploaded.get("sources"))).containsExactly("tomatoes.md");

        Api.Response found = api.search("how to water tomatoes", 50, "source == 'tomatoes.md'");
        assertThat(found.json()).hasSize(chunks);
        JsonNode metadata = found.json().get(0).get("metadata");
        assertThat(metadata.get("topic").asString()).isEqualTo("gardening");
        assertThat(metadata.get("year").asInt()).isEqualTo(2024);
        assertThat(metadata.get("total_chunks").asInt()).isEqualTo(chunks);
        assertThat(found.json().get(0).get("text").asString()).doesNotContain("topic: gardening");

        // Uploading the file again replaces its chunks, also when it became shorter.
        Api.Response again = api.upload("tomatoes.md", "# Growing tomatoes\n\nWater them in the morning.");
        assertThat(again.get("documents").asInt()).isEqualTo(1);
        assertThat(api.search("tomatoes", 50, "source == 'tomatoes.md'").json()).hasSize(1);

        Api.Response pdf = api.upload("report.pdf", "%PDF-1.7");
        assertThat(pdf.status()).isEqualTo(415);
        assertThat(pdf.get("detail").asString()).contains("report.pdf").contains(".md");
    }

    @Test
    void health_shows_the_table_and_its_rows() {
        api.postJson("/documents", doc("health-1", "A document for the health check.", Map.of("source", "h.md")));
        long rows = api.get("/api/config").get("rows").asLong();

        Api.Response health = api.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.get("status").asString()).isEqualTo("UP");
        JsonNode store = health.get("components").get("lancedb").get("components").get("default");
        assertThat(store.get("status").asString()).isEqualTo("UP");
        JsonNode details = store.get("details");
        assertThat(details.get("table").asString()).isEqualTo("spring-ai-rag");
        assertThat(details.get("location").asString()).startsWith(data.toString());
        assertThat(details.get("rows").asLong()).isEqualTo(rows).isGreaterThanOrEqualTo(1);
        assertThat(details.get("dimensions").asInt()).isEqualTo(384);
        assertThat(details.get("search").asString()).isEqualTo("exact (no vector index)");
    }

    @Test
    void ask_sends_the_retrieved_documents_and_the_question_to_the_chat_model() {
        addSpaceAndBakingDocuments();
        CHAT.clearRequests();
        CHAT.chatReply(request -> "Perseverance carried Ingenuity [1].");

        Api.Response answer = api.postJson("/ask",
                Map.of("question", "Which rover carried the Ingenuity helicopter?", "k", 2,
                        "filter", "topic == 'space'"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.get("answer").asString()).isEqualTo("Perseverance carried Ingenuity [1].");
        assertThat(answer.get("model").asString()).isEqualTo("test-chat");
        assertThat(ids(answer.get("documents"))).containsExactlyInAnyOrder("mars-1", "mars-2");

        List<RecordedRequest> chats = CHAT.requests("/chat/completions");
        assertThat(chats).hasSize(1);
        RecordedRequest chat = chats.get(0);
        assertThat(chat.authorization()).isEqualTo("Bearer test-key");
        assertThat(chat.json().get("model").asText()).isEqualTo("test-chat");
        assertThat(chat.lastUserMessage())
                .contains("Which rover carried the Ingenuity helicopter?")
                .contains("Perseverance landed in Jezero Crater in 2021")
                .contains("(source: mars.md)")
                .doesNotContain("sourdough", "bakery");

        Api.Response badFilter = api.postJson("/ask", Map.of("question", "Which rover?", "filter", "year >"));
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(api.postJson("/ask", Map.of("question", " ")).status()).isEqualTo(400);
    }

    @Test
    void a_failing_chat_model_is_a_502_that_says_which_model_and_why() {
        addSpaceAndBakingDocuments();
        CHAT.failNextRequests(1, 401);   // not retried

        Api.Response failed = api.postJson("/ask", Map.of("question", "Which rover carried Ingenuity?"));

        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.get("detail").asString())
                .startsWith("The chat model (test-chat at " + CHAT.baseUrl() + ") failed: ")
                .doesNotContain("test-key");
    }

    @Test
    void the_page_and_its_config_are_served() {
        Api.Response config = api.get("/api/config");
        assertThat(config.get("askEnabled").asBoolean()).isTrue();
        assertThat(config.get("chatModel").asString()).isEqualTo("test-chat at " + CHAT.baseUrl());
        assertThat(config.get("embeddingModel").asString()).contains("all-MiniLM-L6-v2");
        assertThat(config.get("table").asString()).isEqualTo("spring-ai-rag");
        String page = org.springframework.web.client.RestClient.create("http://127.0.0.1:" + port).get().uri("/")
                .retrieve().body(String.class);
        assertThat(page).contains("id=\"search-form\"").contains("app.js");
    }

    static List<String> ids(JsonNode hits) {
        List<String> ids = new ArrayList<>();
        hits.forEach(h -> ids.add(h.get("id").asString()));
        return ids;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
