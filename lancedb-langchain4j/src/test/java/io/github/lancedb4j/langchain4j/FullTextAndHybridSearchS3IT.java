package io.github.lancedb4j.langchain4j;

import io.github.lancedb4j.store.LanceDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Full-text and hybrid search on an {@code s3://} table served by S3Proxy on 127.0.0.1. */
class FullTextAndHybridSearchS3IT extends FullTextAndHybridSearchContract {

    static TestDatabases databases;

    @BeforeAll
    static void openDatabase() {
        databases = TestDatabases.s3();
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
