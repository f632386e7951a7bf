package io.github.lancedb4j.springai;

import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.ai.test.vectorstore.BaseVectorStoreTests;
import org.springframework.ai.vectorstore.VectorStore;

/** Spring AI's shared vector store tests on an {@code s3://} table served by S3Proxy on 127.0.0.1. */
class LanceDbVectorStoreS3Tests extends BaseVectorStoreTests {

    static TestStores stores;

    @BeforeAll
    static void open() {
        stores = TestStores.s3();
    }

    @AfterAll
    static void closeAndCheckForLeaks() {
        stores.close();
    }

    @Override
    protected void executeTest(Consumer<VectorStore> testFunction) {
        testFunction.accept(stores.newStore());
    }
}
