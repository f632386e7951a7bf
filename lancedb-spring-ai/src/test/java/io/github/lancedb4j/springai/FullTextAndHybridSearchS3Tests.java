package io.github.lancedb4j.springai;

import io.github.lancedb4j.store.LanceDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Full-text and hybrid search on an {@code s3://} table served by S3Proxy on 127.0.0.1. */
class FullTextAndHybridSearchS3Tests extends FullTextAndHybridSearchContract {

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
    LanceDatabase database() {
        return stores.database();
    }
}
