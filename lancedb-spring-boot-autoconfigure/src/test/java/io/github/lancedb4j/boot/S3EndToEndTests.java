package io.github.lancedb4j.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import io.github.lancedb4j.boot.actuator.LanceDbHealthIndicator;
import io.github.lancedb4j.testing.S3ProxyServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** An s3:// store on S3Proxy, end to end through the beans, with health, metrics and observations. */
class S3EndToEndTests {

    @TempDir
    Path dir;

    @Test
    void both_frameworks_write_and_search_on_s3_and_report_health_metrics_and_observations() {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            s3.createBucket("rag");
            List<String> properties = new ArrayList<>(List.of("lancedb.uri=" + s3.uri("rag", "lancedb")));
            s3.storageOptions().forEach((k, v) -> properties.add("lancedb.storage-options." + k + "=" + v));
            TestObservationRegistry observations = TestObservationRegistry.create();
            Runners.runner(dir).withPropertyValues(properties.toArray(String[]::new))
                    .withBean(TestObservationRegistry.class, () -> observations)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        VectorStore vectorStore = context.getBean(VectorStore.class);
                        vectorStore.add(List.of(new Document("a", "Lance tables live in S3 buckets", Map.of()),
                                new Document("b", "Cats sleep most of the day", Map.of())));
                        TestObservationRegistryAssert.assertThat(observations)
                                .hasObservationWithNameEqualTo("db.vector.client.operation");

                        @SuppressWarnings("unchecked")
                        EmbeddingStore<TextSegment> store = context.getBean(EmbeddingStore.class);
                        var model = context.getBean(dev.langchain4j.model.embedding.EmbeddingModel.class);
                        var matches = store.search(EmbeddingSearchRequest.builder()
                                .queryEmbedding(model.embed("object storage buckets").content()).maxResults(1).build())
                                .matches();
                        assertThat(matches).singleElement().satisfies(m -> assertThat(m.embeddingId()).isEqualTo("a"));

                        var health = ((CompositeHealthContributor) context.getBean("lancedbHealthContributor"))
                                .getContributor("default");
                        Health h = ((LanceDbHealthIndicator) health).health();
                        assertThat(h.getStatus()).isEqualTo(Status.UP);
                        assertThat(h.getDetails()).containsEntry("rows", 2L).containsEntry("table", "documents")
                                .containsEntry("indexes", List.of()).containsKey("version");
                        assertThat(h.getDetails().get("location").toString()).startsWith("s3://rag/lancedb/");

                        SimpleMeterRegistry meters = new SimpleMeterRegistry();
                        context.getBean("lancedbMetrics", MeterBinder.class).bindTo(meters);
                        assertThat(meters.get("lancedb.store.rows").tag("store", "default").gauge().value())
                                .isEqualTo(2.0);
                    });
        }
    }
}
