package io.github.lancedb4j.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import io.github.lancedb4j.springai.LanceDbVectorStore;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.VectorIndexType;
import java.nio.file.Path;
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
    void the_default_policy_is_automatic() {
        Runners.runner(dir).run(context -> assertThat(context.getBean(LanceDbVectorStore.class).table()
                .indexes().indexPolicy("vector")).isEqualTo(IndexPolicy.auto()));
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
