package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Concurrent writes share commits; each caller still returns only when its own rows are committed, gets only its own
 * errors, and the last write of an id wins across callers.
 */
class GroupCommitTest extends RealTableTestBase {

    private static final List<String> VECTOR = List.of("vector");

    @Test
    void sixteen_threads_of_single_row_writes_share_commits_and_every_row_is_durable_on_return() throws Exception {
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    String id = "t" + thread + "-" + i;
                    if (i % 2 == 0) {
                        table.upsert(List.of(row(id, i)), VECTOR);
                    } else {
                        table.append(List.of(row(id, i)));
                    }
                    acknowledged.add(id);
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        long writes = table.groupCommit().writesCommitted();
        long commits = table.groupCommit().commits();
        assertThat(writes).isEqualTo(16 * 40);
        assertThat(commits).as("commits for %d writes", writes).isLessThan(writes);
        try (LanceDatabase other = newDatabase()) {
            // Durable: another database (another process) sees every acknowledged row.
            LanceTable reader = other.openTable("docs", List.of(), false);
            assertThat(reader.countRows()).isEqualTo(acknowledged.size());
        }
    }

    @Test
    void a_bad_write_fails_alone_when_it_shares_a_commit() throws Exception {
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> table.writer().whileHoldingWriteLock(() -> {
            held.countDown();
            await(release);
        }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 6; i++) {
            int n = i;
            writes.add(CompletableFuture.runAsync(() -> table.upsert(List.of(n == 3
                    ? Row.of("bad", "t", Map.of(), "vector", new float[] {1, 2, 3}) // wrong dimension
                    : row("ok-" + n, n)), VECTOR)));
        }
        awaitTrue(() -> table.groupCommit().queued() == 6);
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 6; i++) {
            if (i == 3) {
                CompletableFuture<Void> bad = writes.get(i);
                assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(
                        IllegalArgumentException.class).hasMessageContaining("dimension");
            } else {
                writes.get(i).get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(table.find(null, 100)).extracting(StoredRow::id).containsExactlyInAnyOrder("ok-0", "ok-1", "ok-2",
                "ok-4", "ok-5");
        assertThat(table.groupCommit().commits()).isEqualTo(1); // the five good writes shared one commit
    }

    @Test
    void the_last_write_of_an_id_wins_across_callers() throws Exception {
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
        table.upsert(List.of(row("kept", 0), row("gone", 0)), VECTOR);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> table.writer().whileHoldingWriteLock(() -> {
            held.countDown();
            await(release);
        }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        writes.add(CompletableFuture.runAsync(() -> table.upsert(List.of(row("kept", 1)), VECTOR)));
        awaitTrue(() -> table.groupCommit().queued() == 1);
        writes.add(CompletableFuture.runAsync(() -> table.upsert(List.of(row("kept", 2)), VECTOR)));
        awaitTrue(() -> table.groupCommit().queued() == 2);
        writes.add(CompletableFuture.runAsync(() -> table.upsert(List.of(row("gone", 5)), VECTOR)));
        awaitTrue(() -> table.groupCommit().queued() == 3);
        writes.add(CompletableFuture.runAsync(() -> table.delete(List.of("gone"))));
        awaitTrue(() -> table.groupCommit().queued() == 4);
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Void> w : writes) {
            w.get(30, TimeUnit.SECONDS);
        }
        List<StoredRow> rows = table.find(null, 10);
        assertThat(rows).extracting(StoredRow::id).containsExactly("kept");
        assertThat(((Number) rows.get(0).metadata().get("n")).intValue()).isEqualTo(2);
    }

    private static Row row(String id, int n) {
        return Row.of(id, "text " + id, Map.of("n", n), "vector", new float[] {1, n});
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
