package io.github.lancedb4j.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.SearchMode;
import io.github.lancedb4j.store.TableTag;
import io.github.lancedb4j.store.TableVersion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Versions, tags and read-only stores as of a tag or version, through LangChain4j's API, with the real in-process
 * embedding model; run on a local directory and on {@code s3://} (S3Proxy).
 */
abstract class TimeTravelContract {

    private static final List<String> FACTS = List.of(
            "Lance tables keep every version of the data.",
            "The Eiffel Tower is in Paris.",
            "Penguins live in the southern hemisphere.");

    abstract LanceDatabase database();

    LanceDbEmbeddingStore store;

    @BeforeEach
    void openStore() {
        store = LanceDbEmbeddingStore.builder().database(database()).tableName(TestDatabases.uniqueTableName())
                .dimension(384).build();
        for (int i = 0; i < FACTS.size(); i++) {
            add("fact-" + i, FACTS.get(i), i % 2 == 0 ? "science" : "travel");
        }
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private void add(String id, String text, String topic) {
        TextSegment segment = TextSegment.from(text, Metadata.from(Map.of("topic", topic)));
        store.addAll(List.of(id), List.of(TestDatabases.EMBEDDING_MODEL.embed(segment).content()), List.of(segment));
    }

    private static List<String> search(EmbeddingStore<TextSegment> store, String question, int k) {
        Embedding query = TestDatabases.EMBEDDING_MODEL.embed(question).content();
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(k).build()).matches()
                .stream().map(EmbeddingMatch::embeddingId).toList();
    }

    @Test
    void as_of_a_version_older_than_a_delete_still_finds_the_deleted_segment() {
        long beforeDelete = store.version();
        store.remove("fact-1");
        assertThat(search(store, "Where is the Eiffel Tower?", 3)).doesNotContain("fact-1");

        try (LanceDbEmbeddingStore old = store.asOf(beforeDelete)) {
            assertThat(old.isReadOnly()).isTrue();
            assertThat(search(old, "Where is the Eiffel Tower?", 1)).containsExactly("fact-1");
            EmbeddingSearchRequest eiffel = EmbeddingSearchRequest.builder()
                    .queryEmbedding(TestDatabases.EMBEDDING_MODEL.embed("Where is the Eiffel Tower?").content())
                    .maxResults(1).build();
            assertThat(old.searchAsync(eiffel).join().matches()).extracting(EmbeddingMatch::embeddingId)
                    .containsExactly("fact-1");
            EmbeddingSearchRequest filtered = EmbeddingSearchRequest.builder()
                    .queryEmbedding(TestDatabases.EMBEDDING_MODEL.embed("Paris").content())
                    .filter(metadataKey("topic").isEqualTo("travel")).maxResults(5).build();
            assertThat(old.search(filtered).matches()).extracting(m -> m.embedded().text())
                    .containsExactly("The Eiffel Tower is in Paris.");
        }
    }

    @Test
    void a_store_as_of_a_tag_ignores_newer_commits_and_works_in_a_content_retriever() {
        TableTag tag = store.tag("eval-1");
        assertThat(tag.version()).isEqualTo(store.version());
        try (LanceDbEmbeddingStore pinned = store.asOf("eval-1")) {
            add("fact-3", "The Eiffel Tower was finished in 1889 for a world fair in Paris.", "travel");
            store.remove("fact-1");

            EmbeddingStoreContentRetriever retriever = EmbeddingStoreContentRetriever.builder()
                    .embeddingStore(pinned).embeddingModel(TestDatabases.EMBEDDING_MODEL).maxResults(1).build();
            List<Content> contents = retriever.retrieve(Query.from("Where is the Eiffel Tower?"));
            assertThat(contents).extracting(c -> c.textSegment().text()).containsExactly("The Eiffel Tower is in Paris.");
            assertThat(pinned.version()).isEqualTo(tag.version());
            assertThat(search(store, "When was the Eiffel Tower finished?", 1)).containsExactly("fact-3");
        }
    }

    @Test
    void a_store_as_of_a_tag_searches_in_the_store_s_mode_and_per_call_modes_on_that_version() {
        try (LanceDbEmbeddingStore hybrid = LanceDbEmbeddingStore.builder().database(database())
                .tableName(store.table().name()).dimension(384).searchMode(SearchMode.HYBRID).build()) {
            assertThat(hybrid.fullTextIndex()).as("a text mode manages the full-text index").isPresent();
            hybrid.tag("with-eiffel");
            store.remove("fact-1");
            try (LanceDbEmbeddingStore pinned = hybrid.asOf("with-eiffel")) {
                assertThat(pinned.searchMode()).isEqualTo(SearchMode.HYBRID);
                assertThat(pinned.toString()).contains("searchMode=HYBRID", "read-only as of tag 'with-eiffel'");
                EmbeddingSearchRequest eiffel = EmbeddingSearchRequest.builder().query("Eiffel")
                        .queryEmbedding(TestDatabases.EMBEDDING_MODEL.embed("Eiffel").content()).maxResults(3).build();
                assertThat(pinned.search(eiffel, SearchMode.FULL_TEXT, null).matches())
                        .extracting(EmbeddingMatch::embeddingId).containsExactly("fact-1");
                assertThat(hybrid.search(eiffel, SearchMode.FULL_TEXT, null).matches()).isEmpty();
                List<EmbeddingMatch<TextSegment>> fused = pinned.search(eiffel).matches();
                assertThat(fused.get(0).embeddingId()).as("first for both arms").isEqualTo("fact-1");
                assertThat(fused.get(0).score()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));

                // A content retriever fills query(): the hybrid search runs on the tagged version.
                EmbeddingStoreContentRetriever retriever = EmbeddingStoreContentRetriever.builder()
                        .embeddingStore(pinned).embeddingModel(TestDatabases.EMBEDDING_MODEL).maxResults(1).build();
                assertThat(retriever.retrieve(Query.from("Where is the Eiffel Tower?")))
                        .extracting(c -> c.textSegment().text()).containsExactly("The Eiffel Tower is in Paris.");
                assertThatThrownBy(() -> pinned.createFullTextIndex(
                        io.github.lancedb4j.store.FullTextIndexSpec.defaults()))
                        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("read-only");
            }
        }
    }

    @Test
    void writes_to_a_store_as_of_a_tag_throw_and_leave_the_table_intact() {
        store.tag("frozen");
        long versions = store.versions().size();
        Embedding e = TestDatabases.EMBEDDING_MODEL.embed("x").content();
        try (LanceDbEmbeddingStore frozen = store.asOf("frozen")) {
            List<Runnable> writes = List.of(
                    () -> frozen.add(e),
                    () -> frozen.add("id", e),
                    () -> frozen.add(e, TextSegment.from("x")),
                    () -> frozen.addAll(List.of(e)),
                    () -> frozen.addAll(List.of("id"), List.of(e), List.of(TextSegment.from("x"))),
                    () -> frozen.remove("fact-0"),
                    () -> frozen.removeAll(List.of("fact-0")),
                    () -> frozen.removeAll(metadataKey("topic").isEqualTo("travel")),
                    frozen::removeAll,
                    () -> frozen.restore("frozen"));
            for (Runnable write : writes) {
                assertThatThrownBy(write::run).isInstanceOf(UnsupportedOperationException.class)
                        .hasMessageContaining("as of tag 'frozen', version " + frozen.version())
                        .hasMessageContaining("read-only");
            }
            assertThat(frozen.toString()).contains("read-only as of tag 'frozen'");
        }
        assertThat(store.versions()).hasSize((int) versions);
        assertThat(search(store, "penguins", 3)).hasSize(3);
    }

    @Test
    void missing_tags_and_versions_are_named() {
        assertThatThrownBy(() -> store.asOf("no-such-tag")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("has no tag 'no-such-tag'; it has no tags");
        assertThatThrownBy(() -> store.asOf(999)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no version 999: it has versions 1 to " + store.version());
        store.tag("t");
        assertThatThrownBy(() -> store.tag("t")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already has a tag 't'");
    }

    @Test
    void restore_brings_back_a_tagged_version_and_cleanup_keeps_tagged_versions() {
        store.tag("good");
        long good = store.version();
        store.removeAll();
        add("junk", "Bad ingest with garbage text", "junk");
        long untagged = store.version();
        add("junk-2", "More garbage", "junk");

        long restored = store.restore("good");
        assertThat(restored).isGreaterThan(untagged);
        assertThat(search(store, "Where is the Eiffel Tower?", 5)).containsExactlyInAnyOrder("fact-0", "fact-1", "fact-2");

        store.table().history().cleanUpVersions(Duration.ZERO);
        assertThat(store.versions()).extracting(TableVersion::version).contains(good, restored)
                .doesNotContain(untagged);
        try (LanceDbEmbeddingStore tagged = store.asOf("good")) {
            assertThat(search(tagged, "penguins", 1)).containsExactly("fact-2");
        }
        assertThat(store.tags()).extracting(TableTag::name).containsExactly("good");
    }
}
