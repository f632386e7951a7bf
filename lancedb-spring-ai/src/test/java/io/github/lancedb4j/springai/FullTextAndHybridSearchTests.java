package io.github.lancedb4j.springai;

import io.github.lancedb4j.store.LanceDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Full-text and hybrid search on a local table. */
class FullTextAndHybridSearchTests extends FullTextAndHybridSearchContract {

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
    LanceDatabase database() {
        return stores.database();
    }
}
