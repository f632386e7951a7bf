package io.github.lancedb4j.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.VectorColumn;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lance.namespace.RestAdapter;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;

/**
 * {@code lancedb.namespace.*}: both frameworks' stores find their table through a Lance REST namespace server
 * (Lance's own, in-process on 127.0.0.1, over a directory) — the way an application reaches LanceDB Enterprise or a
 * catalog — write and search it with filters, and the table is where the namespace put it.
 */
class NamespaceTests {

    @TempDir
    Path dir;

    @Test
    void both_stores_write_and_search_a_table_found_through_a_rest_namespace() throws Exception {
        Path root = dir.resolve("catalog");
        try (RestAdapter server = new RestAdapter("dir", Map.of("root", root.toString()), "127.0.0.1", 0)) {
            server.start();
            Runners.runner(dir)
                    .withPropertyValues("lancedb.namespace.implementation=rest",
                            "lancedb.namespace.properties.uri=http://127.0.0.1:" + server.getPort(),
                            "lancedb.namespace.properties.headers.x-api-key=secret-key",
                            "lancedb.table=docs")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBean(LanceDbProperties.class).toString())
                                .contains("implementation=rest").doesNotContain("secret-key");
                        VectorStore vectorStore = context.getBean(VectorStore.class);
                        vectorStore.add(List.of(
                                new Document("a", "Lance tables live in S3 buckets", Map.of("lang", "en")),
                                new Document("b", "Les tables Lance vivent dans des buckets S3", Map.of("lang", "fr")),
                                new Document("c", "Cats sleep most of the day", Map.of("lang", "en"))));
                        assertThat(vectorStore.similaritySearch(SearchRequest.builder().query("buckets").topK(3)
                                .filterExpression("lang == 'fr'").build()))
                                .extracting(Document::getId).containsExactly("b");

                        @SuppressWarnings("unchecked")
                        EmbeddingStore<TextSegment> store = context.getBean(EmbeddingStore.class);
                        var model = context.getBean(dev.langchain4j.model.embedding.EmbeddingModel.class);
                        var matches = store.search(EmbeddingSearchRequest.builder()
                                .queryEmbedding(model.embed("object storage buckets").content()).maxResults(1)
                                .filter(MetadataFilterBuilder.metadataKey("lang").isEqualTo("en")).build())
                                .matches();
                        assertThat(matches).singleElement()
                                .satisfies(m -> assertThat(m.embeddingId()).isEqualTo("a"));
                    });
            // The catalog put the table in its directory, and nothing went to lancedb.uri.
            assertThat(root.resolve("docs.lance").resolve("_versions")).isDirectory();
            assertThat(dir.resolve("db").resolve("docs.lance")).doesNotExist();
            try (LanceDatabase direct = LanceDatabase.connect(root.toString())) {
                assertThat(direct.openTable("docs", List.<VectorColumn>of(), false).countRows()).isEqualTo(3);
            }
        }
    }

    @Test
    void an_unreachable_namespace_fails_startup_naming_it() {
        Runners.runner(dir)
                .withPropertyValues("lancedb.namespace.implementation=rest",
                        "lancedb.namespace.properties.uri=http://127.0.0.1:9", "lancedb.table=docs")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .hasStackTraceContaining("cannot open table 'docs' at the Lance namespace 'rest'")
                            .hasStackTraceContaining("Service unavailable");
                });
    }
}
