package io.github.lancedb4j.springai;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Time travel through Spring AI on an {@code s3://} table served by S3Proxy on 127.0.0.1. */
class TimeTravelS3Tests extends TimeTravelContract {

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
