package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/**
 * Explicit index builds race the automatic policy's background builds, user writes and another database instance's
 * builds on the same table (commits Lance can only order by failing one: "CreateIndex transaction was preempted …
 * Please retry"). Every call succeeds: lost commit races are retried, never shown to the caller.
 */
class ConcurrentIndexBuildTest extends RealTableTestBase {

    private static final int DIM = 8;

    @Test
    void twenty_explicit_builds_racing_background_builds_and_writes_all_succeed() throws Exception {
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", DIM)), true);
        table.indexes().indexPolicy("vector", IndexPolicy.auto().withMinRows(500).withAnnRows(1_500)
                .withAnnIndex(VectorIndexSpec.of(VectorIndexType.IVF_FLAT)), DistanceMetric.L2);
        Random random = new Random(7);
        table.upsert(rows(0, 3_000, random), List.of("vector"));
        try (LanceDatabase otherProcess = newDatabase()) {
            LanceTable other = otherProcess.openTable("docs", List.of(VectorColumn.of("vector", DIM)), false);
            ExecutorService pool = Executors.newFixedThreadPool(5);
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int b = 0; b < 2; b++) {
                LanceTable builder = b == 0 ? table : other;
                futures.add(pool.submit(() -> {
                    await(start);
                    for (int i = 0; i < 10; i++) {
                        VectorIndexSpec spec = i % 2 == 0 ? VectorIndexSpec.exact()
                                : VectorIndexSpec.of(VectorIndexType.IVF_FLAT).withPartitions(4);
                        try {
                            VectorIndexInfo built = builder.indexes().createVectorIndex("vector", spec, DistanceMetric.L2);
                            assertThat(built.column()).isEqualTo("vector");
                        } catch (Throwable t) {
                            failures.add(t);
                        }
                    }
                }));
            }
            for (int w = 0; w < 2; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    await(start);
                    Random r = new Random(100 + writer);
                    for (int i = 0; i < 15; i++) {
                        int from = 10_000 * (writer + 1) + i * 50;
                        try {
                            (writer == 0 ? table : other).upsert(rows(from, from + 50, r), List.of("vector"));
                        } catch (Throwable t) {
                            failures.add(t);
                        }
                    }
                }));
            }
            futures.add(pool.submit(() -> {
                await(start);
                for (int i = 0; i < 5; i++) {
                    try {
                        other.indexes().optimizeVectorIndexes();
                        table.compactAndCleanUp(null, 4);
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }
            }));
            start.countDown();
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertThat(failures).isEmpty();
            table.refresh();
            assertThat(table.countRows()).isEqualTo(3_000 + 2 * 15 * 50);
            assertThat(table.indexes().vectorIndex("vector")).isPresent();
            assertThat(table.search(SearchQuery.nearest("vector", new float[DIM]).limit(5).build(),
                    DistanceMetric.L2)).hasSize(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Row> rows(int from, int to, Random random) {
        List<Row> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            float[] v = new float[DIM];
            for (int k = 0; k < DIM; k++) {
                v[k] = random.nextFloat();
            }
            rows.add(Row.of("id-" + i, "t" + i, Map.of("i", i), "vector", v));
        }
        return rows;
    }
}
