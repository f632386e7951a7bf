package io.github.lancedb4j.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.testing.S3ProxyServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

/** Startup fails with a message a person can act on, naming the properties to change. */
class FailFastTests {

    @TempDir
    Path dir;

    static S3ProxyServer s3;

    @BeforeAll
    static void startS3() {
        s3 = S3ProxyServer.start();
        s3.createBucket("bucket");
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @Test
    void holysheep_without_an_api_key() {
        Runners.runner(dir).withPropertyValues("lancedb.embedding.provider=holysheep").run(context ->
                assertThat(failure(context)).hasMessageContaining("lancedb.embedding.provider is holysheep")
                        .hasMessageContaining("Set lancedb.embedding.holysheep.api-key")
                        .hasMessageContaining("lancedb.embedding.provider=local"));
        Runners.runner(dir).withPropertyValues("lancedb.stores.large.embedding.provider=openai").run(context ->
                assertThat(failure(context)).hasMessageContaining("lancedb.stores.large.embedding.openai.api-key"));
    }

    @Test
    void a_dimension_that_differs_from_the_existing_column() {
        try (LanceDatabase db = LanceDatabase.connect(dir.resolve("db").toString())) {
            db.openTable("documents", List.of(VectorColumn.of("vector", 384)), true);
        }
        Runners.runner(dir).withUserConfiguration(StarterAutoConfigurationTests.UserModels.class)
                .withPropertyValues("lancedb.dimensions=8").run(context ->
                        assertThat(failure(context)).hasMessageContaining("has dimension 384")
                                .hasMessageContaining("configured with dimension 8")
                                .hasMessageContaining("lancedb.dimensions")
                                .hasMessageContaining("lancedb.vector-column"));
    }

    @Test
    void a_dimension_the_local_model_cannot_produce() {
        Runners.runner(dir).withPropertyValues("lancedb.dimensions=1536").run(context ->
                assertThat(failure(context)).hasMessageContaining("lancedb.dimensions is 1536")
                        .hasMessageContaining("produces 384"));
    }

    @Test
    void a_missing_table_when_schema_initialization_is_off() {
        Runners.runner(dir).withPropertyValues("lancedb.initialize-schema=false").run(context ->
                assertThat(failure(context)).hasMessageContaining("does not exist")
                        .hasMessageContaining("lancedb.initialize-schema"));
    }

    @Test
    void denied_object_storage_403_names_the_credentials_properties() {
        long start = System.nanoTime();
        s3Runner(s3.storageOptionsWithWrongSecret()).run(context ->
                assertThat(failure(context)).hasMessageContaining("HTTP 403 SignatureDoesNotMatch")
                        .hasMessageContaining("lancedb.storage-options.*")
                        .hasMessageContaining("aws_secret_access_key")
                        .message().doesNotContain("wrong-secret"));
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(15);
    }

    @Test
    void an_unreachable_endpoint_fails_in_seconds() {
        Map<String, String> options = s3.storageOptions();
        options.put("aws_endpoint", "http://127.0.0.1:1");
        long start = System.nanoTime();
        s3Runner(options).run(context ->
                assertThat(failure(context)).hasMessageContaining("cannot be reached")
                        .hasMessageContaining("lancedb.uri").hasMessageContaining("aws_endpoint"));
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(15);
    }

    @Test
    void the_failure_analyzer_prints_description_and_action() {
        FailureAnalysis analysis = new LanceDbFailureAnalyzer()
                .analyze(new IllegalStateException(new LanceDbConfigurationException("What is wrong.", "What to do.")));
        assertThat(analysis.getDescription()).isEqualTo("What is wrong.");
        assertThat(analysis.getAction()).isEqualTo("What to do.");
    }

    private org.springframework.boot.test.context.runner.ApplicationContextRunner s3Runner(Map<String, String> options) {
        List<String> properties = new ArrayList<>();
        properties.add("lancedb.uri=" + s3.uri("bucket", "db"));
        options.forEach((k, v) -> properties.add("lancedb.storage-options." + k + "=" + v));
        return Runners.runner(dir).withPropertyValues(properties.toArray(String[]::new));
    }

    static Throwable failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable t = context.getStartupFailure();
        while (t != null && !(t instanceof LanceDbConfigurationException)) {
            t = t.getCause();
        }
        assertThat(t).as("a LanceDbConfigurationException in " + context.getStartupFailure()).isNotNull();
        return t;
    }
}
