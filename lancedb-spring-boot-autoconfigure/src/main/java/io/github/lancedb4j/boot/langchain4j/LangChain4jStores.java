package io.github.lancedb4j.boot.langchain4j;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.lancedb4j.boot.LanceDbConfigurationException;
import io.github.lancedb4j.boot.LanceDbTables;
import io.github.lancedb4j.boot.StoreSettings;
import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;

/** Builds a store's {@link LanceDbEmbeddingStore} on the shared database. */
final class LangChain4jStores {

    private LangChain4jStores() {
    }

    static LanceDbEmbeddingStore create(LanceDbTables tables, StoreSettings settings, EmbeddingModel model) {
        LanceDbTables.OpenStore open = tables.open(settings, () -> {
            if (model == null) {
                throw new LanceDbConfigurationException("LanceDB store '" + settings.name() + "': the table has no "
                        + "column '" + settings.vectorColumn() + "' yet and no dimension is configured.",
                        "Set " + settings.propertyPrefix() + ".dimensions, or provide a LangChain4j EmbeddingModel bean.");
            }
            return model.dimension();
        });
        LanceDbEmbeddingStore.Builder builder = LanceDbEmbeddingStore.builder()
                .database(tables.database())
                .tableName(settings.table())
                .vectorColumn(settings.vectorColumn())
                .dimension(open.column().dimension())
                .distance(settings.distance())
                .createIfMissing(settings.initializeSchema())
                .indexPolicy(settings.indexPolicy())
                .searchTuning(settings.searchTuning())
                .writeBuffer(settings.writeBuffer())
                .searchMode(settings.searchMode())
                .fullTextIndex(settings.fullTextIndex())
                .fusion(settings.fusion());
        settings.metadataColumns().forEach(c -> builder.metadataColumn(c.key(), c.kind()));
        LanceDbEmbeddingStore store = builder.build();
        tables.opened(settings, store::flush, store::writeBufferStats);
        return store;
    }

    /** The store's content retriever: its search mode, top-k and threshold ({@code lancedb.search.*}). */
    static dev.langchain4j.rag.content.retriever.ContentRetriever retriever(LanceDbEmbeddingStore store,
            EmbeddingModel model, StoreSettings settings) {
        return dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever.builder()
                .embeddingStore(store)
                .embeddingModel(model)
                .maxResults(settings.topK())
                .minScore(settings.similarityThreshold())
                .build();
    }
}
