package io.github.lancedb4j.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import io.github.lancedb4j.springai.LanceDbVectorStore;
import io.github.lancedb4j.store.SearchMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.ai.vectorstore.SearchRequest;

/** {@code lancedb.read-version}: the store beans serve a tag or version of the table, read-only. */
class ReadVersionTests {

    @TempDir
    Path dir;

    /** Version with d1 and d2 tagged "release-1"; then d3 added (latest). */
    @BeforeEach
    void releaseThenMore() {
        Runners.runner(dir).run(context -> {
            LanceDbVectorStore store = context.getBean(LanceDbVectorStore.class);
            store.add(List.of(new Document("d1", "Lance stores vectors on object storage", Map.of("k", "a")),
                    new Document("d2", "Bananas are yellow fruit", Map.of("k", "b"))));
            store.tag("release-1");
            store.add(List.of(new Document("d3", "Penguins live in the southern hemisphere", Map.of("k", "c"))));
        });
    }

    private static List<String> springAiIds(LanceDbVectorStore store) {
        return store.similaritySearch(SearchRequest.builder().query("anything").topK(10).build()).stream()
                .map(Document::getId).sorted().toList();
    }

    @Test
    void both_frameworks_serve_the_tagged_version_read_only() {
        Runners.runner(dir).withPropertyValues("lancedb.read-version=release-1").run(context -> {
            assertThat(context).hasNotFailed();
            LanceDbVectorStore springAi = context.getBean(LanceDbVectorStore.class);
            assertThat(springAi.isReadOnly()).isTrue();
            assertThat(springAiIds(springAi)).containsExactly("d1", "d2");
            assertThatThrownBy(() -> springAi.add(List.of(new Document("x", "y", Map.of()))))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("tag 'release-1'");

            LanceDbEmbeddingStore langChain4j = context.getBean(LanceDbEmbeddingStore.class);
            assertThat(langChain4j.isReadOnly()).isTrue();
            EmbeddingModel model = context.getBean(EmbeddingModel.class);
            List<String> ids = langChain4j.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(model.embed("penguins").content()).maxResults(10).build()).matches().stream()
                    .map(EmbeddingMatch::embeddingId).sorted().toList();
            assertThat(ids).containsExactly("d1", "d2");
            assertThatThrownBy(() -> langChain4j.add(model.embed("x").content(), TextSegment.from("x")))
                    .isInstanceOf(UnsupportedOperationException.class);

            LanceDbTables tables = context.getBean(LanceDbTables.class);
            assertThat(tables.servedView("default")).hasValueSatisfying(v -> assertThat(v.viewTag()).contains("release-1"));
            assertThat(tables.stores().get("default").table().countRows()).isEqualTo(3);
        });
    }

    @Test
    void a_version_number_is_served_too_and_named_stores_may_differ() {
        Runners.runner(dir).withClassLoader(Runners.WITHOUT_LANGCHAIN4J).withPropertyValues(
                "lancedb.stores.released.read-version=2",
                "lancedb.stores.released.embedding.provider=local",
                "lancedb.stores.live.embedding.provider=local").run(context -> {
            assertThat(context).hasNotFailed();
            LanceDbVectorStore released = context.getBean("releasedVectorStore", LanceDbVectorStore.class);
            LanceDbVectorStore live = context.getBean("liveVectorStore", LanceDbVectorStore.class);
            assertThat(released.isReadOnly()).isTrue();
            assertThat(released.version()).isEqualTo(2);
            assertThat(springAiIds(released)).containsExactly("d1", "d2");
            assertThat(live.isReadOnly()).isFalse();
            assertThat(springAiIds(live)).containsExactly("d1", "d2", "d3");
        });
    }

    @Test
    void a_store_served_as_of_a_tag_searches_in_the_configured_mode_through_the_stores_and_the_retrievers() {
        Path hybridDir = dir.resolve("hybrid");
        Runners.runner(hybridDir).withPropertyValues("lancedb.search.mode=full-text").run(context -> {
            LanceDbVectorStore store = context.getBean(LanceDbVectorStore.class);
            store.add(List.of(new Document("d1", "Lance stores vectors on object storage", Map.of("k", "a")),
                    new Document("d2", "Bananas are yellow fruit", Map.of("k", "b"))));
            store.tag("release-1");
            store.add(List.of(new Document("d3", "Yellow penguins are rare", Map.of("k", "c"))));
        });
        Runners.runner(hybridDir).withPropertyValues("lancedb.read-version=release-1", "lancedb.search.mode=full-text",
                "lancedb.search.top-k=5").run(context -> {
            assertThat(context).hasNotFailed();
            LanceDbVectorStore springAi = context.getBean(LanceDbVectorStore.class);
            assertThat(springAi.isReadOnly()).isTrue();
            assertThat(springAi.searchMode()).isEqualTo(SearchMode.FULL_TEXT);
            assertThat(springAi.fullTextIndex()).as("the tagged version has the index").isPresent();
            // Full-text: only the rows with the words, and only those of the tagged version (d3 came later).
            assertThat(springAi.similaritySearch(SearchRequest.builder().query("yellow").topK(5).build()))
                    .extracting(Document::getId).containsExactly("d2");
            assertThat(context.getBean(DocumentRetriever.class).retrieve(new Query("yellow")))
                    .extracting(Document::getId).containsExactly("d2");
            assertThat(context.getBean(ContentRetriever.class).retrieve(dev.langchain4j.rag.query.Query.from("yellow")))
                    .extracting(c -> c.textSegment().text()).containsExactly("Bananas are yellow fruit");
            assertThat(springAi.similaritySearch(SearchRequest.builder().query("yellow").topK(5).build(),
                    SearchMode.HYBRID)).extracting(Document::getId).containsExactlyInAnyOrder("d1", "d2");
            assertThat(context.getBean(LanceDbEmbeddingStore.class).searchMode()).isEqualTo(SearchMode.FULL_TEXT);
        });
    }

    @Test
    void a_missing_tag_fails_the_start_naming_the_property_and_the_tags() {
        Runners.runner(dir).withPropertyValues("lancedb.read-version=release-9").run(context ->
                assertThat(FailFastTests.failure(context))
                        .hasMessageContaining("lancedb.read-version is 'release-9'")
                        .hasMessageContaining("has no tag 'release-9'; its tags are [release-1]")
                        .satisfies(e -> assertThat(((LanceDbConfigurationException) e).action())
                                .contains("fix lancedb.read-version")));
    }
}
