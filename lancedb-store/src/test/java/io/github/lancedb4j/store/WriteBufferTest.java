package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lancedb4j.testing.S3ProxyServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Fire-and-forget writes: queued, committed in batches, flushed on demand and on close, never lost while alive. */
class WriteBufferTest extends RealTableTestBase {

    private static final List<String> VECTOR = List.of("vector");

    @Test
    void sixteen_threads_of_single_row_adds_become_a_few_commits() throws Exception {
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
        try (WriteBuffer buffer = table.writeBuffer(WriteBuffer.Settings.DEFAULTS.withMaxRows(500))) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        buffer.upsert(List.of(row("t" + thread + "-" + i, i)), VECTOR);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();
            buffer.flush();
            try (LanceDatabase other = newDatabase()) {
                // Committed (another process sees them) and visible to this table's searches.
                assertThat(other.openTable("docs", List.of(), false).countRows()).as("rows on disk, %s",
                        buffer.stats()).isEqualTo(4_000);
            }
            assertThat(table.countRows()).as("rows this table sees, version %d", table.version()).isEqualTo(4_000);
            assertThat(buffer.stats().rowsFlushed()).isEqualTo(4_000);
            assertThat(buffer.stats().flushes()).isLessThan(100);
            assertThat(buffer.stats().queuedRows()).isZero();
        }
    }

    @Test
    void rows_are_flushed_after_max_delay_without_asking() throws Exception {
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
        try (WriteBuffer buffer = table.writeBuffer(WriteBuffer.Settings.DEFAULTS.withMaxDelay(Duration.ofMillis(200)))) {
            buffer.append(List.of(row("a", 1), row("b", 2)));
            assertThat(table.countRows()).isZero(); // queued, not committed
            await(() -> table.countRows() == 2);
        }
    }

    @Test
    void bad_rows_are_rejected_when_added_and_nothing_is_queued() {
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
        try (WriteBuffer buffer = table.writeBuffer(WriteBuffer.Settings.DEFAULTS)) {
            assertThatThrownBy(() -> buffer.upsert(List.of(Row.of("x", "t", Map.of(), "vector", new float[] {1, 2, 3})),
                    VECTOR)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
            assertThatThrownBy(() -> buffer.append(List.of(row("d", 1), row("d", 2))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
            assertThat(buffer.stats().queuedRows()).isZero();
        }
        assertThat(table.countRows()).isZero();
    }

    @Test
    void a_full_buffer_blocks_or_fails_fast_as_configured_and_close_flushes() throws Exception {
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> table.writer().whileHoldingWriteLock(() -> {
            held.countDown();
            awaitLatch(release);
        }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        WriteBuffer.Settings small = WriteBuffer.Settings.DEFAULTS.withMaxRows(2).withCapacityRows(4);
        WriteBuffer failing = table.writeBuffer(small.withWhenFull(WriteBuffer.WhenFull.FAIL));
        WriteBuffer blocking = table.writeBuffer(small);
        for (int i = 0; i < 4; i++) {
            failing.upsert(List.of(row("f" + i, i)), VECTOR);
            blocking.upsert(List.of(row("b" + i, i)), VECTOR);
        }
        // The writer is busy: both buffers hold 4 rows, their capacity.
        assertThatThrownBy(() -> failing.upsert(List.of(row("f4", 4)), VECTOR))
                .isInstanceOf(WriteBuffer.FullException.class).hasMessageContaining("capacity 4");
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> blocking.upsert(List.of(row("b4", 4)), VECTOR));
        Thread.sleep(300);
        assertThat(blocked).isNotDone();
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        blocked.get(30, TimeUnit.SECONDS);
        failing.close();
        blocking.close();
        assertThat(table.countRows()).isEqualTo(9);
        assertThatThrownBy(() -> blocking.upsert(List.of(row("late", 0)), VECTOR))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void an_object_store_outage_during_flushes_loses_no_row_and_commits_no_partial_batch() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            String uri = s3.uri(s3.createBucket("buffer"), "db");
            java.util.Map<String, String> options = new java.util.HashMap<>(s3.storageOptions());
            options.put("connect_timeout", "1s");
            options.put("client_retry_timeout", "2");
            try (LanceDatabase database = LanceDatabase.builder().uri(uri).storageOptions(options).allocator(allocator)
                    .build()) {
                LanceTable table = database.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
                try (WriteBuffer buffer = table.writeBuffer(WriteBuffer.Settings.DEFAULTS.withMaxRows(100)
                        .withMaxDelay(Duration.ofMillis(100)))) {
                    for (int i = 0; i < 100; i++) {
                        buffer.upsert(List.of(row("before-" + i, i)), VECTOR);
                    }
                    buffer.flush();
                    s3.stop();
                    for (int i = 0; i < 300; i++) {
                        buffer.upsert(List.of(row("during-" + i, i)), VECTOR);
                    }
                    await(() -> buffer.stats().failedFlushes() > 0);
                    assertThat(buffer.stats().queuedRows()).isGreaterThan(0);
                    s3.restart();
                    buffer.flush();
                    assertThat(buffer.stats().lastFailure()).isNull();
                }
                try (LanceDatabase reopened = LanceDatabase.builder().uri(uri).storageOptions(options)
                        .allocator(allocator).build()) {
                    LanceTable again = reopened.openTable("docs", List.of(), false);
                    assertThat(again.countRows()).isEqualTo(400);
                }
            }
        }
    }

    private static Row row(String id, int n) {
        return Row.of(id, "text " + id, Map.of("n", n), "vector", new float[] {1, n});
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
