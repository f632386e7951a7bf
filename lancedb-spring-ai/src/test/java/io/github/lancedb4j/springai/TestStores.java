package io.github.lancedb4j.springai;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.testing.S3ProxyServer;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.ai.embedding.EmbeddingModel;

/**
 * A database for a test class, local or on S3Proxy, whose Arrow allocator is checked for leaks when the class ends:
 * closing the database closes its allocator, which throws on outstanding memory.
 */
final class TestStores implements AutoCloseable {

    /** The real in-process all-MiniLM-L6-v2 model (384 dimensions) as a Spring AI EmbeddingModel. */
    static final EmbeddingModel EMBEDDING_MODEL = new LangChain4jEmbeddingModel(new AllMiniLmL6V2EmbeddingModel());

    private final S3ProxyServer s3;
    private final LanceDatabase database;

    private TestStores(String uri, S3ProxyServer s3) {
        this.s3 = s3;
        this.database = LanceDatabase.builder().uri(uri).storageOptions(s3 == null ? null : s3.storageOptions())
                .build();
    }

    static TestStores local(Path directory) {
        return new TestStores(directory.toString(), null);
    }

    static TestStores s3() {
        S3ProxyServer server = S3ProxyServer.start();
        return new TestStores(server.uri(server.createBucket("spring-ai-it"), "db"), server);
    }

    LanceDatabase database() {
        return database;
    }

    /** A store on a fresh table. */
    LanceDbVectorStore newStore() {
        return LanceDbVectorStore.builder(EMBEDDING_MODEL).database(database)
                .tableName("t_" + UUID.randomUUID().toString().replace("-", ""))
                .initializeSchema(true).build();
    }

    @Override
    public void close() {
        database.close();
        if (s3 != null) {
            s3.close();
        }
    }
}
