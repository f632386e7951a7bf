package io.github.lancedb4j.benchmarks;

import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.Row;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.WriteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Write throughput: 1, 4 and 16 threads adding 1-row and 100-row batches (upserts on id), each thread waiting for its
 * commit — and the same through a write buffer — plus one-thread 10,000-row addAll. Rows per second and table versions
 * created (one per commit). Each case runs on a fresh table for {@code seconds}.
 *
 * <p>{@code benchmarks/run probe WriteThroughputProbe [dim] [seconds]} (default 384 10).
 */
public final class WriteThroughputProbe {

    public static void main(String[] args) throws Exception {
        int dim = args.length > 0 ? Integer.parseInt(args[0]) : 384;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.out.printf("Write throughput: %d-d vectors, upserts of new ids, %d s per case, %d cores%n", dim, seconds,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| path | threads | rows per call | rows/s | versions created | rows per version |");
        System.out.println("|---|---|---|---|---|---|");
        String only = System.getProperty("probe.only", "");
        for (boolean buffered : new boolean[] {false, true}) {
            for (int threads : new int[] {1, 4, 16}) {
                for (int batch : new int[] {1, 100}) {
                    if (only.isEmpty() || only.equals((buffered ? "buffer" : "direct") + "/" + threads + "/" + batch)) {
                        run(dim, seconds, threads, batch, buffered);
                    }
                }
            }
        }
        run(dim, seconds, 1, 10_000, false);
    }

    private static void run(int dim, int seconds, int threads, int batch, boolean buffered) throws Exception {
        Path dir = Files.createTempDirectory("writes-");
        try (LanceDatabase db = LanceDatabase.builder().uri(dir.toString()).build()) {
            LanceTable table = db.openTable("t", List.of(VectorColumn.of("vector", dim)), true);
            table.indexes().indexPolicy("vector", IndexPolicy.none(), DistanceMetric.COSINE);
            if (Boolean.getBoolean("probe.idIndex")) {
                table.<Void>withDataset(ds -> {
                    ds.createIndex(org.lance.index.IndexOptions.builder(List.of("id"), org.lance.index.IndexType.BTREE,
                            org.lance.index.IndexParams.builder().setScalarIndexParams(
                                    org.lance.index.scalar.ScalarIndexParams.create("btree")).build())
                            .withIndexName("id_idx").build());
                    return null;
                });
            }
            WriteBuffer buffer = buffered ? table.writeBuffer(WriteBuffer.Settings.DEFAULTS) : null;
            long startVersion = table.version();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong rows = new AtomicLong();
            List<Thread> workers = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread w = new Thread(() -> {
                    Random random = new Random(thread);
                    long n = 0;
                    while (running.get()) {
                        List<Row> rowsOut = new ArrayList<>(batch);
                        for (int i = 0; i < batch; i++) {
                            float[] v = new float[dim];
                            for (int k = 0; k < dim; k++) {
                                v[k] = random.nextFloat();
                            }
                            rowsOut.add(Row.of("t" + thread + "-" + n++, "chunk text " + n, Map.of("thread", thread),
                                    "vector", v));
                        }
                        if (buffer != null) {
                            buffer.upsert(rowsOut, List.of("vector"));
                        } else {
                            table.upsert(rowsOut, List.of("vector"));
                        }
                        rows.addAndGet(batch);
                    }
                });
                w.start();
                workers.add(w);
            }
            Thread.sleep(Duration.ofSeconds(seconds).toMillis());
            running.set(false);
            for (Thread w : workers) {
                w.join();
            }
            if (buffer != null) {
                buffer.close(); // rows count once committed
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            table.refresh();
            long versions = table.version() - startVersion;
            System.out.printf("| %s | %d | %d | %,.0f | %d | %.1f |%n", buffered ? "write buffer" : "direct",
                    threads, batch, rows.get() / elapsed, versions, rows.get() / (double) Math.max(1, versions));
        }
    }
}
