package io.github.lancedb4j.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithFilteringIT;
import io.github.lancedb4j.store.LanceDatabase;

/**
 * LangChain4j's own conformance suite (every case, contains supported, exact float and double comparison) against
 * a fresh table per test.
 */
abstract class LanceDbEmbeddingStoreFilteringContract extends EmbeddingStoreWithFilteringIT {

    private LanceDbEmbeddingStore store;

    abstract LanceDatabase database();

    @Override
    protected void ensureStoreIsReady() {
        store = LanceDbEmbeddingStore.builder()
                .database(database())
                .tableName(TestDatabases.uniqueTableName())
                .dimension(384)
                .build();
    }

    @Override
    protected EmbeddingStore<TextSegment> embeddingStore() {
        return store;
    }

    @Override
    protected EmbeddingModel embeddingModel() {
        return TestDatabases.EMBEDDING_MODEL;
    }

    @Override
    protected boolean supportsContains() {
        return true;
    }
}
