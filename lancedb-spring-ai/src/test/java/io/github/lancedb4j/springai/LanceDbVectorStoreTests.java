package io.github.lancedb4j.springai;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.test.vectorstore.BaseVectorStoreTests;
import org.springframework.ai.vectorstore.VectorStore;

/** Spring AI's shared vector store tests on a local table. */
class LanceDbVectorStoreTests extends BaseVectorStoreTests {

    @TempDir
    static Path directory;
    static TestStores stores;

    @BeforeAll
    static void open() {
        stores = TestStores.local(directory);
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
