package io.github.lancedb4j.langchain4j;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.testing.S3ProxyServer;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A database for a test class, local or on S3Proxy, whose Arrow allocator is checked for leaks when the class
 * ends: closing the database closes its allocator, which throws on outstanding memory and fails the class.
 */
final class TestDatabases implements AutoCloseable {

    /** The real in-process ONNX model (384 dimensions), shared: loading it takes a second. */
    static final EmbeddingModel EMBEDDING_MODEL = new AllMiniLmL6V2EmbeddingModel();

    private final S3ProxyServer s3;
    private final LanceDatabase database;

    private TestDatabases(String uri, S3ProxyServer s3) {
        this.s3 = s3;
        this.database = LanceDatabase.builder()
                .uri(uri)
                .storageOptions(s3 == null ? null : s3.storageOptions())
                .build();
    }

    static TestDatabases local(Path directory) {
        return new TestDatabases(directory.toString(), null);
    }

    static TestDatabases s3() {
        S3ProxyServer server = S3ProxyServer.start();
        String bucket = server.createBucket("lancedb-it");
        return new TestDatabases(server.uri(bucket, "db"), server);
    }

    LanceDatabase database() {
        return database;
    }

    static String uniqueTableName() {
        return "t_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public void close() {
        database.close();
        if (s3 != null) {
            s3.close();
        }
    }
}
