package io.github.lancedb4j.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Any of these documents", built one {@code or(...)} at a time as applications do, runs for long chains. */
class LongFilterChainThroughStoreTest {

    @TempDir
    Path directory;

    @Test
    void an_or_chain_over_200_documents_and_an_and_chain_of_200_exclusions_run() {
        try (LanceDbEmbeddingStore store = LanceDbEmbeddingStore.builder().uri(directory.toString()).dimension(2)
                .build()) {
            List<String> ids = new ArrayList<>();
            List<Embedding> vectors = new ArrayList<>();
            List<TextSegment> segments = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                ids.add("id-" + i);
                vectors.add(Embedding.from(new float[] {1, i / 400f}));
                segments.add(TextSegment.from("doc " + i, Metadata.from("doc", "doc-" + i)));
            }
            store.addAll(ids, vectors, segments);

            Filter anyOf = metadataKey("doc").isEqualTo("doc-0");
            for (int i = 2; i < 400; i += 2) {
                anyOf = anyOf.or(metadataKey("doc").isEqualTo("doc-" + i));
            }
            assertThat(search(store, anyOf)).hasSize(200).allMatch(id -> Integer.parseInt(id.substring(3)) % 2 == 0);

            Filter noneOf = metadataKey("doc").isNotEqualTo("doc-0");
            for (int i = 1; i < 200; i++) {
                noneOf = noneOf.and(metadataKey("doc").isNotEqualTo("doc-" + i));
            }
            store.removeAll(noneOf);
            assertThat(search(store, null)).hasSize(200).allMatch(id -> Integer.parseInt(id.substring(3)) < 200);
        }
    }

    private static List<String> search(LanceDbEmbeddingStore store, Filter filter) {
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(new float[] {1, 0}))
                .maxResults(400).filter(filter).build()).matches().stream().map(EmbeddingMatch::embeddingId).toList();
    }
}
