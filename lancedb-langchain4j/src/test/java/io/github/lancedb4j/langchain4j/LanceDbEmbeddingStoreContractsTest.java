package io.github.lancedb4j.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreAddAllContract;
import dev.langchain4j.store.embedding.EmbeddingStoreRemoveAllContract;
import io.github.lancedb4j.store.LanceDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * LangChain4j's addAll and removeAll contracts (suite 1.20): lists of different sizes are rejected with its messages;
 * nothing to add or remove is a no-op. A new store on a new table for every call, as the contracts ask.
 */
class LanceDbEmbeddingStoreContractsTest implements EmbeddingStoreAddAllContract, EmbeddingStoreRemoveAllContract {

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
    public EmbeddingStore<TextSegment> embeddingStore() {
        LanceDatabase database = databases.database();
        return LanceDbEmbeddingStore.builder().database(database).tableName(TestDatabases.uniqueTableName())
                .dimension(3).build();
    }
}
