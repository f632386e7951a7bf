package io.github.lancedb4j.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A writer in a child JVM, for crash and multi-process tests: writes batches of 10 rows tagged with their batch
 * number and prints {@code ACK <batch>} once a batch is durable. Modes: {@code groupcommit} (4 threads), {@code
 * compact} (writes while running maintenance in a loop), {@code index} (writes while rebuilding an index in a loop),
 * {@code buffer} (through a write buffer; ACK after each flush), {@code steady} (one thread, maintenance every 5
 * writes, stops after {@code args[3]} batches).
 */
public final class WriterProcess {

    static final int BATCH = 10;

    public static void main(String[] args) throws Exception {
        String dir = args[0];
        String mode = args[1];
        String prefix = args[2];
        int limit = args.length > 3 ? Integer.parseInt(args[3]) : Integer.MAX_VALUE;
        try (LanceDatabase db = LanceDatabase.builder().uri(dir)
                .maintenance(Maintenance.DEFAULTS.withEveryWrites(5).withVersionRetention(Duration.ofSeconds(2)))
                .build()) {
            LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 8)), true);
            table.indexes().indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.L2);
            AtomicInteger next = new AtomicInteger();
            switch (mode) {
                case "groupcommit" -> {
                    List<Thread> threads = new ArrayList<>();
                    for (int t = 0; t < 4; t++) {
                        Thread thread = new Thread(() -> writeLoop(table, prefix, next, limit));
                        thread.start();
                        threads.add(thread);
                    }
                    for (Thread t : threads) {
                        t.join();
                    }
                }
                case "compact" -> {
                    Thread writer = new Thread(() -> writeLoop(table, prefix, next, limit));
                    writer.start();
                    while (writer.isAlive()) {
                        table.runMaintenance();
                    }
                }
                case "index" -> {
                    writeLoop(table, prefix, next, 30);
                    Thread writer = new Thread(() -> writeLoop(table, prefix, next, limit));
                    writer.start();
                    while (writer.isAlive()) {
                        table.indexes().createVectorIndex("vector", VectorIndexSpec.of(VectorIndexType.IVF_FLAT).withPartitions(4),
                                DistanceMetric.L2);
                    }
                }
                case "buffer" -> {
                    try (WriteBuffer buffer = table.writeBuffer(WriteBuffer.Settings.DEFAULTS.withMaxRows(50)
                            .withMaxDelay(Duration.ofMillis(50)))) {
                        for (int b = 0; b < limit; b++) {
                            buffer.upsert(batch(prefix, b), List.of("vector"));
                            if (b % 7 == 6) {
                                buffer.flush();
                                System.out.println("ACK " + b); // every batch up to b is durable
                            }
                        }
                    }
                }
                case "steady" -> writeLoop(table, prefix, next, limit);
                default -> throw new IllegalArgumentException(mode);
            }
        }
        System.out.println("DONE");
        System.exit(0);
    }

    private static void writeLoop(LanceTable table, String prefix, AtomicInteger next, int limit) {
        int b;
        while ((b = next.getAndIncrement()) < limit) {
            table.upsert(batch(prefix, b), List.of("vector"));
            synchronized (System.out) {
                System.out.println("ACK " + b);
            }
        }
    }

    static List<Row> batch(String prefix, int b) {
        Random random = new Random(b);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            float[] v = new float[8];
            for (int k = 0; k < v.length; k++) {
                v[k] = random.nextFloat();
            }
            rows.add(Row.of(prefix + "-" + b + "-" + i, "t", Map.of("batch", prefix + "-" + b), "vector", v));
        }
        return rows;
    }
}
