package io.github.lancedb4j.benchmarks.scale;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.util.ArrayList;
import java.util.List;

/** LangChain4j's {@link InMemoryEmbeddingStore}: {@code addAll(embeddings, segments)}, exact cosine search. */
final class InMemoryHeapStore implements HeapScale.HeapStore {

    private final InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();

    @Override
    public String name() {
        return "InMemoryEmbeddingStore";
    }

    @Override
    public long add(ScaleVectors v, int from, float[][] rows) {
        List<Embedding> embeddings = new ArrayList<>(rows.length);
        List<TextSegment> segments = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            embeddings.add(Embedding.from(rows[i]));
            segments.add(TextSegment.from(v.text(from + i), new Metadata().put("source", v.source(from + i))
                    .put("n", from + i)));
        }
        long t0 = System.nanoTime();
        store.addAll(embeddings, segments);
        return System.nanoTime() - t0;
    }

    @Override
    public SearchTiming.Search search(ScaleVectors v, int k, boolean filtered) {
        return q -> {
            List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(Embedding.from(q)).maxResults(k).minScore(0.0)
                    .filter(filtered ? MetadataFilterBuilder.metadataKey("source").isEqualTo(v.filteredSource()) : null)
                    .build()).matches();
            int[] rows = new int[matches.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = matches.get(i).embedded().metadata().getInteger("n");
            }
            return rows;
        };
    }
}
