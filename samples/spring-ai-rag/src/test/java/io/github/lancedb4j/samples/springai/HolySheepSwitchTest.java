package io.github.lancedb4j.samples.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.springai.LanceDbVectorStore;
import io.github.lancedb4j.testing.OpenAiCompatibleServer;
import io.github.lancedb4j.testing.RecordedRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The README's switch to HolySheep: the application first runs offline, then with the two lines of YAML
 * ({@code lancedb.embedding.holysheep.api-key}, {@code lancedb.vector-column}) against the same table, with HolySheep played by
 * an OpenAI-compatible server on 127.0.0.1 (the only extra setting is its base URL).
 */
class HolySheepSwitchTest {

    @TempDir
    Path data;

    @Test
    void two_lines_of_yaml_move_the_embeddings_to_holysheep_in_a_column_of_their_own() {
        String uri = "--lancedb.uri=" + data.resolve("lancedb");
        try (OpenAiCompatibleServer holySheep = OpenAiCompatibleServer.start().requireApiKey("hs-key")) {
            // Vectors whose cosine is 0.5 between different texts: every document is a (positive) match.
            holySheep.embeddingFunction(HolySheepSwitchTest::vector);

            try (ConfigurableApplicationContext offline = start(uri)) {
                LanceDbVectorStore store = (LanceDbVectorStore) offline.getBean(VectorStore.class);
                assertThat(store.vectorColumn().name()).isEqualTo("vector");
                assertThat(store.vectorColumn().dimension()).isEqualTo(384);
                assertThat(SampleDocuments.documents(store)).isEqualTo(5);
            }
            assertThat(holySheep.requests()).isEmpty();

            try (ConfigurableApplicationContext online = start(uri,
                    "--lancedb.embedding.holysheep.api-key=hs-key", "--lancedb.vector-column=holysheep", // the two lines
                    "--lancedb.embedding.base-url=" + holySheep.baseUrl())) {                      // the test's HolySheep
                LanceDbVectorStore store = (LanceDbVectorStore) online.getBean(VectorStore.class);
                assertThat(store.vectorColumn().name()).isEqualTo("holysheep");
                assertThat(store.vectorColumn().dimension()).isEqualTo(1536);
                // The bundled documents were embedded again, into the new column of the same rows.
                assertThat(SampleDocuments.documents(store)).isEqualTo(5);
                assertThat(store.table().countRows()).isEqualTo(5);
                assertThat(store.table().countVectors("vector")).isEqualTo(5);

                List<Document> hits = store.similaritySearch(SearchRequest.builder().query("tides").topK(3).build());
                assertThat(hits).hasSize(3).allSatisfy(d -> assertThat(d.getMetadata()).containsKey("source"));

                List<RecordedRequest> embeddings = holySheep.requests("/embeddings");
                assertThat(embeddings).isNotEmpty().allSatisfy(r -> {
                    assertThat(r.authorization()).isEqualTo("Bearer hs-key");
                    assertThat(r.jsonText("model")).isEqualTo("text-embedding-3-small");
                });
                assertThat(embeddings.get(embeddings.size() - 1).embeddingInputs()).containsExactly("tides");
            }
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--sample.chat.api-key=", "--spring.main.banner-mode=off"))
                .toArray(String[]::new);
        return new SpringApplicationBuilder(SpringAiRagApplication.class).web(WebApplicationType.NONE).run(all);
    }

    private static float[] vector(String text) {
        float[] v = new float[1536];
        v[0] = (float) Math.sqrt(0.5);
        v[1 + Math.floorMod(text.hashCode(), 1535)] = (float) Math.sqrt(0.5);
        return v;
    }
}
