package io.github.lancedb4j.benchmarks;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.ReadConsistency;
import io.github.lancedb4j.store.Row;
import io.github.lancedb4j.store.SearchQuery;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.VectorIndexSpec;
import java.io.IOException;
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
 * Search latency under a 4-writer load, for each read consistency: do searches get slower when the table checks for
 * other processes' commits? Four threads upsert 10-row batches continuously — through the reader's own table (this
 * process) or through a second database on the same directory (another process) — while one thread searches. The
 * cases take turns in short rounds, so that the load of a shared machine falls on all of them alike.
 *
 * <p>{@code benchmarks/run probe ReadConsistencyProbe [rows] [dim] [seconds per case]} (default 20000 128 15);
 * {@code JAVA_OPTS=-Dprobe.only="other/eventual(PT1S)"} runs one case.
 */
public final class ReadConsistencyProbe {

    private static final int ROUND_SECONDS = 3;

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        Path base = Files.createTempDirectory("consistency-probe");
        try (LanceDatabase setup = LanceDatabase.builder().uri(base.toString())
                .readConsistency(ReadConsistency.manual()).versionRetention(null).build()) {
            LanceTable t = setup.openTable("docs", List.of(VectorColumn.of("vector", dim)), true);
            t.indexes().indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.COSINE);
            t.append(rows(0, rows, dim, new Random(1)));
            t.indexes().createVectorIndex("vector", VectorIndexSpec.exact(), DistanceMetric.COSINE);
        }
        List<Case> cases = new ArrayList<>();
        String only = System.getProperty("probe.only", "");
        for (boolean otherProcess : new boolean[] {false, true}) {
            for (ReadConsistency rc : List.of(ReadConsistency.manual(), ReadConsistency.eventual(Duration.ofSeconds(1)),
                    ReadConsistency.eventual(Duration.ofMillis(100)), ReadConsistency.strong())) {
                Case c = new Case(otherProcess, rc, base.resolveSibling(base.getFileName() + "-case" + cases.size()));
                if (only.isEmpty() || only.equals(c.label())) {
                    copy(base, c.dir); // each case its own copy: writes add fragments and unindexed rows
                    cases.add(c);
                }
            }
        }
        int rounds = Math.max(1, seconds / ROUND_SECONDS);
        for (int round = 0; round < rounds; round++) {
            for (Case c : cases) {
                c.runRound(dim, round);
            }
        }
        System.out.printf("Read-consistency probe: %d x %d, exact index, 4 writers upserting 10 rows each in a loop; "
                + "%d rounds of %d s per case, cases taking turns; %d cores%n", rows, dim, rounds, ROUND_SECONDS,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| writers | read consistency | searches | p50 ms | p99 ms | writes | versions seen |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Case c : cases) {
            long[] sorted = c.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("| %s | %s | %d | %.2f | %.2f | %d | %d |%n", c.otherProcess ? "4, other process"
                    : "4, same table", c.consistency, sorted.length, sorted[sorted.length / 2] / 1e6,
                    sorted[(int) (sorted.length * 0.99)] / 1e6, c.writes, c.versionsSeen);
        }
    }

    /** One configuration: its own table copy, and its measurements over all rounds. */
    private static final class Case {
        final boolean otherProcess;
        final ReadConsistency consistency;
        final Path dir;
        final List<Long> latencies = new ArrayList<>();
        long writes;
        long versionsSeen;

        Case(boolean otherProcess, ReadConsistency consistency, Path dir) {
            this.otherProcess = otherProcess;
            this.consistency = consistency;
            this.dir = dir;
        }

        String label() {
            return (otherProcess ? "other" : "same") + "/" + consistency;
        }

        void runRound(int dim, int round) throws Exception {
            try (LanceDatabase readerDb = LanceDatabase.builder().uri(dir.toString()).readConsistency(consistency)
                    .versionRetention(null).build();
                    LanceDatabase writerDb = LanceDatabase.builder().uri(dir.toString())
                            .readConsistency(ReadConsistency.manual()).versionRetention(null).build()) {
                LanceTable reader = readerDb.openTable("docs", List.of(), false);
                reader.indexes().indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.COSINE);
                LanceTable target = otherProcess ? writerDb.openTable("docs", List.of(), false) : reader;
                target.indexes().indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.COSINE);
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicLong writeCount = new AtomicLong();
                List<Thread> writers = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    int seed = 100 * round + w;
                    Thread thread = new Thread(() -> {
                        Random r = new Random(seed);
                        while (running.get()) {
                            int from = 1_000_000 * (seed % 4 + 1) + r.nextInt(100_000);
                            target.upsert(rows(from, from + 10, dim, r), List.of("vector"));
                            writeCount.incrementAndGet();
                        }
                    });
                    thread.start();
                    writers.add(thread);
                }
                Random q = new Random(round);
                long startVersion = reader.version();
                long end = System.nanoTime() + Duration.ofSeconds(ROUND_SECONDS).toNanos();
                while (System.nanoTime() < end) {
                    float[] v = vector(dim, q);
                    long s = System.nanoTime();
                    reader.search(SearchQuery.nearest("vector", v).limit(10).build(), DistanceMetric.COSINE);
                    latencies.add(System.nanoTime() - s);
                }
                versionsSeen += reader.version() - startVersion;
                running.set(false);
                for (Thread t : writers) {
                    t.join();
                }
                writes += writeCount.get();
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static List<Row> rows(int from, int to, int dim, Random random) {
        List<Row> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(Row.of("id-" + i, "text " + i, Map.of("i", i), "vector", vector(dim, random)));
        }
        return out;
    }

    private static float[] vector(int dim, Random random) {
        float[] v = new float[dim];
        for (int k = 0; k < dim; k++) {
            v[k] = (float) random.nextGaussian();
        }
        return v;
    }
}
