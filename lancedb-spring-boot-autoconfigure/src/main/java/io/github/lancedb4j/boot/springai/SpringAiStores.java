package io.github.lancedb4j.boot.springai;

import io.github.lancedb4j.boot.LanceDbTables;
import io.github.lancedb4j.boot.StoreSettings;
import io.github.lancedb4j.springai.LanceDbDocumentRetriever;
import io.github.lancedb4j.springai.LanceDbVectorStore;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationConvention;

/** Builds a store's {@link LanceDbVectorStore} on the shared database. */
final class SpringAiStores {

    private SpringAiStores() {
    }

    static LanceDbVectorStore create(LanceDbTables tables, StoreSettings settings, EmbeddingModel model,
            ObservationRegistry observations, VectorStoreObservationConvention convention,
            BatchingStrategy batching) {
        LanceDbTables.OpenStore open = tables.open(settings, model::dimensions);
        LanceDbVectorStore.Builder builder = LanceDbVectorStore.builder(model)
                .database(tables.database())
                .tableName(settings.table())
                .vectorColumn(settings.vectorColumn())
                .dimensions(open.column().dimension())
                .distance(settings.distance())
                .initializeSchema(settings.initializeSchema())
                .indexPolicy(settings.indexPolicy())
                .searchTuning(settings.searchTuning())
                .writeBuffer(settings.writeBuffer())
                .searchMode(settings.searchMode())
                .fullTextIndex(settings.fullTextIndex())
                .fusion(settings.fusion())
                .observationRegistry(observations)
                .batchingStrategy(batching != null ? batching
                        : new MaxSizeBatchingStrategy(settings.embedding().batchSize()));
        settings.metadataColumns().forEach(c -> builder.metadataColumn(c.key(), c.kind()));
        if (convention != null) {
            builder.customObservationConvention(convention);
        }
        LanceDbVectorStore store = builder.build();
        tables.opened(settings, store::flush, store::writeBufferStats);
        return store;
    }

    /** The store's document retriever: its search mode, top-k and threshold ({@code lancedb.search.*}). */
    static LanceDbDocumentRetriever retriever(LanceDbVectorStore store, StoreSettings settings) {
        return LanceDbDocumentRetriever.builder(store)
                .searchMode(settings.searchMode())
                .topK(settings.topK())
                .similarityThreshold(settings.similarityThreshold())
                .build();
    }
}
