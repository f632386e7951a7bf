package io.github.lancedb4j.langchain4j;

import io.github.lancedb4j.store.LanceDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The filtering conformance suite on an {@code s3://} table served by S3Proxy on 127.0.0.1. */
class LanceDbEmbeddingStoreS3IT extends LanceDbEmbeddingStoreFilteringContract {

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
