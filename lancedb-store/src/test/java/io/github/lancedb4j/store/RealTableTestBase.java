package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh database on a temporary directory per test, on one allocator per class that is checked for leaks after
 * every test and closed (which throws on outstanding memory) after the class.
 */
abstract class RealTableTestBase {

    protected static RootAllocator allocator;
    protected LanceDatabase db;

    @TempDir
    protected Path dir;

    @BeforeAll
    static void createAllocator() {
        allocator = new RootAllocator();
    }

    @AfterAll
    static void closeAllocator() {
        allocator.close(); // throws if any Arrow memory leaked
    }

    /** Runs before the subclass's own {@code @BeforeEach} methods. */
    @BeforeEach
    void openLeakCheckedDatabase() {
        db = newDatabase();
    }

    @AfterEach
    void closeDatabaseAndCheckForLeaks() {
        db.close();
        assertThat(allocator.getAllocatedMemory()).as("Arrow memory still allocated after closing the database").isZero();
    }

    /** Another database on the same directory and allocator (e.g. to reopen a table). */
    protected LanceDatabase newDatabase() {
        return LanceDatabase.builder().uri(dir.toString()).allocator(allocator).build();
    }
}
