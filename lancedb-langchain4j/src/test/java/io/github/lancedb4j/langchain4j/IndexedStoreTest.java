package io.github.lancedb4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.SearchTuning;
import io.github.lancedb4j.store.VectorIndexInfo;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Index management through the LangChain4j store: explicit builds, the automatic policy and per-request tuning. */
class IndexedStoreTest {

    @TempDir
    Path directory;
    TestDatabases databases;
    final Random random = new Random(5);

    @BeforeEach
    void open() {
        databases = TestDatabases.local(directory);
    }

    @AfterEach
    void close() {
        databases.close();
    }

    @Test
    void an_explicit_index_serves_searches_and_per_request_tuning_applies() {
        LanceDbEmbeddingStore store = store(IndexPolicy.explicit());
        List<Embedding> embeddings = embeddings(1_000);
        List<String> ids = store.addAll(embeddings);
        List<String> exact = topIds(store, embeddings.get(7), null);

        VectorIndexInfo index = store.createIndex(VectorIndexSpec.of(VectorIndexType.IVF_FLAT).withPartitions(16));

        assertThat(store.index()).contains(index);
        assertThat(topIds(store, embeddings.get(7), SearchTuning.of(16, null, null))).isEqualTo(exact);
        assertThat(topIds(store, embeddings.get(7), null).get(0)).isEqualTo(ids.get(7));

        store.addAll(embeddings(1_500));
        store.optimizeIndex();
        assertThat(store.index()).get().extracting(VectorIndexInfo::unindexedRows).isEqualTo(0L);
    }

    @Test
    void the_automatic_policy_indexes_in_the_background() throws InterruptedException {
        LanceDbEmbeddingStore store = store(IndexPolicy.auto().withMinRows(300));
        store.addAll(embeddings(400));
        long deadline = System.currentTimeMillis() + 60_000;
        while (store.index().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(store.index()).get().extracting(VectorIndexInfo::partitions).isEqualTo(1);
    }

    @Test
    void a_mirrored_metadata_key_filters_through_its_typed_column_and_rejects_other_kinds() {
        LanceDbEmbeddingStore store = LanceDbEmbeddingStore.builder().database(databases.database())
                .tableName(TestDatabases.uniqueTableName()).dimension(24)
                .metadataColumn("source", io.github.lancedb4j.store.MetadataColumn.Kind.STRING).build();
        List<Embedding> embeddings = embeddings(30);
        List<dev.langchain4j.data.segment.TextSegment> segments = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            segments.add(dev.langchain4j.data.segment.TextSegment.from("text " + i,
                    dev.langchain4j.data.document.Metadata.from("source", "doc-" + (i % 3))));
        }
        store.addAll(embeddings, segments);

        assertThat(store.table().metadataColumns()).containsKey("source");
        assertThat(store.search(EmbeddingSearchRequest.builder().queryEmbedding(embeddings.get(4)).maxResults(30)
                .filter(dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey("source")
                        .isEqualTo("doc-1")).build()).matches())
                .hasSize(10).allSatisfy(m -> assertThat(m.embedded().metadata().getString("source")).isEqualTo("doc-1"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.add(embeddings.get(0),
                dev.langchain4j.data.segment.TextSegment.from("x", new dev.langchain4j.data.document.Metadata().put("source", 5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'source'");
    }

    @Test
    void l2_on_vectors_that_are_not_unit_length_still_returns_hits_in_distance_order() {
        LanceDbEmbeddingStore store = LanceDbEmbeddingStore.builder().database(databases.database())
                .tableName(TestDatabases.uniqueTableName()).dimension(2)
                .distance(io.github.lancedb4j.store.DistanceMetric.L2).build();
        store.addAll(List.of("near", "far"), List.of(Embedding.from(new float[] {100, 0}),
                Embedding.from(new float[] {0, 250})), null);
        var matches = store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(new float[] {90, 0}))
                .maxResults(5).build()).matches();
        assertThat(matches).extracting(m -> m.embeddingId()).containsExactly("near", "far");
        assertThat(matches).allSatisfy(m -> assertThat(m.score()).isBetween(0.0, 1.0));
    }

    private LanceDbEmbeddingStore store(IndexPolicy policy) {
        return LanceDbEmbeddingStore.builder().database(databases.database()).tableName(TestDatabases.uniqueTableName())
                .dimension(24).indexPolicy(policy).build();
    }

    private static List<String> topIds(LanceDbEmbeddingStore store, Embedding query, SearchTuning tuning) {
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(10).build(), tuning)
                .matches().stream().map(m -> m.embeddingId()).toList();
    }

    private List<Embedding> embeddings(int n) {
        List<Embedding> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[24];
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) random.nextGaussian();
            }
            out.add(Embedding.from(v));
        }
        return out;
    }
}
