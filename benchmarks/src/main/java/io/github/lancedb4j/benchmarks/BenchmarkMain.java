package io.github.lancedb4j.benchmarks;

import io.github.lancedb4j.store.IndexPolicy;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark: for each data set, every selected system in one process and one run, on the same vectors and
 * queries — this library's LangChain4j and Spring AI stores (flat and each index type), raw lance-java,
 * LangChain4j's InMemoryEmbeddingStore, Spring AI's SimpleVectorStore, and Lucene's HNSW. Progress goes to stderr;
 * the Markdown report to stdout (and to benchmarks/results/&lt;run&gt;/), ending with a one-line summary.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    public static void main(String[] args) throws Exception {
        BenchmarkConfig c;
        try {
            c = BenchmarkConfig.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Progress.log("config " + c);
        Progress.log("load average " + loadAverage() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", max heap " + MemoryProbe.mib(MemoryProbe.maxHeapBytes()) + " MiB");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path out = Files.createDirectories(c.resultsDir().resolve(c.mode() + "-" + stamp));
        Files.createDirectories(c.workDir());
        Map<String, List<StageResult>> all = new LinkedHashMap<>();
        long runStart = System.nanoTime();
        try (MemoryProbe memory = new MemoryProbe();
                PrintStream md = new PrintStream(new FileOutputStream(out.resolve("report.md").toFile()), true,
                        StandardCharsets.UTF_8);
                PrintStream tsv = new PrintStream(new FileOutputStream(out.resolve("points.tsv").toFile()), true,
                        StandardCharsets.UTF_8);
                PrintStream filteredTsv = new PrintStream(new FileOutputStream(out.resolve("filtered.tsv").toFile()),
                        true, StandardCharsets.UTF_8)) {
            Report.tsvHeader(tsv);
            Report.filteredTsvHeader(filteredTsv);
            String header = String.format("## %s run, %s UTC%n%nCommand: `benchmarks/run %s`. Machine: %d CPUs, %s, "
                    + "JDK %s, max heap %.0f MiB.%n", c.mode(), stamp, String.join(" ", args).replace("--mode ", ""),
                    Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.runtime.version"),
                    MemoryProbe.mib(MemoryProbe.maxHeapBytes()));
            System.out.println(header);
            md.println(header);
            for (String name : c.datasets()) {
                String loadStart = loadAverage();
                long t0 = System.nanoTime();
                DataSet d = DataSets.load(name, c);
                if (c.systems().isEmpty()) {
                    continue;
                }
                List<StageResult> results = new ArrayList<>();
                for (BenchSystem s : systems(c)) {
                    results.addAll(run(c, d, s, memory));
                }
                all.put(name, results);
                Path png = out.resolve(name + ".png");
                Plot.write(png, String.format("%s (%,d x %d, %s): recall@%d vs p50 latency", name, d.size(), d.dim(),
                        d.metric, c.k()), results, c.k());
                for (PrintStream p : new PrintStream[] {System.out, md}) {
                    Report.dataset(p, c, d, results, loadStart, loadAverage(), (System.nanoTime() - t0) / 1e9,
                            c.resultsDir().getParent().getParent().relativize(png).toString());
                }
                Report.tsv(tsv, d, results);
                Report.filteredTsv(filteredTsv, d, results);
            }
            String gc = "GC: " + MemoryProbe.gcSummary() + "; total run " + String.format("%.0f s",
                    (System.nanoTime() - runStart) / 1e9);
            System.out.println(gc);
            md.println(gc);
            String summary = summaryLine(c, all);
            md.println();
            md.println(summary);
            // Everything else first: the summary must stay the last line of the output (CI reads it).
            Progress.log("results in " + out);
            System.err.flush();
            System.out.println();
            System.out.println(summary);
        }
    }

    /** The systems to run, in order; the stages of one system share its table (one ingest). */
    static List<BenchSystem> systems(BenchmarkConfig c) {
        List<String> sel = c.systems();
        List<BenchSystem> out = new ArrayList<>();
        if (sel.contains("lc4j-flat")) {
            out.add(new Lc4jSystem(IndexPolicy.none(), List.of("flat"), c.sweep()));
        }
        // One table per index: replacing the exact index by another one does not work in the library (see
        // BENCHMARKS.md, "Problems found"), and a fresh table is what an application indexing once would have.
        for (String stage : List.of("exact", "ivf-flat", "ivf-pq", "ivf-hnsw-sq", "ivf-rq")) {
            if (sel.contains("lc4j-" + stage)) {
                out.add(new Lc4jSystem(IndexPolicy.explicit(), List.of(stage), c.sweep()));
            }
        }
        // The Spring AI store and raw Lance also get one table per stage, so that each stage's filters can be
        // measured before and after the keys are promoted (or, for raw Lance, BTREE-indexed).
        if (sel.contains("spring-flat")) {
            out.add(new SpringSystem(IndexPolicy.none(), List.of("flat"), c.sweep()));
        }
        if (sel.contains("spring-ivf-hnsw-sq")) {
            out.add(new SpringSystem(IndexPolicy.explicit(), List.of("ivf-hnsw-sq"), c.sweep()));
        }
        if (sel.contains("raw-flat")) {
            out.add(new RawLanceSystem(List.of("flat"), c.sweep()));
        }
        if (sel.contains("raw-ivf-hnsw-sq")) {
            out.add(new RawLanceSystem(List.of("ivf-hnsw-sq"), c.sweep()));
        }
        if (sel.contains("inmemory")) {
            out.add(new InMemorySystem());
        }
        if (sel.contains("simple")) {
            out.add(new SimpleStoreSystem());
        }
        if (sel.contains("lucene-hnsw")) {
            out.add(new LuceneSystem(c.sweep()));
        }
        return out;
    }

    /** Ingest once, then each stage: build, sweep, 2-thread throughput and filtered search at the default point. */
    static List<StageResult> run(BenchmarkConfig c, DataSet d, BenchSystem s, MemoryProbe memory) throws Exception {
        List<StageResult> results = new ArrayList<>();
        String unsupported = s.unsupported(d);
        if (unsupported != null) {
            StageResult r = result(d, s, s.stages().get(0));
            r.note = "not run: " + unsupported;
            results.add(r);
            Progress.log(s.name() + ": " + r.note);
            return results;
        }
        long heapBaseline = MemoryProbe.liveHeapNow();
        long rssBaseline = MemoryProbe.procStatusBytes("VmRSS");
        memory.resetPeaks();
        int batch = c.batchFor(d.size());
        double ingestSeconds;
        try {
            s.open(d, c.workDir());
            long nanos = 0;
            int calls = 0;
            for (int from = 0; from < d.size(); from += batch) {
                nanos += s.add(d, from, Math.min(d.size(), from + batch));
                calls++;
            }
            nanos += s.finishIngest();
            ingestSeconds = nanos / 1e9;
            Progress.log(String.format("%-24s ingest %,d rows in %d calls: %.2f s = %,.0f vectors/s", s.name(), d.size(),
                    calls, ingestSeconds, d.size() / ingestSeconds));
        } catch (Exception | OutOfMemoryError e) {
            Progress.log(s.name() + " ingest failed: " + e);
            StageResult r = result(d, s, String.join("+", s.stages()));
            r.note = "failed during ingest: " + e;
            results.add(r);
            closeQuietly(s);
            return results;
        }
        try {
            for (String stage : s.stages()) {
                StageResult r = result(d, s, stage);
                results.add(r);
                r.batch = batch;
                r.ingestSeconds = ingestSeconds;
                r.heapBaseline = heapBaseline;
                r.rssBaseline = rssBaseline;
                try {
                    runStage(c, d, s, stage, r);
                } catch (Exception | OutOfMemoryError e) {
                    Progress.log(s.name() + " " + stage + " failed: " + e);
                    e.printStackTrace();
                    r.note = "failed: " + e;
                }
                r.peakHeap = memory.sampledPeakHeapBytes();
                r.rssAfter = MemoryProbe.procStatusBytes("VmRSS");
                r.hwm = MemoryProbe.procStatusBytes("VmHWM");
                r.diskBytes = s.diskBytes();
                Progress.log(String.format("%-24s %-12s memory: heap peak %.0f MiB (data set %.0f), RSS %.0f MiB "
                        + "(before the system %.0f), VmHWM %.0f MiB", s.name(), stage, MemoryProbe.mib(r.peakHeap),
                        MemoryProbe.mib(heapBaseline), MemoryProbe.mib(r.rssAfter), MemoryProbe.mib(rssBaseline),
                        MemoryProbe.mib(r.hwm)));
            }
        } finally {
            closeQuietly(s);
        }
        return results;
    }

    private static void runStage(BenchmarkConfig c, DataSet d, BenchSystem s, String stage, StageResult r)
            throws Exception {
        r.buildSeconds = s.prepare(stage, d);
        r.description = s.describe(stage);
        if (!Double.isNaN(r.buildSeconds)) {
            Progress.log(String.format("%-24s %-12s built in %.1f s: %s", s.name(), stage, r.buildSeconds,
                    r.description));
        }
        boolean slow = s.bruteForce(stage) && d.size() >= c.slowRowsFrom();
        int n = slow ? Math.min(d.queries(), c.slowQueries()) : d.queries();
        int warmup = slow ? 2 : d.warmup;
        if (slow) {
            r.note = "brute force on " + d.size() + " rows: " + n + " timed queries";
        }
        for (BenchSystem.Tuning t : s.sweep(stage, d)) {
            Measure.Timed timed;
            try {
                timed = Measure.oneThread(s, d, n, warmup, c.k(), t, null);
            } catch (Exception e) {
                if (t.isDefault()) {
                    throw e;
                }
                // One failing sweep point (e.g. a tuning Lance rejects) must not lose the stage.
                String why = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                r.note = (r.note == null ? "" : r.note + "; ") + "tuning " + t.label() + " failed: "
                        + why.substring(0, Math.min(160, why.length()));
                Progress.log(String.format("%-24s %-12s %-28s FAILED: %s", s.name(), stage, t.label(), why));
                continue;
            }
            r.points.add(new StageResult.Point(t.label(), t.isDefault(), timed));
            Progress.log(String.format("%-24s %-12s %-28s recall %.4f  p50 %8.2f ms  p99 %8.2f ms  %8.1f QPS  cpu %6.1f "
                    + "ms/q", s.name(), stage, t.label(), timed.recall(), timed.p50Ms(), timed.p99Ms(), timed.qps(),
                    timed.cpuMsPerQuery()));
        }
        BenchSystem.Tuning def = s.sweep(stage, d).get(0);
        r.qps2 = Measure.throughput(s, d, n, c.k(), def, 2);
        Progress.log(String.format("%-24s %-12s 2 threads %.1f QPS", s.name(), stage, r.qps2));
        if (s.supportsFilter(d)) {
            measureFilters(c, d, s, stage, r, n, warmup, def);
        }
        if (c.serveProbe() && s instanceof Lc4jSystem lc4j && !stage.equals("flat")) {
            r.serve = serveProbe(c, d, lc4j);
            Progress.log(String.format("%-24s %-12s %s", s.name(), stage, r.serve));
        }
    }

    /**
     * Every filter (0.1, 1, 10, 50 %) at the default tuning, on the system's first filter path; then, if the system has
     * a faster one (this library's stores: promoted keys; raw Lance: BTREE indexes), switches to it and again. A
     * failing filter is noted and does not lose the others.
     */
    private static void measureFilters(BenchmarkConfig c, DataSet d, BenchSystem s, String stage, StageResult r, int n,
            int warmup, BenchSystem.Tuning def) throws Exception {
        int fn = c.filterQueriesOf(n);
        // Fewer timed filtered queries get fewer warm-up queries too (a tenth, at least 2).
        int fw = fn < n ? Math.min(warmup, Math.max(2, fn / 10)) : warmup;
        for (int pass = 0; pass < 2; pass++) {
            String path = s.filterPath();
            for (FilterCase f : d.filters) {
                Measure.Timed t;
                try {
                    t = Measure.oneThread(s, d, fn, fw, c.k(), def, f);
                } catch (Exception e) {
                    String why = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                    r.note = (r.note == null ? "" : r.note + "; ") + "filter " + f + " (" + path + ") failed: "
                            + why.substring(0, Math.min(200, why.length()));
                    Progress.log(String.format("%-24s %-12s filter %s (%s) FAILED: %s", s.name(), stage, f, path, why));
                    continue;
                }
                r.filteredPoints.add(new StageResult.FilteredPoint(path, f, t));
                if (pass == 0 && f == d.onePercent()) {
                    r.filtered = t;
                }
                Progress.log(String.format("%-24s %-12s %-6s %-22s recall %.4f  hits %5.2f%s  p50 %8.2f ms  p99 %8.2f ms",
                        s.name(), stage, f.label(d.size()), path, t.recall(), t.meanHits(),
                        t.shortQueries() > 0 ? " (" + t.shortQueries() + " short)" : "", t.p50Ms(), t.p99Ms()));
            }
            if (pass == 0) {
                double seconds = s.speedUpFilters(d);
                if (Double.isNaN(seconds)) {
                    return;
                }
                r.filterSpeedUpSeconds = seconds;
                if (s.filterNote() != null) {
                    r.note = (r.note == null ? "" : r.note + "; ") + s.filterNote();
                }
                Progress.log(String.format("%-24s %-12s filters switched to %s in %.1f s", s.name(), stage,
                        s.filterPath(), seconds));
            }
        }
    }

    /** Runs {@link ServeProbe} in a fresh JVM on the store's table; returns its output line. */
    static String serveProbe(BenchmarkConfig c, DataSet d, Lc4jSystem s) {
        try {
            Path queries = Files.createTempFile(c.workDir(), "queries-", ".f32");
            int n = Math.min(d.allQueries.length, 100);
            try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(queries)))) {
                o.writeInt(n);
                o.writeInt(d.dim());
                for (int i = 0; i < n; i++) {
                    for (float x : d.allQueries[i]) {
                        o.writeFloat(x);
                    }
                }
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx512m",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                    ServeProbe.class.getName(), s.directory.toString(), "bench", d.metric.name(), queries.toString(),
                    Integer.toString(c.k()));
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.MINUTES);
            Files.deleteIfExists(queries);
            return output.lines().filter(l -> l.startsWith("serve:")).findFirst()
                    .orElse("serve probe failed: " + output.lines().limit(5).toList());
        } catch (Exception e) {
            return "serve probe failed: " + e;
        }
    }

    private static StageResult result(DataSet d, BenchSystem s, String stage) {
        StageResult r = new StageResult();
        r.dataset = d.name;
        r.system = s.name();
        r.stage = stage;
        r.rows = d.size();
        r.description = "";
        return r;
    }

    private static void closeQuietly(BenchSystem s) {
        try {
            s.close();
        } catch (Exception e) {
            Progress.log(s.name() + " close failed: " + e);
        }
    }

    /**
     * "quick: n=… dim=… recall@10=… p50_ms=… vs_inmemory=…x ingest_vps=… filtered_recall@10=…" for the store's default
     * configuration; filtered_recall is the worst 1 % filter recall of the LangChain4j store over its stages (every
     * index) and filter paths (JSON metadata and promoted keys).
     */
    static String summaryLine(BenchmarkConfig c, Map<String, List<StageResult>> all) {
        for (Map.Entry<String, List<StageResult>> e : all.entrySet()) {
            StageResult ours = find(e.getValue(), "LanceDbEmbeddingStore", "exact");
            if (ours == null) {
                ours = e.getValue().stream().filter(r -> r.system.equals("LanceDbEmbeddingStore")
                        && r.defaultPoint() != null).reduce((a, b) -> b).orElse(null);
            }
            StageResult inMemory = find(e.getValue(), "InMemoryEmbeddingStore", "flat");
            if (ours == null || ours.defaultPoint() == null) {
                continue;
            }
            Measure.Timed t = ours.defaultPoint().timed();
            double vs = inMemory == null || inMemory.defaultPoint() == null ? Double.NaN
                    : inMemory.defaultPoint().timed().p50Ms() / t.p50Ms();
            double filtered = e.getValue().stream().filter(r -> r.system.equals("LanceDbEmbeddingStore"))
                    .mapToDouble(r -> r.filteredPoints.stream().filter(p -> p.filter().key.equals("source"))
                            .mapToDouble(p -> p.timed().recall()).min().orElse(Double.NaN))
                    .filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
            return String.format("%s: n=%d dim=%d recall@%d=%.3f p50_ms=%.2f vs_inmemory=%.1fx ingest_vps=%.0f "
                    + "filtered_recall@%d=%.3f", c.mode(), ours.rows, all.isEmpty() ? 0 : dimOf(e.getKey()), c.k(),
                    t.recall(), t.p50Ms(), vs, ours.ingestVps(), c.k(), filtered);
        }
        return c.mode() + ": no LanceDbEmbeddingStore result";
    }

    private static int dimOf(String dataset) {
        if (dataset.startsWith("synth-")) {
            return Integer.parseInt(dataset.substring(dataset.lastIndexOf('-') + 1));
        }
        return dataset.equals("fashion-mnist") ? 784 : 384;
    }

    private static StageResult find(List<StageResult> results, String system, String stage) {
        return results.stream().filter(r -> r.system.equals(system) && r.stage.equals(stage)).findFirst().orElse(null);
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (Exception e) {
            return "?";
        }
    }
}
