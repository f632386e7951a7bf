package io.github.lancedb4j.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.springai.LanceDbVectorStore;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.Maintenance;
import io.github.lancedb4j.store.WriteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** lancedb.write-buffer.* and lancedb.maintenance.* reach the stores and the database; shutdown flushes. */
class WriteBufferAndMaintenanceTests {

    @TempDir
    Path dir;

    @Test
    void a_buffered_store_is_flushed_when_the_application_stops() {
        Runners.runner(dir).withClassLoader(Runners.WITHOUT_LANGCHAIN4J).withUserConfiguration(Model.class)
                .withPropertyValues("lancedb.dimensions=8", "lancedb.write-buffer.enabled=true",
                        "lancedb.write-buffer.max-delay=1h", "lancedb.write-buffer.max-rows=5000",
                        "lancedb.write-buffer.when-full=fail")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    LanceDbVectorStore store = context.getBean(LanceDbVectorStore.class);
                    store.add(List.of(new Document("a", "one", Map.of()), new Document("b", "two", Map.of())));
                    WriteBuffer.Stats stats = store.writeBufferStats().orElseThrow();
                    assertThat(stats.queuedRows()).isEqualTo(2); // an hour before it would flush by itself
                    Health health = ((HealthIndicator) ((CompositeHealthContributor) context.getBean(
                            "lancedbHealthContributor")).getContributor("default")).health();
                    assertThat(health.getDetails()).containsKey("writeBuffers").containsKey("maintenance");
                });
        try (LanceDatabase db = LanceDatabase.connect(dir.resolve("db").toString())) {
            assertThat(db.openTable("documents", List.of(), false).countRows()).isEqualTo(2);
        }
    }

    @Test
    void maintenance_and_retention_properties_configure_the_database() {
        Runners.runner(dir).withClassLoader(Runners.WITHOUT_LANGCHAIN4J).withUserConfiguration(Model.class)
                .withPropertyValues("lancedb.dimensions=8", "lancedb.maintenance.every-writes=7",
                        "lancedb.maintenance.interval=2m", "lancedb.maintenance.max-fragments=9",
                        "lancedb.version-retention=3d")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    LanceDbProperties p = context.getBean(LanceDbProperties.class);
                    assertThat(p.getMaintenance().toMaintenance(p.getVersionRetention())).isEqualTo(
                            new Maintenance(true, 7, Duration.ofMinutes(2), Duration.ofDays(3), 9));
                    assertThat(context.getBean(LanceDbVectorStore.class).writeBufferStats()).isEmpty();
                });
        Runners.runner(dir).withClassLoader(Runners.WITHOUT_LANGCHAIN4J).withUserConfiguration(Model.class)
                .withPropertyValues("lancedb.dimensions=8").run(context -> {
                    LanceDbProperties p = context.getBean(LanceDbProperties.class);
                    // The README's defaults, as literals: 7 days (LanceDB's), every 20 commits, every 10 minutes,
                    // more than 32 fragments.
                    assertThat(p.getVersionRetention()).isEqualTo(Duration.ofDays(7));
                    assertThat(p.getMaintenance().toMaintenance(p.getVersionRetention()))
                            .isEqualTo(new Maintenance(true, 20, Duration.ofMinutes(10), Duration.ofDays(7), 32))
                            .isEqualTo(Maintenance.DEFAULTS);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class Model {
        @Bean
        EmbeddingModel model() {
            return new FakeSpringAiModel(8);
        }
    }
}
