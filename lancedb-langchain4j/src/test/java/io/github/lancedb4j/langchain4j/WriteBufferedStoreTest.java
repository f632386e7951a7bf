package io.github.lancedb4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.github.lancedb4j.store.WriteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store with a write buffer: adds return at once, are committed in batches, and removals keep their order. */
class WriteBufferedStoreTest {

    @TempDir
    Path directory;

    @Test
    void buffered_adds_from_many_threads_are_all_committed_and_removals_apply_after_them() throws Exception {
        try (LanceDbEmbeddingStore store = store()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        store.add("t" + thread + "-" + i, Embedding.from(new float[] {1, thread, i}));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(1, TimeUnit.MINUTES);
            }
            pool.shutdown();
            store.add(Embedding.from(new float[] {1, 1, 1}), TextSegment.from("appended", Metadata.from("k", "v")));
            store.remove("t0-0"); // flushes first: the add before it is committed, then removed
            store.flush();
            assertThat(ids(store)).hasSize(8 * 50).doesNotContain("t0-0");
            WriteBuffer.Stats stats = store.writeBufferStats().orElseThrow();
            assertThat(stats.rowsFlushed()).isEqualTo(8 * 50 + 1);
            assertThat(stats.flushes()).isLessThan(8 * 50);
        }
    }

    @Test
    void closing_the_store_commits_what_is_queued() {
        try (LanceDbEmbeddingStore store = store()) {
            store.addAll(List.of("a", "b"), List.of(Embedding.from(new float[] {1, 0, 0}),
                    Embedding.from(new float[] {0, 1, 0})), null);
        }
        try (LanceDbEmbeddingStore reopened = LanceDbEmbeddingStore.builder().uri(directory.toString()).dimension(3)
                .build()) {
            assertThat(ids(reopened)).containsExactlyInAnyOrder("a", "b");
        }
    }

    private LanceDbEmbeddingStore store() {
        return LanceDbEmbeddingStore.builder().uri(directory.toString()).dimension(3)
                .writeBuffer(WriteBuffer.Settings.DEFAULTS.withMaxDelay(Duration.ofSeconds(30))).build();
    }

    private static List<String> ids(LanceDbEmbeddingStore store) {
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(new float[] {1, 0, 0}))
                .maxResults(1000).build()).matches().stream().map(EmbeddingMatch::embeddingId).toList();
    }
}
