package io.github.lancedb4j.samples.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.Row;
import io.github.lancedb4j.store.VectorColumn;
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
 * {@code lancedb.read-version}: the application serves a tagged version read-only — uploads are refused with 409
 * before anything is embedded, the bundled documents are not ingested, searches see the tagged rows only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadVersionAppTest {

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String uri = data.resolve("lancedb").toString();
        // The release: one row, tagged; then a row the release must not show.
        try (LanceDatabase db = LanceDatabase.connect(uri)) {
            LanceTable table = db.openTable("spring-ai-rag", List.of(VectorColumn.of("vector", 384)), true);
            float[] vector = new float[384];
            vector[0] = 1;
            table.upsert(List.of(Row.of("released", "Released text", Map.of("source", "release.md"), "vector",
                    vector)), List.of("vector"));
            table.history().tag("release-1");
            table.upsert(List.of(Row.of("draft", "Draft text", Map.of("source", "draft.md"), "vector", vector)),
                    List.of("vector"));
        }
        registry.add("lancedb.uri", () -> uri);
        registry.add("lancedb.read-version", () -> "release-1");
        registry.add("sample.chat.api-key", () -> "");
    }

    @LocalServerPort
    int port;

    @Test
    void the_application_serves_the_tag_read_only() {
        Api api = new Api(port);
        JsonNode table = api.get("/api/table").json();
        assertThat(table.get("readOnly").asBoolean()).isTrue();
        assertThat(table.get("servingTag").asText()).isEqualTo("release-1");
        assertThat(table.get("rows").asLong()).isEqualTo(1);

        assertThat(SpringAiRagApplicationTest.ids(api.get("/search?q=text&k=5").json())).containsExactly("released");
        Api.Response added = api.postJson("/documents", Map.of("text", "new"));
        assertThat(added.status()).isEqualTo(409);
        assertThat(added.get("detail").asText()).contains("as of tag 'release-1'").contains("read-only");
        Api.Response uploaded = api.upload("x.md", "some text");
        assertThat(uploaded.status()).isEqualTo(409);
        JsonNode health = api.get("/actuator/health").json();
        assertThat(health.toString()).contains("read-only as of tag 'release-1'");
    }
}
