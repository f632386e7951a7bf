package io.github.lancedb4j.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Hostile keys and values through the LangChain4j API: removeAll(Filter) deletes exactly what Java would match. */
class FilterInjectionThroughStoreTest {

    @TempDir
    Path directory;
    TestDatabases databases;
    LanceDbEmbeddingStore store;

    @BeforeEach
    void open() {
        databases = TestDatabases.local(directory);
        store = LanceDbEmbeddingStore.builder().database(databases.database()).tableName("docs").dimension(3).build();
        store.addAll(List.of("a", "b", "c"),
                List.of(Embedding.from(new float[] {1, 0, 0}), Embedding.from(new float[] {0, 1, 0}),
                        Embedding.from(new float[] {0, 0, 1})),
                List.of(TextSegment.from("a", Metadata.from("owner", "alice")),
                        TextSegment.from("b", Metadata.from("owner", "bob")),
                        TextSegment.from("c", Metadata.from("owner", "it's carol"))));
    }

    @AfterEach
    void close() {
        databases.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x' OR '1'='1", "x') OR true OR ('", "x'; DELETE FROM dataset; --", "%", "_", "\\",
            "`owner`", "' OR owner IS NOT NULL OR '", "alice' --"})
    void hostile_values_delete_nothing_and_match_nothing(String hostile) {
        Filter filter = metadataKey("owner").isEqualTo(hostile);
        assertThat(search(filter)).isEmpty();
        store.removeAll(filter);
        store.removeAll(metadataKey("owner").isIn(hostile, "nobody"));
        store.removeAll(metadataKey("owner").containsString(hostile + "zz"));
        assertThat(store.table().countRows()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"owner' OR '1'='1", "owner`", "owner) OR (1=1", "metadata", "id", "x'); --"})
    void hostile_keys_delete_only_what_their_semantics_say(String hostileKey) {
        store.removeAll(metadataKey(hostileKey).isEqualTo("alice"));
        assertThat(store.table().countRows()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"it's carol"})
    void a_quote_inside_a_value_deletes_exactly_that_row(String value) {
        store.removeAll(metadataKey("owner").isEqualTo(value));
        assertThat(search(null)).extracting(m -> m.embeddingId()).containsExactlyInAnyOrder("a", "b");
    }

    private List<dev.langchain4j.store.embedding.EmbeddingMatch<TextSegment>> search(Filter filter) {
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(new float[] {1, 1, 1}))
                .maxResults(10).filter(filter).build()).matches();
    }
}
