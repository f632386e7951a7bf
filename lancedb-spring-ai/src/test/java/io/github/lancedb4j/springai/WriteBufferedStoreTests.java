package io.github.lancedb4j.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.store.WriteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;

/** A vector store with a write buffer: adds return at once, deletes apply after them, close commits the queue. */
class WriteBufferedStoreTests {

    @TempDir
    Path directory;

    @Test
    void buffered_documents_are_committed_by_flush_delete_and_close() {
        try (LanceDbVectorStore store = store()) {
            store.add(List.of(new Document("a", "Lance tables live on disk", Map.of()),
                    new Document("b", "or on object storage", Map.of()),
                    new Document("c", "and are versioned", Map.of())));
            assertThat(store.writeBufferStats().orElseThrow().queuedRows()).isEqualTo(3);
            store.delete(List.of("c")); // flushes first
            assertThat(ids(store)).containsExactlyInAnyOrder("a", "b");
            store.add(List.of(new Document("d", "queued at close", Map.of())));
        }
        try (LanceDbVectorStore reopened = store()) {
            assertThat(ids(reopened)).containsExactlyInAnyOrder("a", "b", "d");
        }
    }

    private LanceDbVectorStore store() {
        return LanceDbVectorStore.builder(TestStores.EMBEDDING_MODEL).uri(directory.toString()).dimensions(384)
                .initializeSchema(true).writeBuffer(WriteBuffer.Settings.DEFAULTS.withMaxDelay(Duration.ofSeconds(30)))
                .build();
    }

    private static List<String> ids(LanceDbVectorStore store) {
        return store.similaritySearch(SearchRequest.builder().query("tables").topK(10).build()).stream()
                .map(Document::getId).toList();
    }
}
