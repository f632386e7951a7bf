package io.github.lancedb4j.langchain4j;

import io.github.lancedb4j.store.LanceDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Time travel through LangChain4j on an {@code s3://} table served by S3Proxy on 127.0.0.1. */
class TimeTravelS3IT extends TimeTravelContract {

    static TestDatabases databases;

    @BeforeAll
    static void openDatabase() {
        databases = TestDatabases.s3();
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
