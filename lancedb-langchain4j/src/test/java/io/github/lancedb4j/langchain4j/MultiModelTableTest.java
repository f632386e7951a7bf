package io.github.lancedb4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.github.lancedb4j.testing.OpenAiCompatibleServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One table, two embedding models: a 384-d column filled by the in-process model and a 1536-d column filled by an
 * OpenAI-compatible model (a local server), sharing ids, text and metadata.
 */
class MultiModelTableTest {

    @TempDir
    Path directory;
    TestDatabases databases;
    OpenAiCompatibleServer provider;
    EmbeddingModel small;
    EmbeddingModel large;

    final List<TextSegment> segments = List.of(
            TextSegment.from("Sourdough is leavened by wild yeast.", Metadata.from("topic", "baking")),
            TextSegment.from("Curiosity explored Gale Crater on Mars.", Metadata.from("topic", "space")),
            TextSegment.from("Lance stores vectors in columnar files.", Metadata.from("topic", "data")));
    final List<String> ids = List.of("doc-1", "doc-2", "doc-3");

    @BeforeEach
    void start() {
        databases = TestDatabases.local(directory);
        provider = OpenAiCompatibleServer.start();
        small = TestDatabases.EMBEDDING_MODEL;
        large = OpenAiEmbeddingModel.builder().baseUrl(provider.baseUrl()).apiKey("k")
                .modelName("text-embedding-3-small").dimensions(1536).build();
    }

    @AfterEach
    void stop() {
        provider.close();
        databases.close();
    }

    @Test
    void each_store_searches_its_own_column_over_shared_rows() {
        LanceDbEmbeddingStore smallStore = store("small", 384);
        smallStore.addAll(ids, small.embedAll(segments).content(), segments);

        LanceDbEmbeddingStore largeStore = store("large", 1536);
        assertThat(smallStore.table()).isSameAs(largeStore.table());
        assertThat(largeStore.table().vectorColumns()).containsEntry("small", 384).containsEntry("large", 1536);
        assertThat(search(largeStore, large.embed("anything").content())).isEmpty();

        largeStore.updateEmbeddings(ids, large.embedAll(segments).content());

        EmbeddingMatch<TextSegment> bySmall = search(smallStore, small.embed("Which rover went to Mars?").content()).get(0);
        EmbeddingMatch<TextSegment> byLarge = search(largeStore, large.embed(segments.get(1).text()).content()).get(0);
        assertThat(bySmall.embeddingId()).isEqualTo("doc-2");
        assertThat(byLarge.embeddingId()).isEqualTo("doc-2");
        assertThat(byLarge.embedded()).isEqualTo(segments.get(1));
        assertThat(byLarge.embedding().dimension()).isEqualTo(1536);
        assertThat(byLarge.score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(smallStore.table().countRows()).isEqualTo(3);
    }

    @Test
    void re_adding_through_one_store_keeps_the_other_models_vectors() {
        LanceDbEmbeddingStore smallStore = store("small", 384);
        LanceDbEmbeddingStore largeStore = store("large", 1536);
        smallStore.addAll(ids, small.embedAll(segments).content(), segments);
        largeStore.updateEmbeddings(ids, large.embedAll(segments).content());

        TextSegment edited = TextSegment.from("Perseverance explored Jezero Crater on Mars.", Metadata.from("topic", "space"));
        smallStore.addAll(List.of("doc-2"), List.of(small.embed(edited).content()), List.of(edited));

        EmbeddingMatch<TextSegment> byLarge = search(largeStore, large.embed(segments.get(1).text()).content()).get(0);
        assertThat(byLarge.embeddingId()).isEqualTo("doc-2");
        assertThat(byLarge.embedded().text()).isEqualTo(edited.text());
    }

    @Test
    void mixing_up_dimensions_or_columns_gives_errors_that_name_the_column() {
        LanceDbEmbeddingStore smallStore = store("small", 384);
        smallStore.addAll(ids, small.embedAll(segments).content(), segments);
        LanceDbEmbeddingStore largeStore = store("large", 1536);

        assertThatThrownBy(() -> search(largeStore, small.embed("a 384-d query").content()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'large'").hasMessageContaining("1536").hasMessageContaining("384");
        assertThatThrownBy(() -> smallStore.add(large.embed("a 1536-d vector").content()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'small'").hasMessageContaining("384").hasMessageContaining("1536");
        assertThatThrownBy(() -> largeStore.updateEmbeddings(List.of("doc-1"), List.of(small.embed("x").content())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'large'");
        assertThatThrownBy(() -> store("small", 1536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'small'").hasMessageContaining("384").hasMessageContaining("1536");
        assertThatThrownBy(() -> LanceDbEmbeddingStore.builder().database(databases.database()).tableName("docs")
                .vectorColumn("medium").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'medium'").hasMessageContaining("dimension");
        assertThat(smallStore.table().countRows()).isEqualTo(3);
    }

    private LanceDbEmbeddingStore store(String column, int dimension) {
        return LanceDbEmbeddingStore.builder().database(databases.database()).tableName("docs")
                .vectorColumn(column).dimension(dimension).build();
    }

    private static List<EmbeddingMatch<TextSegment>> search(LanceDbEmbeddingStore store, Embedding query) {
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(3).build()).matches();
    }
}
