package io.github.lancedb4j.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import io.github.lancedb4j.springai.LanceDbVectorStore;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.SearchTuning;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lancedb.index.* and lancedb.search.* reach both frameworks' stores. */
class IndexPropertiesTests {

    @TempDir
    Path dir;

    @Test
    void index_settings_bind_to_the_stores_policy() {
        Runners.runner(dir).withPropertyValues("lancedb.index.policy=auto", "lancedb.index.min-rows=500",
                "lancedb.index.ann-rows=5000", "lancedb.index.type=ivf_pq", "lancedb.index.partitions=8",
                "lancedb.search.nprobes=4").run(context -> {
                    LanceDbVectorStore springAi = context.getBean(LanceDbVectorStore.class);
                    IndexPolicy policy = springAi.table().indexes().indexPolicy("vector");
                    assertThat(policy.mode()).isEqualTo(IndexPolicy.Mode.AUTO);
                    assertThat(policy.minRows()).isEqualTo(500);
                    assertThat(policy.annRows()).isEqualTo(5000);
                    assertThat(policy.annIndex().type()).isEqualTo(VectorIndexType.IVF_PQ);
                    assertThat(policy.annIndex().partitions()).isEqualTo(8);
                    assertThat(context.getBean(LanceDbEmbeddingStore.class).table().indexes().indexPolicy("vector"))
                            .isEqualTo(policy);
                    // Its effect on searches: search_nprobes_changes_which_partitions_a_search_probes.
                    assertThat(context.getBean(LanceDbProperties.class).getSearch().toTuning())
                            .isEqualTo(SearchTuning.of(4, null, null));
                });
    }

    @Test
    void metadata_columns_are_created_for_both_frameworks_and_bad_kinds_fail_startup() {
        Runners.runner(dir).withPropertyValues("lancedb.metadata-columns.source=string",
                "lancedb.metadata-columns.year=long").run(context -> {
                    assertThat(context.getBean(LanceDbVectorStore.class).table().metadataColumns())
                            .containsOnlyKeys("source", "year");
                    assertThat(context.getBean(LanceDbEmbeddingStore.class).table().metadataColumns())
                            .containsOnlyKeys("source", "year");
                });
        Runners.runner(dir).withPropertyValues("lancedb.metadata-columns.source=date").run(context ->
                assertThat(FailFastTests.failure(context)).hasMessageContaining("lancedb.metadata-columns.source"));
    }

    @Test
    void the_default_policy_is_automatic_with_the_documented_thresholds_and_index() {
        Runners.runner(dir).run(context -> {
            IndexPolicy policy = context.getBean(LanceDbVectorStore.class).table().indexes().indexPolicy("vector");
            // Literal values, as the README's property table states them (not IndexPolicy.auto(), which could drift).
            assertThat(policy.mode()).isEqualTo(IndexPolicy.Mode.AUTO);
            assertThat(policy.minRows()).isEqualTo(10_000);
            assertThat(policy.annRows()).isEqualTo(100_000);
            assertThat(policy.annIndex().type()).isEqualTo(VectorIndexType.IVF_HNSW_SQ);
            assertThat(policy.annIndex().partitions()).as("derived from the rows").isNull();
            assertThat(policy.annIndex().subVectors()).as("derived from the dimension").isNull();
            assertThat(policy.annIndex().hnswMOrDefault()).isEqualTo(20);
            assertThat(policy.annIndex().efConstructionOrDefault()).isEqualTo(150);
            assertThat(policy.annIndex().searchTuning()).as("the index's own tuning").isNull();
            assertThat(context.getBean(LanceDbEmbeddingStore.class).table().indexes().indexPolicy("vector")).isEqualTo(policy);
        });
    }

    @Test
    void hnsw_and_search_properties_bind() {
        Runners.runner(dir).withPropertyValues("lancedb.index.hnsw-m=12", "lancedb.index.ef-construction=90",
                "lancedb.index.sub-vectors=24", "lancedb.search.nprobes=3", "lancedb.search.refine-factor=7",
                "lancedb.search.ef=99").run(context -> {
                    IndexPolicy policy = context.getBean(LanceDbVectorStore.class).table().indexes().indexPolicy("vector");
                    assertThat(policy.annIndex().hnswMOrDefault()).isEqualTo(12);
                    assertThat(policy.annIndex().efConstructionOrDefault()).isEqualTo(90);
                    assertThat(policy.annIndex().subVectorsFor(384)).isEqualTo(24);
                    assertThat(context.getBean(LanceDbProperties.class).getSearch().toTuning())
                            .isEqualTo(SearchTuning.of(3, 7, 99));
                });
    }

    /**
     * {@code lancedb.search.nprobes} changes what a search returns: with an IVF_FLAT index of 16 partitions, the
     * default probes all 16 (exact results), {@code nprobes=1} only the nearest partition (most true neighbours
     * missed), and a per-request tuning still overrides it.
     */
    @Test
    void search_nprobes_changes_which_partitions_a_search_probes() {
        Random random = new Random(9);
        List<Embedding> vectors = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            vectors.add(randomEmbedding(random));
        }
        Embedding query = randomEmbedding(random);
        EmbeddingSearchRequest request = EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(20).build();
        SearchTuning everyPartition = SearchTuning.of(16, null, null);

        Runners.runner(dir).withClassLoader(Runners.WITHOUT_SPRING_AI)
                .withPropertyValues("lancedb.index.policy=explicit", "lancedb.table=defaults").run(context -> {
                    LanceDbEmbeddingStore store = context.getBean(LanceDbEmbeddingStore.class);
                    store.addAll(vectors);
                    store.createIndex(VectorIndexSpec.of(VectorIndexType.IVF_FLAT).withPartitions(16));
                    assertThat(ids(store.search(request))).isEqualTo(ids(store.search(request, everyPartition)));
                });
        Runners.runner(dir).withClassLoader(Runners.WITHOUT_SPRING_AI)
                .withPropertyValues("lancedb.index.policy=explicit", "lancedb.table=one_probe",
                        "lancedb.search.nprobes=1").run(context -> {
                    LanceDbEmbeddingStore store = context.getBean(LanceDbEmbeddingStore.class);
                    store.addAll(vectors);
                    store.createIndex(VectorIndexSpec.of(VectorIndexType.IVF_FLAT).withPartitions(16));
                    List<String> exact = ids(store.search(request, everyPartition));
                    List<String> oneProbe = ids(store.search(request));
                    assertThat(exact).hasSize(20);
                    assertThat(oneProbe).as("one partition of 16 holds few of the 20 nearest")
                            .hasSizeLessThanOrEqualTo(20)
                            .satisfies(ids -> assertThat(ids.stream().filter(exact::contains).count())
                                    .isLessThan(15));
                });
    }

    private static List<String> ids(dev.langchain4j.store.embedding.EmbeddingSearchResult<?> result) {
        return result.matches().stream().map(m -> m.embeddingId()).toList();
    }

    private static Embedding randomEmbedding(Random random) {
        float[] v = new float[384];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) random.nextGaussian();
        }
        return Embedding.from(v);
    }

    @Test
    void an_unknown_policy_or_type_fails_startup_with_the_property_names() {
        Runners.runner(dir).withPropertyValues("lancedb.index.policy=sometimes").run(context ->
                assertThat(FailFastTests.failure(context)).hasMessageContaining("sometimes")
                        .hasMessageContaining("lancedb.index.*"));
        Runners.runner(dir).withPropertyValues("lancedb.index.type=kd_tree").run(context ->
                assertThat(FailFastTests.failure(context)).hasMessageContaining("kd_tree"));
    }
}
