package io.github.lancedb4j.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.Row;
import io.github.lancedb4j.store.VectorColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Against a real S3 implementation (MinIO), what the in-process S3Proxy cannot show: concurrent writers from
 * separate handles commit through S3's conditional writes without losing each other's rows, and a write large
 * enough for multipart uploads reads back whole. Skipped where Docker is not available; the S3Proxy suites (the
 * conformance suites on s3://) remain the always-on proof.
 */
@Testcontainers(disabledWithoutDocker = true)
class MinioObjectStorageTest {

    static MinioBucket bucket;

    @BeforeAll
    static void start() {
        bucket = MinioBucket.start("lancedb-test");
    }

    @AfterAll
    static void stop() {
        if (bucket != null) {
            bucket.close();
        }
    }

    @Test
    void concurrent_writers_through_separate_handles_lose_no_rows() throws Exception {
        String uri = bucket.uri("concurrent");
        try (LanceDatabase setup = LanceDatabase.connect(uri, bucket.storageOptions())) {
            setup.openTable("docs", List.of(VectorColumn.of("vector", 4)), true);
        }
        int writers = 4;
        int writesEach = 5;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            futures.add(pool.submit(() -> {
                // Each writer is a separate database handle, as separate processes or replicas would be.
                try (LanceDatabase db = LanceDatabase.connect(uri, bucket.storageOptions())) {
                    LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 4)), false);
                    for (int i = 0; i < writesEach; i++) {
                        table.upsert(List.of(Row.of("w" + writer + "-" + i, "text", Map.of("writer", writer),
                                "vector", new float[] {writer, i, 1, 0})), List.of("vector"));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        try (LanceDatabase check = LanceDatabase.connect(uri, bucket.storageOptions())) {
            LanceTable table = check.openTable("docs", List.of(VectorColumn.of("vector", 4)), false);
            assertThat(table.countRows()).isEqualTo((long) writers * writesEach);
        }
    }

    @Test
    void a_write_large_enough_for_multipart_uploads_reads_back_whole() {
        int rows = 20_000;
        int dimension = 384; // ~30 MB of vectors: data files above S3's 5 MB multipart threshold
        Random random = new Random(42);
        List<Embedding> embeddings = new ArrayList<>(rows);
        List<TextSegment> segments = new ArrayList<>(rows);
        List<String> ids = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            float[] v = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                v[d] = random.nextFloat() - 0.5f;
            }
            embeddings.add(Embedding.from(v));
            segments.add(TextSegment.from("segment " + i));
            ids.add("id-" + i);
        }
        try (LanceDbEmbeddingStore store = LanceDbEmbeddingStore.builder().uri(bucket.uri("large"))
                .storageOptions(bucket.storageOptions()).tableName("docs").dimension(dimension).build()) {
            store.addAll(ids, embeddings, segments);

            assertThat(store.table().countRows()).isEqualTo(rows);
            var match = store.search(EmbeddingSearchRequest.builder().queryEmbedding(embeddings.get(12_345))
                    .maxResults(1).build()).matches().get(0);
            assertThat(match.embeddingId()).isEqualTo("id-12345");
            assertThat(match.embedded().text()).isEqualTo("segment 12345");
        }
    }

    @Test
    void the_helper_gives_the_starters_properties() {
        assertThat(bucket.springProperties("db")).containsEntry("lancedb.uri", "s3://lancedb-test/db")
                .containsEntry("lancedb.storage-options.allow_http", "true")
                .containsKey("lancedb.storage-options.aws_endpoint");
    }
}
