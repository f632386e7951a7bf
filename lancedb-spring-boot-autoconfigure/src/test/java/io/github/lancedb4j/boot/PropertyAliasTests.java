package io.github.lancedb4j.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import io.github.lancedb4j.springai.LanceDbVectorStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spring AI's names for the settings every Spring AI store has: spring.ai.vectorstore.lancedb.*. */
class PropertyAliasTests {

    @TempDir
    Path dir;

    @Test
    void table_name_and_dimensions_under_spring_ai_names_configure_both_stores() {
        Runners.runner(dir).withUserConfiguration(StarterAutoConfigurationTests.UserModels.class).withPropertyValues(
                "spring.ai.vectorstore.lancedb.table-name=from_spring_ai",
                "spring.ai.vectorstore.lancedb.dimensions=8").run(context -> {
            assertThat(context).hasNotFailed();
            LanceDbVectorStore vectors = context.getBean(LanceDbVectorStore.class);
            assertThat(vectors.table().name()).isEqualTo("from_spring_ai");
            assertThat(vectors.vectorColumn().dimension()).isEqualTo(8);
            assertThat(context.getBean(LanceDbEmbeddingStore.class).table().name()).isEqualTo("from_spring_ai");
            assertThat(context.getBean(LanceDbProperties.class).getTable()).isEqualTo("from_spring_ai");
        });
    }

    @Test
    void initialize_schema_false_under_the_spring_ai_name_keeps_a_missing_table_missing() {
        Runners.runner(dir).withPropertyValues("spring.ai.vectorstore.lancedb.initialize-schema=false").run(context ->
                assertThat(FailFastTests.failure(context)).hasMessageContaining("does not exist"));
    }

    @Test
    void both_names_with_different_values_fail_naming_both() {
        Runners.runner(dir).withPropertyValues("lancedb.table=a", "spring.ai.vectorstore.lancedb.table-name=b")
                .run(context -> assertThat(FailFastTests.failure(context))
                        .hasMessageContaining("lancedb.table is a but its alias spring.ai.vectorstore.lancedb.table-name is b"));
        Runners.runner(dir).withPropertyValues("lancedb.table=same", "spring.ai.vectorstore.lancedb.table-name=same")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void named_stores_take_the_aliases_as_defaults() {
        Runners.runner(dir).withPropertyValues("spring.ai.vectorstore.lancedb.table-name=shared",
                "lancedb.stores.small.vector-column=small", "lancedb.stores.small.embedding.provider=local")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean("smallVectorStore", LanceDbVectorStore.class).table().name())
                            .isEqualTo("shared");
                });
    }
}
