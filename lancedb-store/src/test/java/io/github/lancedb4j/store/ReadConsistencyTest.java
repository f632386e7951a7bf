package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Two databases over one directory behave like two processes: what one commits, the other's searches see — by
 * default within the default interval, on every read with strong consistency, on refresh() only with manual — and
 * checking for newer versions never makes a search wait for a write.
 */
class ReadConsistencyTest extends RealTableTestBase {

    private static final List<VectorColumn> COLUMNS = List.of(VectorColumn.of("vector", 3));

    @Test
    void another_database_sees_adds_and_removals_by_default() throws Exception {
        LanceTable writer = db.openTable("docs", COLUMNS, true);
        try (LanceDatabase other = newDatabase()) {
            assertThat(other.readConsistency()).isEqualTo(ReadConsistency.eventual(ReadConsistency.LOCAL_DEFAULT));
            LanceTable reader = other.openTable("docs", COLUMNS, false);
            assertThat(reader.countRows()).isZero();

            writer.upsert(List.of(row("a"), row("b")), List.of("vector"));
            long seenAfter = awaitMillis(() -> reader.countRows() == 2, Duration.ofSeconds(10));
            assertThat(reader.search(query(), DistanceMetric.COSINE)).extracting(SearchHit::id)
                    .containsExactlyInAnyOrder("a", "b");

            writer.delete(List.of("a"));
            awaitMillis(() -> reader.countRows() == 1, Duration.ofSeconds(10));
            assertThat(reader.search(query(), DistanceMetric.COSINE)).extracting(SearchHit::id).containsExactly("b");
            // Seen by the background check, not by luck of timing: one interval, plus a check's own time.
            assertThat(seenAfter).isLessThan(ReadConsistency.LOCAL_DEFAULT.toMillis() * 5);
        }
    }

    @Test
    void strong_consistency_sees_every_commit_on_the_next_read() {
        LanceTable writer = db.openTable("docs", COLUMNS, true);
        try (LanceDatabase other = LanceDatabase.builder().uri(dir.toString()).allocator(allocator)
                .readConsistency(ReadConsistency.strong()).build()) {
            LanceTable reader = other.openTable("docs", COLUMNS, false);
            for (int i = 0; i < 5; i++) {
                writer.upsert(List.of(row("id-" + i)), List.of("vector"));
                assertThat(reader.countRows()).isEqualTo(i + 1);
            }
            writer.deleteAll();
            assertThat(reader.search(query(), DistanceMetric.COSINE)).isEmpty();
        }
    }

    @Test
    void manual_consistency_moves_only_on_refresh() throws Exception {
        LanceTable writer = db.openTable("docs", COLUMNS, true);
        try (LanceDatabase other = LanceDatabase.builder().uri(dir.toString()).allocator(allocator)
                .readConsistency(ReadConsistency.manual()).build()) {
            LanceTable reader = other.openTable("docs", COLUMNS, false);
            writer.upsert(List.of(row("a")), List.of("vector"));
            Thread.sleep(ReadConsistency.LOCAL_DEFAULT.toMillis() * 2);
            assertThat(reader.countRows()).isZero();
            assertThat(reader.refresh()).isTrue();
            assertThat(reader.countRows()).isEqualTo(1);
            assertThat(reader.refresh()).isFalse();
        }
    }

    @Test
    void reads_and_refreshes_never_wait_for_a_write_in_progress() throws Exception {
        try (LanceDatabase strongDb = LanceDatabase.builder().uri(dir.toString()).allocator(allocator)
                .readConsistency(ReadConsistency.strong()).build()) {
            LanceTable table = strongDb.openTable("docs", COLUMNS, true);
            LanceTable otherProcess = db.openTable("docs", COLUMNS, false);
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> table.writer().whileHoldingWriteLock(() -> {
                held.countDown();
                await(release);
            }));
            try {
                assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
                otherProcess.upsert(List.of(row("from-elsewhere")), List.of("vector"));
                // The strong read checks for the new version and searches it while this process's writer is busy.
                List<SearchHit> hits = CompletableFuture.supplyAsync(() -> table.search(query(), DistanceMetric.COSINE))
                        .get(20, TimeUnit.SECONDS);
                assertThat(hits).extracting(SearchHit::id).containsExactly("from-elsewhere");
                assertThat(CompletableFuture.supplyAsync(table::refresh).get(20, TimeUnit.SECONDS)).isFalse();
                assertThat(table.writer().isWriting()).isTrue();
            } finally {
                release.countDown();
                writing.get(20, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void an_eventual_table_checks_once_per_interval_not_once_per_search() throws Exception {
        Duration interval = Duration.ofMillis(300);
        try (LanceDatabase eventual = LanceDatabase.builder().uri(dir.toString()).allocator(allocator)
                .readConsistency(ReadConsistency.eventual(interval)).build()) {
            LanceTable table = eventual.openTable("docs", COLUMNS, true);
            table.upsert(List.of(row("a")), List.of("vector"));
            long checksBefore = table.snapshots().versionChecks();
            long start = System.nanoTime();
            int searches = 0;
            while (System.nanoTime() - start < Duration.ofMillis(1500).toNanos()) {
                assertThat(table.search(query(), DistanceMetric.COSINE)).hasSize(1);
                searches++;
            }
            long checks = table.snapshots().versionChecks() - checksBefore;
            assertThat(searches).isGreaterThan(50);
            // 1.5 s / 300 ms = 5 background checks (plus slack for scheduling), whatever the number of searches.
            assertThat(checks).isBetween(1L, 8L);
        }
    }

    @Test
    void read_consistency_parses_from_configuration_text() {
        assertThat(ReadConsistency.valueOf("strong")).isEqualTo(ReadConsistency.strong());
        assertThat(ReadConsistency.valueOf("0s")).matches(ReadConsistency::isStrong);
        assertThat(ReadConsistency.valueOf("never")).isEqualTo(ReadConsistency.manual());
        assertThat(ReadConsistency.valueOf("manual").isManual()).isTrue();
        assertThat(ReadConsistency.valueOf("500ms")).isEqualTo(ReadConsistency.eventual(Duration.ofMillis(500)));
        assertThat(ReadConsistency.valueOf("2s")).isEqualTo(ReadConsistency.eventual(Duration.ofSeconds(2)));
        assertThat(ReadConsistency.valueOf("PT1M")).isEqualTo(ReadConsistency.eventual(Duration.ofMinutes(1)));
        assertThat(ReadConsistency.defaultFor("s3://bucket/db").interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ReadConsistency.defaultFor(dir.toString()).interval()).isEqualTo(Duration.ofSeconds(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReadConsistency.valueOf("soon"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strong, manual");
    }

    private static long awaitMillis(BooleanSupplier condition, Duration max) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > max.toNanos()) {
                throw new AssertionError("condition not met within " + max);
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SearchQuery query() {
        return SearchQuery.nearest("vector", new float[] {1, 0, 0}).limit(10).build();
    }

    private static Row row(String id) {
        return Row.of(id, "text " + id, Map.of("id", id), "vector", new float[] {1, 0.5f, 0});
    }
}
