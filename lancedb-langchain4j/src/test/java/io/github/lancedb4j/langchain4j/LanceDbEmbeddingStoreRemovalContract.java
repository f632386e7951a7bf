package io.github.lancedb4j.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithRemovalIT;
import io.github.lancedb4j.store.LanceDatabase;

/** LangChain4j's removal suite, every test enabled, on a fresh table per test (JUnit makes an instance per test). */
abstract class LanceDbEmbeddingStoreRemovalContract extends EmbeddingStoreWithRemovalIT {

    private final LanceDbEmbeddingStore store = LanceDbEmbeddingStore.builder()
            .database(database())
            .tableName(TestDatabases.uniqueTableName())
            .dimension(384)
            .build();

    abstract LanceDatabase database();

    @Override
    protected EmbeddingStore<TextSegment> embeddingStore() {
        return store;
    }

    @Override
    protected EmbeddingModel embeddingModel() {
        return TestDatabases.EMBEDDING_MODEL;
    }
}
