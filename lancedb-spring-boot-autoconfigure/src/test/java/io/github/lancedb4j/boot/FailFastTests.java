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
        s3Runner(s3.storageOptionsWithWrongSecret()).run(context ->
                assertThat(failure(context)).hasMessageContaining("HTTP 403 SignatureDoesNotMatch")
                        .hasMessageContaining("lancedb.storage-options.*")
                        .hasMessageContaining("aws_secret_access_key")
                        .message().doesNotContain(s3.secretKey()));
    }

    @Test
    void a_bucket_that_does_not_exist_says_so_and_names_the_uri_property() {
        List<String> properties = new ArrayList<>();
        properties.add("lancedb.uri=" + s3.uri("no-such-bucket", "db"));
        s3.storageOptions().forEach((k, v) -> properties.add("lancedb.storage-options." + k + "=" + v));
        Runners.runner(dir).withPropertyValues(properties.toArray(String[]::new)).run(context ->
                assertThat(failure(context)).hasMessageContaining("no-such-bucket")
                        .hasMessageContaining("The bucket does not exist").hasMessageContaining("lancedb.uri"));
    }

    @Test
    void a_closed_port_fails_startup_as_unreachable() {
        s3Runner(s3.storageOptionsWithUnreachableEndpoint()).run(context ->
                assertThat(failure(context)).hasMessageContaining("cannot be reached")
                        .hasMessageContaining("lancedb.uri").hasMessageContaining("aws_endpoint"));
    }

    /**
     * An endpoint whose SYNs go unanswered: a loopback port whose accept queue is full (the server never accepts),
     * so the kernel drops further connection attempts. Without the starter's {@code connect_timeout} each attempt
     * would hang for the operating system's connect timeout (about two minutes on Linux) before Lance's retries even
     * start; with it every attempt gives up after 5 s. Retries are turned off here to keep the test short (the
     * retry budget is asserted below); the JUnit timeout is far above what a 5 s connect timeout allows and below the
     * operating system's connect timeout.
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 100, unit = java.util.concurrent.TimeUnit.SECONDS,
            threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void an_endpoint_that_never_answers_a_connection_fails_startup_through_the_connect_timeout() throws Exception {
        try (UnansweredPort port = UnansweredPort.open()) {
            Map<String, String> options = s3.storageOptions();
            options.put("aws_endpoint", "http://127.0.0.1:" + port.port());
            options.put("client_max_retries", "0");
            s3Runner(options).run(context ->
                    assertThat(failure(context)).hasMessageContaining("cannot be reached")
                            .hasMessageContaining("aws_endpoint"));
        }
    }

    @Test
    void object_stores_get_a_5s_connect_timeout_and_a_60s_retry_budget_unless_set() {
        for (String uri : List.of("s3://bucket/db", "gs://bucket/db", "az://container/db", "S3://bucket/db")) {
            assertThat(LanceDbConnections.storageOptions(uri, Map.of("aws_region", "eu-west-1")))
                    .as(uri).containsEntry("connect_timeout", "5s").containsEntry("client_retry_timeout", "60")
                    .containsEntry("aws_region", "eu-west-1");
        }
        assertThat(LanceDbConnections.storageOptions("s3://bucket/db", Map.of("connect_timeout", "1s",
                "client_retry_timeout", "10"))).containsEntry("connect_timeout", "1s")
                .containsEntry("client_retry_timeout", "10");
        assertThat(LanceDbConnections.storageOptions(dir.toString(), null)).isEmpty();
        assertThat(LanceDbConnections.storageOptions("file:///tmp/db", Map.of())).isEmpty();
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

    /** A loopback port that completes no new connection: its one-slot accept queue is filled and never drained. */
    private record UnansweredPort(java.net.ServerSocket server, List<java.net.Socket> fillers) implements AutoCloseable {
        static UnansweredPort open() throws java.io.IOException {
            java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
            List<java.net.Socket> fillers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                java.net.Socket socket = new java.net.Socket();
                try {
                    socket.connect(server.getLocalSocketAddress(), 500);
                    fillers.add(socket);
                } catch (java.net.SocketTimeoutException full) {
                    socket.close();
                    return new UnansweredPort(server, fillers);
                }
            }
            server.close();
            fillers.forEach(UnansweredPort::closeQuietly);
            throw new AssertionError("the kernel kept completing connections to a port that never accepts");
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws java.io.IOException {
            fillers.forEach(UnansweredPort::closeQuietly);
            server.close();
        }

        private static void closeQuietly(java.net.Socket socket) {
            try {
                socket.close();
            } catch (java.io.IOException ignored) {
                // a test socket
            }
        }
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
