package io.github.lancedb4j.samples.springai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The table over HTTP: {@code GET /api/table}, tags with {@code POST /api/tags}, {@code /search?asOf=} reading a
 * tagged version after newer uploads (in every search mode), and {@code /actuator/lancedb} (read-only by default) — on a fresh table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TimeTravelApiTest {

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lancedb.uri", () -> data.resolve("lancedb").toString());
        registry.add("sample.sample-documents", () -> "false");
        registry.add("sample.chat.api-key", () -> "");
    }

    @LocalServerPort
    int port;

    @Test
    void tag_then_search_as_of_the_tag_after_an_upload_and_see_it_all_in_the_table_status() {
        Api api = new Api(port);
        assertThat(api.postJson("/documents", List.of(
                Map.of("id", "mars-1", "text", "Perseverance carried the Ingenuity helicopter to Jezero Crater.",
                        "metadata", Map.of("source", "mars.md", "topic", "space")),
                Map.of("id", "bread-1", "text", "A sourdough starter doubles within eight hours after feeding.",
                        "metadata", Map.of("source", "bread.md", "topic", "baking")))).status()).isEqualTo(200);

        Api.Response tag = api.postJson("/api/tags", Map.of("name", "before-moon"));
        assertThat(tag.status()).isEqualTo(200);
        long tagged = tag.get("version").asLong();
        Api.Response duplicate = api.postJson("/api/tags", Map.of("name", "before-moon"));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.get("detail").asText()).contains("already has a tag 'before-moon'");

        Api.Response upload = api.upload("moon.md", "---\ntopic: space\n---\n# Moon base\n\nThe first lunar base "
                + "will be built near the south pole, where craters hold water ice.\n");
        assertThat(upload.status()).isEqualTo(200);

        JsonNode now = api.search("water ice on the moon", 3, null).json();
        assertThat(now.get(0).get("metadata").get("source").asText()).isEqualTo("moon.md");
        Api.Response then = api.search("water ice on the moon", 3, null, "before-moon");
        assertThat(then.status()).isEqualTo(200);
        assertThat(SpringAiRagApplicationTest.ids(then.json())).containsExactlyInAnyOrder("mars-1", "bread-1");
        Api.Response filtered = api.search("helicopter", 3, "topic == 'space'", "before-moon");
        assertThat(SpringAiRagApplicationTest.ids(filtered.json())).containsExactly("mars-1");
        Api.Response byNumber = api.search("helicopter", 3, null, Long.toString(tagged));
        assertThat(SpringAiRagApplicationTest.ids(byNumber.json())).containsExactlyInAnyOrder("mars-1", "bread-1");
        // Every search mode works as of a tag: by words, only the tagged version's rows match.
        assertThat(SpringAiRagApplicationTest.ids(api.get("/search?q=water%20ice&k=3&mode=full-text").json()))
                .hasSize(1);
        Api.Response wordsThen = api.get("/search?q=water%20ice&k=3&mode=full-text&asOf=before-moon");
        assertThat(wordsThen.status()).isEqualTo(200);
        assertThat(wordsThen.json()).isEmpty();
        Api.Response helicopterThen = api.get("/search?q=helicopter&k=3&mode=full-text&asOf=before-moon");
        assertThat(SpringAiRagApplicationTest.ids(helicopterThen.json())).containsExactly("mars-1");
        Api.Response bothThen = api.get("/search?q=helicopter&k=3&mode=hybrid&asOf=before-moon");
        assertThat(SpringAiRagApplicationTest.ids(bothThen.json()).get(0)).isEqualTo("mars-1");
        assertThat(SpringAiRagApplicationTest.ids(bothThen.json())).containsExactlyInAnyOrder("mars-1", "bread-1");
        Api.Response missing = api.search("helicopter", null, null, "no-such-tag");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.get("detail").asText()).contains("has no tag 'no-such-tag'; its tags are [before-moon]");

        JsonNode table = api.get("/api/table").json();
        assertThat(table.get("table").asText()).isEqualTo("spring-ai-rag");
        assertThat(table.get("rows").asLong()).isEqualTo(3);
        assertThat(table.get("readOnly").asBoolean()).isFalse();
        assertThat(table.get("version").asLong()).isGreaterThan(tagged);
        assertThat(table.get("tags").get(0).get("name").asText()).isEqualTo("before-moon");
        assertThat(table.get("tags").get(0).get("version").asLong()).isEqualTo(tagged);
        assertThat(table.get("recentVersions")).hasSizeLessThanOrEqualTo(TableController.RECENT_VERSIONS);
        assertThat(table.get("indexes").isArray()).isTrue();

        // The starter's endpoint, exposed by application.yml; its write operations stay off by default.
        JsonNode endpoint = api.get("/actuator/lancedb").json().get("stores").get("default");
        assertThat(endpoint.get("tags").get(0).get("name").asText()).isEqualTo("before-moon");
        assertThat(endpoint.get("rows").asLong()).isEqualTo(3);
        Api.Response write = api.postJson("/actuator/lancedb/default/cleanup", Map.of("olderThan", "0s"));
        assertThat(write.status()).isBetween(400, 499);
    }
}
