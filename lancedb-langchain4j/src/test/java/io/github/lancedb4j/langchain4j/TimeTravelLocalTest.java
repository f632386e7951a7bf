package io.github.lancedb4j.langchain4j;

import io.github.lancedb4j.store.LanceDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Time travel through LangChain4j on a local directory. */
class TimeTravelLocalTest extends TimeTravelContract {

    @TempDir
    static Path directory;
    static TestDatabases databases;

    @BeforeAll
    static void openDatabase() {
        databases = TestDatabases.local(directory);
    }

    @AfterAll
    static void closeDatabaseAndCheckForLeaks() {
        databases.close();
    }

    @Override
    LanceDatabase database() {
        return databases.database();
    }
}
