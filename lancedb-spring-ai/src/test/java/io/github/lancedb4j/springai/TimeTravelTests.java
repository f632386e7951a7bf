package io.github.lancedb4j.springai;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Time travel through Spring AI on a local directory. */
class TimeTravelTests extends TimeTravelContract {

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
    TestStores stores() {
        return stores;
    }
}
