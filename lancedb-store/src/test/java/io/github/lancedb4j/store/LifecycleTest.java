package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** Opening, failing and closing never leak a handle or Arrow memory, and closing never frees memory under a call. */
class LifecycleTest extends RealTableTestBase {

    @Test
    void a_vector_column_that_cannot_be_added_leaves_the_table_usable() {
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
        table.upsert(List.of(Row.of("a", "t", Map.of("year", 2024L), "vector", new float[] {1, 0})), List.of("vector"));
        table.ensureMetadataColumn(MetadataColumn.of("year", MetadataColumn.Kind.LONG));
        // "meta_year" exists as a typed metadata column: Lance refuses a second column of that name.
        assertThatThrownBy(() -> table.ensureVectorColumn(VectorColumn.of("meta_year", 2)))
                .isInstanceOf(LanceStoreException.class).hasMessageContaining("docs");
        assertThat(table.countRows()).isEqualTo(1);
        assertThat(table.vectorColumns()).containsOnlyKeys("vector");
        table.upsert(List.of(Row.of("b", "t", Map.of(), "vector", new float[] {0, 1})), List.of("vector"));
        assertThat(table.countRows()).isEqualTo(2);
        // the leak check of RealTableTestBase runs after this test
    }

    @Test
    void closing_from_many_threads_at_once_closes_once() throws Exception {
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
        table.upsert(List.of(Row.of("a", "t", Map.of(), "vector", new float[] {1, 0})), List.of("vector"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> closes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            closes.add(pool.submit(() -> {
                start.await();
                table.close();
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : closes) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThatThrownBy(() -> table.countRows()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> table.upsert(List.of(Row.of("b", "t", Map.of(), "vector", new float[] {0, 1})),
                List.of("vector"))).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        // A new table object over the same data opens fine.
        assertThat(db.openTable("docs", List.of(), false).countRows()).isEqualTo(1);
    }

    @Test
    void a_write_that_commits_after_its_table_closed_releases_its_handle() throws Exception {
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
        List<Row> many = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            many.add(Row.of("id-" + i, "t", Map.of("i", i), "vector", new float[] {1, i}));
        }
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> table.upsert(many, List.of("vector")));
        Thread.sleep(20);
        table.close();
        try {
            write.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
        }
        // Whether it committed or not, nothing is held: the leak check after this test closes the allocator.
        assertThat(newTableCount()).isIn(0L, 20_000L);
    }

    @Test
    void closing_a_database_during_an_index_build_frees_its_memory_only_when_the_build_ends() throws Exception {
        RootAllocator own = new RootAllocator();
        LanceDatabase database = LanceDatabase.builder().uri(dir.resolve("build").toString()).allocator(own)
                .closeWait(Duration.ofMillis(50)).build();
        LanceTable table = database.openTable("docs", List.of(VectorColumn.of("vector", 64)), true);
        table.indexes().indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.L2);
        Random random = new Random(3);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            float[] v = new float[64];
            for (int k = 0; k < v.length; k++) {
                v[k] = random.nextFloat();
            }
            rows.add(Row.of("id-" + i, null, null, "vector", v));
        }
        table.append(rows);
        CompletableFuture<Object> build = CompletableFuture.supplyAsync(() -> {
            try {
                return table.indexes().createVectorIndex("vector", VectorIndexSpec.of(VectorIndexType.IVF_PQ), DistanceMetric.L2);
            } catch (RuntimeException e) {
                return e;
            }
        });
        Thread.sleep(300);
        database.close(); // returns after 50 ms; the build keeps its memory
        Object outcome = build.get(5, TimeUnit.MINUTES);
        if (outcome instanceof RuntimeException e) {
            // The build's later steps are refused once the database is closed: said clearly, nothing crashes.
            assertThat(e).hasMessageContaining("closed");
        }
        assertThat(own.getAllocatedMemory()).isZero();
        own.close();
    }

    private long newTableCount() {
        try (LanceDatabase again = newDatabase()) {
            return again.openTable("docs", List.of(), false).countRows();
        }
    }
}
