package io.github.lancedb4j.springai;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Store behaviours on an {@code s3://} table served by S3Proxy on 127.0.0.1. */
class LanceDbVectorStoreS3BehaviourTests extends VectorStoreBehaviourContract {

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
    TestStores stores() {
        return stores;
    }
}
