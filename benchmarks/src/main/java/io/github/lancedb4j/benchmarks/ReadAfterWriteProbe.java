package io.github.lancedb4j.benchmarks;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.ReadConsistency;
import io.github.lancedb4j.store.Row;
import io.github.lancedb4j.store.SearchHit;
import io.github.lancedb4j.store.SearchQuery;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.filter.MetadataFilter;
import io.github.lancedb4j.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Read-after-write delay between replicas on one table, on a local disk and on {@code s3://} (S3Proxy on
 * 127.0.0.1): one database commits 10-row batches at irregular intervals (1.0–1.7 s); reader databases — one per read consistency, each with its own
 * session and snapshot like a separate replica — search in a loop for the newest batch (k = 10, filtered on the
 * batch) and note when each batch first appears. Delay = first search that finds the batch − the writer's
 * acknowledgement. Also the readers' search latency, which for strong consistency includes the version check.
 *
 * <p>{@code benchmarks/run probe ReadAfterWriteProbe [commits] [local|s3|both]} (default 30 both).
 */
public final class ReadAfterWriteProbe {

    private static final int DIM = 64;
    private static final int BATCH = 10;
    private static final List<VectorColumn> COLUMNS = List.of(VectorColumn.of("vector", DIM));

    public static void main(String[] args) throws Exception {
        int commits = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String where = args.length > 1 ? args[1] : "both";
        System.out.printf("Read-after-write probe: %d commits of %d rows (%d-d), cores=%d, date=%s%n%n", commits, BATCH,
                DIM, Runtime.getRuntime().availableProcessors(), java.time.Instant.now());
        if (!where.equals("s3")) {
            Path dir = Files.createTempDirectory("read-after-write");
            run("local disk", dir.resolve("db").toString(), Map.of(), commits);
        }
        if (!where.equals("local")) {
            try (S3ProxyServer s3 = S3ProxyServer.start()) {
                run("s3:// (S3Proxy on 127.0.0.1)", s3.uri(s3.createBucket("probe"), "db"), s3.storageOptions(), commits);
            }
        }
    }

    private static void run(String label, String uri, Map<String, String> storage, int commits) throws Exception {
        try (LanceDatabase setup = LanceDatabase.connect(uri, storage)) {
            LanceTable table = setup.openTable("docs", COLUMNS, true);
            table.indexes().indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.L2);
            for (int b = 0; b < 10; b++) {
                table.append(batch("seed", b));
            }
        }
        List<Reader> readers = new ArrayList<>();
        // The default (1 s locally, 5 s on object storage) once, even where it equals another case.
        for (ReadConsistency rc : new LinkedHashSet<>(List.of(ReadConsistency.strong(),
                ReadConsistency.eventual(Duration.ofMillis(250)), ReadConsistency.eventual(Duration.ofSeconds(1)),
                ReadConsistency.defaultFor(uri)))) {
            readers.add(new Reader(LanceDatabase.builder().uri(uri).storageOptions(storage).readConsistency(rc)
                    .build(), commits));
        }
        long[] acked = new long[commits];
        Latencies commitTimes = new Latencies(commits);
        try (LanceDatabase writerDb = LanceDatabase.connect(uri, storage)) {
            LanceTable writer = writerDb.openTable("docs", COLUMNS, false);
            writer.indexes().indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.L2);
            readers.forEach(Reader::start);
            Random random = new Random(7);
            for (int b = 0; b < commits; b++) {
                Thread.sleep(1_000 + random.nextInt(700));
                long t0 = System.nanoTime();
                writer.upsert(batch("w", b), List.of("vector"));
                acked[b] = System.nanoTime();
                commitTimes.add(acked[b] - t0);
            }
            for (Reader r : readers) {
                r.thread.join(30_000);
            }
        }
        System.out.printf("%s: writer's upsert p50 %.0f ms, p95 %.0f ms%n%n", label, commitTimes.percentileMs(50),
                commitTimes.percentileMs(95));
        System.out.println("| reader's read consistency | batches seen | delay p50 ms | p95 ms | max ms "
                + "| search p50 ms | search p99 ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Reader r : readers) {
            r.stop = true;
            r.thread.join(10_000);
            long[] delays = new long[commits];
            int seen = 0;
            for (int b = 0; b < commits; b++) {
                if (r.seenAt[b] != 0) {
                    delays[seen++] = r.seenAt[b] - acked[b];
                }
            }
            long[] sorted = Arrays.copyOf(delays, seen);
            Arrays.sort(sorted);
            System.out.printf("| %s | %d / %d | %.0f | %.0f | %.0f | %.2f | %.2f |%n", r.db.readConsistency(), seen,
                    commits, pct(sorted, 50), pct(sorted, 95), pct(sorted, 100), r.searches.percentileMs(50),
                    r.searches.percentileMs(99));
            r.db.close();
        }
        System.out.println();
    }

    private static double pct(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    private static List<Row> batch(String prefix, int b) {
        Random random = new Random(prefix.hashCode() * 31L + b);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            rows.add(Row.of(prefix + "-" + b + "-" + i, "text " + i, Map.of("batch", prefix + "-" + b), "vector",
                    vector(random)));
        }
        return rows;
    }

    private static float[] vector(Random random) {
        float[] v = new float[DIM];
        for (int k = 0; k < DIM; k++) {
            v[k] = random.nextFloat();
        }
        return v;
    }

    /** A replica that searches for the next batch in a loop and records when it first finds it. */
    private static final class Reader {
        final LanceDatabase db;
        final LanceTable table;
        final long[] seenAt;
        final Latencies searches = new Latencies(2_000_000);
        final Thread thread;
        volatile boolean stop;

        Reader(LanceDatabase db, int commits) {
            this.db = db;
            this.table = db.openTable("docs", COLUMNS, false);
            this.seenAt = new long[commits];
            this.thread = new Thread(this::run, "reader-" + db.readConsistency());
        }

        void start() {
            thread.start();
        }

        private void run() {
            Random random = new Random(3);
            int next = 0;
            while (next < seenAt.length && !stop) {
                long t0 = System.nanoTime();
                List<SearchHit> hits = table.search(SearchQuery.nearest("vector", vector(random)).limit(10)
                        .filter(new MetadataFilter.Comparison("batch", MetadataFilter.Comparison.Operator.EQUAL,
                                "w-" + next)).build(), DistanceMetric.L2);
                long t1 = System.nanoTime();
                if (searches.count() < 2_000_000) {
                    searches.add(t1 - t0);
                }
                if (!hits.isEmpty()) {
                    seenAt[next++] = t1;
                    continue;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
