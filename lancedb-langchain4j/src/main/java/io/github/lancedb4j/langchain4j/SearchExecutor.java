package io.github.lancedb4j.langchain4j;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where {@link LanceDbEmbeddingStore#searchAsync} runs its searches. Lance's Java search holds its calling thread for
 * the whole scan (the native scan has no completion callback that works in every class-loader setup), so an async
 * search is a blocking search on threads of its own — never the caller's, and never the common fork-join pool, whose
 * few threads are meant for computation. Either the application's executor (not shut down by the store), or a pool
 * owned by the store: created at the first async search, as many daemon threads as processors, idle threads ending
 * after a minute, shut down when the store closes.
 */
final class SearchExecutor implements Executor {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Executor given;
    private final String name;
    private ExecutorService owned;
    private boolean closed;

    SearchExecutor(Executor given, String name) {
        this.given = given;
        this.name = name;
    }

    /** The executor of a read-only store opened from this one: the application's executor, or a pool of its own. */
    SearchExecutor forView(String viewName) {
        return new SearchExecutor(given, viewName);
    }

    @Override
    public void execute(Runnable task) {
        if (given != null) {
            given.execute(task);
            return;
        }
        pool().execute(task);
    }

    private synchronized ExecutorService pool() {
        if (closed) {
            throw new IllegalStateException("The store is closed: no more searches");
        }
        if (owned == null) {
            int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
            String prefix = "lancedb-search-" + name + "-" + POOLS.incrementAndGet() + "-";
            AtomicInteger count = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, prefix + count.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            owned = pool;
        }
        return owned;
    }

    /** Stops the store's own pool (searches already running finish); an application's executor is left alone. */
    synchronized void close() {
        closed = true;
        if (owned != null) {
            owned.shutdown();
        }
    }
}
