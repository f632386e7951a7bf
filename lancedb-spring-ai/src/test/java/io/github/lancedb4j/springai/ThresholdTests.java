package io.github.lancedb4j.springai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.vectorstore.SearchRequest;

/** Scores are cosine similarities, which can be negative: the default threshold 0 still accepts every document. */
class ThresholdTests {

    /** "north" and "south" point in opposite directions. */
    static final EmbeddingModel COMPASS = new EmbeddingModel() {
        @Override
        public EmbeddingResponse call(EmbeddingRequest request) {
            List<Embedding> out = new ArrayList<>();
            for (String text : request.getInstructions()) {
                out.add(new Embedding(embed(text), out.size()));
            }
            return new EmbeddingResponse(out);
        }

        @Override
        public float[] embed(Document document) {
            return embed(document.getText());
        }

        @Override
        public float[] embed(String text) {
            return text.contains("north") ? new float[] {0, 1} : new float[] {0.1f, -1};
        }

        @Override
        public int dimensions() {
            return 2;
        }
    };

    @TempDir
    Path directory;
    TestStores stores;
    LanceDbVectorStore store;

    @BeforeEach
    void open() {
        stores = TestStores.local(directory);
        store = LanceDbVectorStore.builder(COMPASS).database(stores.database()).tableName("compass")
                .initializeSchema(true).build();
        store.add(List.of(new Document("n", "north", Map.of()), new Document("s", "south", Map.of())));
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void the_default_threshold_accepts_documents_with_a_negative_similarity() {
        List<Document> all = store.similaritySearch(SearchRequest.builder().query("north").topK(5).build());
        assertThat(all).extracting(Document::getId).containsExactly("n", "s");
        assertThat(all.get(1).getScore()).isNegative();

        assertThat(store.similaritySearch(SearchRequest.builder().query("north").topK(5).similarityThreshold(0.01)
                .build())).extracting(Document::getId).containsExactly("n");
    }
}
