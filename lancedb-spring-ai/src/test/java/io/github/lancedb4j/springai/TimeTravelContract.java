package io.github.lancedb4j.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lancedb4j.store.SearchMode;
import io.github.lancedb4j.store.TableTag;
import io.github.lancedb4j.store.TableVersion;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.VectorStoreDocumentRetriever;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;

/**
 * Versions, tags and read-only stores as of a tag or version, through Spring AI's API, with the real in-process
 * embedding model; run on a local directory and on {@code s3://} (S3Proxy).
 */
abstract class TimeTravelContract {

    abstract TestStores stores();

    /** The real model, counting its calls: a read-only store must refuse writes before it embeds anything. */
    final AtomicInteger embeddingCalls = new AtomicInteger();
    final EmbeddingModel countingModel = new EmbeddingModel() {
        @Override
        public EmbeddingResponse call(EmbeddingRequest request) {
            embeddingCalls.incrementAndGet();
            return TestStores.EMBEDDING_MODEL.call(request);
        }

        @Override
        public float[] embed(Document document) {
            return TestStores.EMBEDDING_MODEL.embed(document);
        }
    };
    final TestObservationRegistry observations = TestObservationRegistry.create();
    LanceDbVectorStore store;

    @BeforeEach
    void openStore() {
        store = LanceDbVectorStore.builder(countingModel).database(stores().database())
                .tableName("t_" + UUID.randomUUID().toString().replace("-", "")).initializeSchema(true)
                .observationRegistry(observations).build();
        store.add(List.of(
                new Document("fact-0", "Lance tables keep every version of the data.", Map.of("topic", "science")),
                new Document("fact-1", "The Eiffel Tower is in Paris.", Map.of("topic", "travel")),
                new Document("fact-2", "Penguins live in the southern hemisphere.", Map.of("topic", "science"))));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static List<String> search(VectorStore store, String query, int k) {
        return store.similaritySearch(SearchRequest.builder().query(query).topK(k).build()).stream()
                .map(Document::getId).toList();
    }

    @Test
    void as_of_a_version_older_than_a_delete_still_finds_the_deleted_document() {
        long beforeDelete = store.version();
        store.delete(List.of("fact-1"));
        assertThat(search(store, "Where is the Eiffel Tower?", 3)).doesNotContain("fact-1");

        try (LanceDbVectorStore old = store.asOf(beforeDelete)) {
            assertThat(old.isReadOnly()).isTrue();
            assertThat(search(old, "Where is the Eiffel Tower?", 1)).containsExactly("fact-1");
            List<Document> travel = old.similaritySearch(SearchRequest.builder().query("Paris").topK(5)
                    .filterExpression("topic == 'travel'").build());
            assertThat(travel).extracting(Document::getText).containsExactly("The Eiffel Tower is in Paris.");
        }
    }

    @Test
    void a_store_as_of_a_tag_ignores_newer_commits_and_serves_a_document_retriever() {
        TableTag tag = store.tag("eval-1");
        try (LanceDbVectorStore pinned = store.asOf("eval-1")) {
            store.add(List.of(new Document("fact-3", "The Eiffel Tower was finished in 1889 in Paris.", Map.of())));
            store.delete(List.of("fact-1"));

            VectorStoreDocumentRetriever retriever = VectorStoreDocumentRetriever.builder().vectorStore(pinned)
                    .topK(1).build();
            assertThat(retriever.retrieve(new Query("Where is the Eiffel Tower?"))).extracting(Document::getId)
                    .containsExactly("fact-1");
            assertThat(pinned.version()).isEqualTo(tag.version());
            assertThat(search(store, "When was the Eiffel Tower finished?", 1)).containsExactly("fact-3");

            observations.clear();
            search(pinned, "penguins", 1);
            TestObservationRegistryAssert.assertThat(observations)
                    .hasObservationWithNameEqualTo("db.vector.client.operation").that()
                    .hasLowCardinalityKeyValue("db.operation.name", "query")
                    .hasHighCardinalityKeyValue("db.collection.name", store.table().name())
                    .hasHighCardinalityKeyValue("db.namespace", stores().database().uri());
        }
    }

    @Test
    void a_store_as_of_a_tag_searches_in_the_store_s_mode_and_serves_a_lancedb_document_retriever() {
        try (LanceDbVectorStore fullText = LanceDbVectorStore.builder(countingModel).database(stores().database())
                .tableName(store.table().name()).searchMode(SearchMode.FULL_TEXT).build()) {
            fullText.tag("with-eiffel");
            store.delete(List.of("fact-1"));
            try (LanceDbVectorStore pinned = fullText.asOf("with-eiffel")) {
                assertThat(pinned.searchMode()).isEqualTo(SearchMode.FULL_TEXT);
                assertThat(pinned.toString()).contains("searchMode=FULL_TEXT", "read-only as of tag 'with-eiffel'");
                int calls = embeddingCalls.get();
                assertThat(search(pinned, "Eiffel", 3)).containsExactly("fact-1");
                assertThat(embeddingCalls.get()).as("a full-text search embeds nothing").isEqualTo(calls);
                assertThat(search(fullText, "Eiffel", 3)).isEmpty();

                LanceDbDocumentRetriever retriever = LanceDbDocumentRetriever.builder(pinned)
                        .searchMode(SearchMode.HYBRID).topK(1).build();
                assertThat(retriever.retrieve(new Query("Where is the Eiffel Tower?"))).extracting(Document::getId)
                        .containsExactly("fact-1");
                List<Document> fused = pinned.similaritySearch(SearchRequest.builder().query("Eiffel Tower").topK(3)
                        .build(), SearchMode.HYBRID);
                assertThat(fused.get(0).getId()).isEqualTo("fact-1");
                assertThat(fused.get(0).getScore()).as("first for both arms")
                        .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
            }
        }
    }

    @Test
    void writes_to_a_store_as_of_a_tag_throw_before_embedding_and_leave_the_table_intact() {
        store.tag("frozen");
        int versions = store.versions().size();
        try (LanceDbVectorStore frozen = store.asOf("frozen")) {
            int calls = embeddingCalls.get();
            List<Runnable> writes = List.of(
                    () -> frozen.add(List.of(new Document("new", "text", Map.of()))),
                    () -> frozen.delete(List.of("fact-0")),
                    () -> frozen.delete("topic == 'travel'"),
                    () -> frozen.restore("frozen"));
            for (Runnable write : writes) {
                assertThatThrownBy(write::run).isInstanceOf(UnsupportedOperationException.class)
                        .hasMessageContaining("as of tag 'frozen', version " + frozen.version())
                        .hasMessageContaining("read-only");
            }
            assertThat(embeddingCalls.get()).as("no embedding call for a refused add").isEqualTo(calls);
            assertThat(frozen.toString()).contains("read-only as of tag 'frozen'");
        }
        assertThat(store.versions()).hasSize(versions);
        assertThat(search(store, "penguins", 3)).hasSize(3);
    }

    @Test
    void missing_tags_and_versions_are_named() {
        assertThatThrownBy(() -> store.asOf("no-such-tag")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("has no tag 'no-such-tag'; it has no tags");
        assertThatThrownBy(() -> store.asOf(999)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no version 999");
        store.tag("t");
        assertThatThrownBy(() -> store.tag("t")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already has a tag 't'");
    }

    @Test
    void restore_brings_back_a_tagged_version_and_cleanup_keeps_tagged_versions() {
        store.tag("good");
        long good = store.version();
        store.delete(List.of("fact-0", "fact-1", "fact-2"));
        store.add(List.of(new Document("junk", "Bad ingest with garbage text", Map.of())));
        long untagged = store.version();
        store.add(List.of(new Document("junk-2", "More garbage", Map.of())));

        long restored = store.restore("good");
        assertThat(search(store, "Where is the Eiffel Tower?", 5)).containsExactlyInAnyOrder("fact-0", "fact-1",
                "fact-2");

        store.table().history().cleanUpVersions(Duration.ZERO);
        assertThat(store.versions()).extracting(TableVersion::version).contains(good, restored)
                .doesNotContain(untagged);
        try (LanceDbVectorStore tagged = store.asOf("good")) {
            assertThat(search(tagged, "penguins", 1)).containsExactly("fact-2");
        }
    }
}
