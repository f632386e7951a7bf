package io.github.lancedb4j.benchmarks;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import java.util.ArrayList;
import java.util.List;

/** A {@link SearchBench.Searcher} over any LangChain4j store: {@code search(EmbeddingSearchRequest)}. */
final class StoreSearch {

    private StoreSearch() {
    }

    static SearchBench.Searcher of(EmbeddingStore<TextSegment> store, int k, Filter filter) {
        return query -> {
            EmbeddingSearchRequest request = EmbeddingSearchRequest.builder()
                    .queryEmbedding(Embedding.from(query))
                    .maxResults(k)
                    .minScore(0.0)
                    .filter(filter)
                    .build();
            List<EmbeddingMatch<TextSegment>> matches = store.search(request).matches();
            List<String> ids = new ArrayList<>(matches.size());
            for (EmbeddingMatch<TextSegment> m : matches) {
                ids.add(m.embeddingId());
            }
            return ids;
        };
    }
}
