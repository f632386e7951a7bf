package io.github.lancedb4j.langchain4j;

import io.github.lancedb4j.store.LanceDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Full-text and hybrid search on a local table. */
class FullTextAndHybridSearchTest extends FullTextAndHybridSearchContract {

    @TempDir
    static Path directory;
    static TestDatabases databases;

    @BeforeAll
    static void openDatabase() {
        databases = TestDatabases.local(directory);
    }

    @AfterAll
    static void closeDatabase() {
        databases.close();
    }

    @Override
    LanceDatabase database() {
        return databases.database();
    }
}
