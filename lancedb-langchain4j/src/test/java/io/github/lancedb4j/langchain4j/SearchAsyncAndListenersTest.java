package io.github.lancedb4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.AsyncNotSupportedException;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.listener.EmbeddingStoreErrorContext;
import dev.langchain4j.store.embedding.listener.EmbeddingStoreListener;
import dev.langchain4j.store.embedding.listener.EmbeddingStoreRequestContext;
import dev.langchain4j.store.embedding.listener.EmbeddingStoreResponseContext;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LangChain4j 1.23's {@code searchAsync} and store listeners, on a real table. */
class SearchAsyncAndListenersTest {

    @TempDir
    Path dir;

    LanceDbEmbeddingStore store;

    @BeforeEach
    void fill() {
        store = LanceDbEmbeddingStore.builder().uri(dir.toString()).tableName("docs").dimension(3).build();
        store.addAll(List.of("a", "b", "c"),
                List.of(vector(1, 0, 0), vector(0, 1, 0), vector(0, 0, 1)),
                List.of(TextSegment.from("east"), TextSegment.from("north"), TextSegment.from("up")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void search_async_finds_what_search_finds_on_a_thread_of_the_stores_own_pool() throws Exception {
        EmbeddingSearchRequest request = EmbeddingSearchRequest.builder().queryEmbedding(vector(0.9f, 0.1f, 0))
                .maxResults(2).build();
        List<String> threads = new ArrayList<>();
        EmbeddingSearchResult<TextSegment> result = store.searchAsync(request)
                .whenComplete((r, e) -> threads.add(Thread.currentThread().getName()))
                .get(30, TimeUnit.SECONDS);

        assertThat(result.matches()).extracting(EmbeddingMatch::embeddingId)
                .containsExactlyElementsOf(store.search(request).matches().stream().map(EmbeddingMatch::embeddingId).toList())
                .containsExactly("a", "b");
        // The pool is the store's: daemon threads named after the table, not the caller's thread.
        assertThat(Thread.getAllStackTraces().keySet()).anySatisfy(t -> {
            assertThat(t.getName()).startsWith("lancedb-search-docs-");
            assertThat(t.isDaemon()).isTrue();
        });
        assertThat(threads).singleElement().satisfies(name -> assertThat(name)
                .satisfiesAnyOf(n -> assertThat(n).startsWith("lancedb-search-docs-"),
                        n -> assertThat(n).isEqualTo(Thread.currentThread().getName())));
    }

    @Test
    void search_async_does_not_run_on_the_callers_thread_but_on_the_given_executor() throws Exception {
        Queue<Runnable> queued = new ArrayDeque<>();
        Executor manual = queued::add;
        try (LanceDbEmbeddingStore onExecutor = LanceDbEmbeddingStore.builder().uri(dir.toString()).tableName("docs")
                .searchExecutor(manual).build()) {
            CompletableFuture<EmbeddingSearchResult<TextSegment>> future = onExecutor.searchAsync(
                    EmbeddingSearchRequest.builder().queryEmbedding(vector(0, 0, 1)).maxResults(1).build());

            assertThat(future).isNotDone(); // the caller was not held: the search waits for the executor
            assertThat(queued).hasSize(1);
            queued.poll().run();
            assertThat(future.get().matches()).singleElement()
                    .satisfies(m -> assertThat(m.embedded().text()).isEqualTo("up"));
        }
    }

    @Test
    void a_failing_search_completes_the_future_exceptionally() {
        CompletableFuture<EmbeddingSearchResult<TextSegment>> future = store.searchAsync(
                EmbeddingSearchRequest.builder().queryEmbedding(vector(1, 0)).build());

        assertThatThrownBy(() -> future.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
    }

    @Test
    void after_close_an_async_search_fails_instead_of_hanging() {
        store.close();
        CompletableFuture<EmbeddingSearchResult<TextSegment>> future = store.searchAsync(
                EmbeddingSearchRequest.builder().queryEmbedding(vector(1, 0, 0)).build());

        assertThat(future).isCompletedExceptionally();
        assertThatThrownBy(future::join).cause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void listeners_see_each_write_and_search_with_their_results_and_errors() {
        List<String> events = new ArrayList<>();
        EmbeddingStore<TextSegment> listened = store.addListener(new EmbeddingStoreListener() {
            @Override
            public void onRequest(EmbeddingStoreRequestContext<?> context) {
                events.add("request " + context.getClass().getSimpleName());
            }

            @Override
            public void onResponse(EmbeddingStoreResponseContext<?> context) {
                if (context instanceof EmbeddingStoreResponseContext.Search<?> search) {
                    events.add("response Search " + search.searchResult().matches().size());
                } else {
                    events.add("response " + context.getClass().getSimpleName());
                }
            }

            @Override
            public void onError(EmbeddingStoreErrorContext<?> context) {
                events.add("error " + context.error().getClass().getSimpleName());
            }
        });

        listened.addAll(List.of("d"), List.of(vector(1, 1, 0)), List.of(TextSegment.from("north-east")));
        listened.search(EmbeddingSearchRequest.builder().queryEmbedding(vector(1, 1, 0)).maxResults(2).build());
        assertThatThrownBy(() -> listened.search(EmbeddingSearchRequest.builder().queryEmbedding(vector(1)).build()))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(events).containsExactly("request AddAll", "response AddAll",
                "request Search", "response Search 2",
                "request Search", "error IllegalArgumentException");
        assertThat(store.search(EmbeddingSearchRequest.builder().queryEmbedding(vector(1, 1, 0)).maxResults(1).build())
                .matches()).singleElement().satisfies(m -> assertThat(m.embeddingId()).isEqualTo("d"));
    }

    @Test
    void a_listened_store_has_no_async_search_in_langchain4j_1_23() {
        // LangChain4j's listening wrapper does not forward searchAsync (it falls back to the interface default):
        // use the store itself for async searches. This test notices when LangChain4j changes that.
        EmbeddingStore<TextSegment> listened = store.addListener(new EmbeddingStoreListener() { });

        assertThatThrownBy(() -> listened.searchAsync(EmbeddingSearchRequest.builder()
                .queryEmbedding(vector(1, 0, 0)).build()).join())
                .hasCauseInstanceOf(AsyncNotSupportedException.class);
    }

    private static Embedding vector(float... values) {
        return Embedding.from(values);
    }
}
