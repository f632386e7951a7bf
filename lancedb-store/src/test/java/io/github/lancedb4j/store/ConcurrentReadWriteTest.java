package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.store.filter.MetadataFilter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many threads search while others upsert and delete: every search completes on a consistent version (a handle
 * swapped out by a write is closed only after its in-flight reads end), no search sees an id twice, a batch upsert is
 * seen entirely or not at all, and no Arrow memory leaks.
 */
class ConcurrentReadWriteTest {

    private static final int DIM = 16;
    private static final int GROUP = 20;

    @TempDir
    Path directory;

    @Test
    void searches_run_safely_while_other_threads_write() throws Exception {
        RootAllocator allocator = new RootAllocator();
        LanceDatabase database = LanceDatabase.builder().uri(directory.toString()).allocator(allocator).build();
        LanceTable table = database.openTable("docs", List.of(VectorColumn.of("vector", DIM)), true);
        table.upsert(rows(0, 500, new Random(1)), List.of("vector"));
        table.upsert(generation(0, new Random(2)), List.of("vector"));

        ExecutorService pool = Executors.newFixedThreadPool(6);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger searches = new AtomicInteger();
        java.util.Set<String> generationsSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            int seed = r;
            futures.add(pool.submit(() -> {
                Random random = new Random(100 + seed);
                await(start);
                while (writing.get()) {
                    try {
                        List<SearchHit> hits = table.search(SearchQuery.nearest("vector", vector(random)).limit(10).includeVector(true).build(), DistanceMetric.COSINE);
                        assertThat(hits).hasSizeBetween(1, 10);
                        assertThat(hits).extracting(SearchHit::id).doesNotHaveDuplicates();
                        hits.forEach(h -> {
                            assertThat(h.vector()).hasSize(DIM);
                            assertThat(h.metadata()).containsKey("batch");
                        });
                        // The group is rewritten as one batch: a search sees all of one generation, never a mix.
                        List<SearchHit> group = table.search(SearchQuery.nearest("vector", vector(random)).limit(50)
                                .filter(MetadataFilter.eq("group", "g")).build(), DistanceMetric.COSINE);
                        assertThat(group).extracting(SearchHit::id).doesNotHaveDuplicates().hasSize(GROUP);
                        assertThat(group).extracting(h -> String.valueOf(h.metadata().get("generation")))
                                .as("generations seen in one search").containsOnly(
                                        String.valueOf(group.get(0).metadata().get("generation")));
                        generationsSeen.add(String.valueOf(group.get(0).metadata().get("generation")));
                        searches.incrementAndGet();
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }
            }));
        }
        for (int w = 0; w < 2; w++) {
            int writer = w;
            futures.add(pool.submit(() -> {
                Random random = new Random(200 + writer);
                await(start);
                try {
                    for (int i = 0; i < 15; i++) {
                        int from = 1000 * (writer + 1) + i * 20;
                        table.upsert(rows(from, from + 20, random), List.of("vector"));
                        table.delete(List.of("id-" + (from + 5)));
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        futures.add(pool.submit(() -> {
            Random random = new Random(300);
            await(start);
            try {
                for (int g = 1; g <= 15; g++) {
                    table.upsert(generation(g, random), List.of("vector"));
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        }));
        start.countDown();
        for (int writer = 4; writer < 7; writer++) {
            futures.get(writer).get(2, TimeUnit.MINUTES);
        }
        writing.set(false);
        for (Future<?> f : futures) {
            f.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(failures).isEmpty();
        assertThat(searches.get()).isGreaterThan(10);
        assertThat(generationsSeen).as("the searches overlapped the rewrites").hasSizeGreaterThan(1);
        assertThat(table.countRows()).isEqualTo(500 + 2 * 15 * 19 + GROUP);
        database.close();
        allocator.close(); // fails the test on any leaked Arrow buffer
    }

    private static List<Row> rows(int from, int to, Random random) {
        List<Row> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(Row.of("id-" + i, "text " + i, Map.of("batch", from), "vector", vector(random)));
        }
        return rows;
    }

    /** The group's {@value #GROUP} rows, all stamped with generation {@code g}: written by one upsert. */
    private static List<Row> generation(int g, Random random) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < GROUP; i++) {
            rows.add(Row.of("grp-" + i, "group row " + i, Map.of("batch", -1, "group", "g", "generation", g),
                    "vector", vector(random)));
        }
        return rows;
    }

    private static float[] vector(Random random) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
