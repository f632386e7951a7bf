package io.github.lancedb4j.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.boot.actuator.LanceDbHealthIndicator;
import io.github.lancedb4j.springai.LanceDbVectorStore;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The README's Actuator promises on a local table: the {@code lancedb} health contributor with one indicator per
 * store and its details, {@code management.health.lancedb.enabled}, and the gauges {@code lancedb.store.rows} and
 * {@code lancedb.store.version} with their tags, following the table as it changes.
 */
class HealthAndMetricsTests {

    @TempDir
    Path dir;

    @Test
    void health_details_and_gauges_follow_the_table() {
        Runners.runner(dir).withPropertyValues("lancedb.index.policy=explicit").run(context -> {
            LanceDbVectorStore store = context.getBean(LanceDbVectorStore.class);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            context.getBean("lancedbMetrics", MeterBinder.class).bindTo(meters);
            Health empty = health(context);
            assertThat(empty.getStatus()).isEqualTo(Status.UP);
            assertThat(empty.getDetails()).containsEntry("table", "documents").containsEntry("vectorColumn", "vector")
                    .containsEntry("dimensions", 384).containsEntry("rows", 0L)
                    .containsEntry("indexes", List.of()).containsEntry("search", "exact (no vector index)")
                    .containsEntry("version", store.table().version()).containsKey("maintenance");
            assertThat(empty.getDetails().get("location").toString()).startsWith(dir.resolve("db").toString())
                    .endsWith("documents.lance");
            double versionBefore = meters.get("lancedb.store.version").tag("store", "default")
                    .tag("table", "documents").gauge().value();
            assertThat(versionBefore).isEqualTo(store.table().version());

            store.add(IntStream.range(0, 12).mapToObj(i -> new Document("d" + i, "text number " + i, Map.of()))
                    .toList());
            store.createIndex(VectorIndexSpec.exact());

            Health after = health(context);
            assertThat(after.getDetails()).containsEntry("rows", 12L).containsEntry("search", "indexed")
                    .containsEntry("version", store.table().version());
            assertThat((List<?>) after.getDetails().get("indexes")).singleElement().asString()
                    .contains("exact").contains("vector");
            assertThat(meters.get("lancedb.store.rows").tag("store", "default").tag("table", "documents").gauge()
                    .value()).isEqualTo(12.0);
            assertThat(meters.get("lancedb.store.version").tag("store", "default").gauge().value())
                    .isEqualTo(store.table().version()).isGreaterThan(versionBefore);
        });
    }

    @Test
    void management_health_lancedb_enabled_false_removes_only_the_health_contributor() {
        Runners.runner(dir).withPropertyValues("management.health.lancedb.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean("lancedbHealthContributor").hasBean("lancedbMetrics");
        });
        Runners.runner(dir).run(context -> assertThat(context).hasBean("lancedbHealthContributor"));
    }

    private static Health health(org.springframework.context.ApplicationContext context) {
        var contributor = ((CompositeHealthContributor) context.getBean("lancedbHealthContributor"))
                .getContributor("default");
        return ((LanceDbHealthIndicator) contributor).health();
    }
}
