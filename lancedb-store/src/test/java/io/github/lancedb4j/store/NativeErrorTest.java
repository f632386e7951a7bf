package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lancedb4j.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures inside Lance come back as LanceStoreException naming the table, the operation and the location. */
class NativeErrorTest {

    @TempDir
    Path directory;

    @Test
    void a_denied_bucket_names_the_table_the_operation_and_the_status_but_not_the_secret() {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            String uri = s3.uri(s3.createBucket("denied"), "db");
            try (LanceDatabase db = LanceDatabase.connect(uri, s3.storageOptionsWithWrongSecret())) {
                assertThatThrownBy(() -> db.openTable("docs", List.of(VectorColumn.of("vector", 4)), true))
                        .isInstanceOf(LanceStoreException.class)
                        .satisfies(e -> {
                            LanceStoreException lse = (LanceStoreException) e;
                            assertThat(lse.table()).isEqualTo("docs");
                            assertThat(lse.operation()).isEqualTo("open");
                        })
                        .hasMessageContaining("'docs'").hasMessageContaining(uri + "/docs.lance")
                        .hasMessageContaining("403").hasMessageContaining("SignatureDoesNotMatch")
                        .hasMessageNotContaining(s3.secretKey()).hasMessageNotContaining("<?xml");
            }
        }
    }

    @Test
    void an_unreachable_endpoint_fails_with_the_location() {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            String uri = s3.uri(s3.createBucket("gone"), "db");
            try (LanceDatabase db = LanceDatabase.connect(uri, s3.storageOptionsWithUnreachableEndpoint())) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> db.openTable("docs", List.of(VectorColumn.of("vector", 4)), true))
                        .isInstanceOf(LanceStoreException.class)
                        .hasMessageContaining("'docs'").hasMessageContaining(uri);
                assertThat((System.nanoTime() - start) / 1e9).isLessThan(60);
            }
        }
    }

    @Test
    void a_table_whose_data_files_vanished_fails_searches_with_the_table_and_operation() throws IOException {
        try (LanceDatabase db = LanceDatabase.connect(directory.toString())) {
            LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
            table.upsert(List.of(Row.of("a", "t", Map.of(), "vector", new float[] {1, 0})), List.of("vector"));
            try (Stream<Path> files = Files.list(directory.resolve("docs.lance").resolve("data"))) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            assertThatThrownBy(() -> table.search(SearchQuery.nearest("vector", new float[] {1, 0}).limit(1).includeVector(true).build(),
                    DistanceMetric.COSINE))
                    .isInstanceOf(LanceStoreException.class)
                    .hasMessageContaining("search").hasMessageContaining("'docs'")
                    .hasMessageContaining(directory.resolve("docs.lance").toString());
        }
    }
}
