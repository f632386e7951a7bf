package io.github.lancedb4j.benchmarks;

import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.VectorIndexInfo;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The filtered-search target at scale, resumable: on one {@code LanceDbEmbeddingStore} table of a benchmark data set
 * (default synth-1m-768) with the index {@code IndexPolicy.auto()} builds at that size (IVF_HNSW_SQ, its default
 * tuning), measures each filter of {@link FilterCase#standard} (0.1, 1, 10, 50 %) first on the JSON metadata, then
 * after {@code promoteMetadataKey} of each key: recall@10 against the exact filtered top-10, mean result count,
 * queries short of min(k, matches), p50/p99 — each filtered query timed right after an unfiltered one, so that the
 * filtered/unfiltered p50 ratio is measured under the same machine load.
 *
 * <p>A promotion must keep the vector index and an index build must keep the promotion (filtered.PromotionIndexProbe
 * checks both). Should a promotion lose the index, the probe measures 20 unfiltered searches without it, rebuilds it
 * (the report shows the "noindex" and "reindex" steps) and fails if the rebuild forgot the promotion.
 *
 * <p>Every step (ingest, index build, each measurement, each promotion) is recorded in {@code steps.tsv} of the state
 * directory as it completes, and the table stays there: a run that is interrupted picks up where it stopped (ingest
 * resumes from the rows already committed; an index build or a measurement that did not finish runs again).
 * Measurements on the JSON path always run before any key is promoted. The report is printed from {@code steps.tsv}
 * at the end of every run.
 *
 * <p>{@code BENCH_XMX=14g benchmarks/run probe FilteredScaleProbe [dataset] [queries] [state-dir] [timed]} (defaults
 * synth-1m-768, 200, benchmarks/data/scale/&lt;dataset&gt;-q&lt;queries&gt;, all the queries). {@code queries} is the
 * data set's query count (its ground truth is cached by it); {@code timed} measures only the first ones of them, with
 * a tenth as many warm-up queries (at least 2, at most the data set's 20). {@code --fresh} as the last argument
 * deletes the state first.
 */
public final class FilteredScaleProbe {

    private static final String COLUMNS = "step\tfilter\tmatching\tqueries\trecall\tmean_hits\tshort_queries\tp50_ms"
            + "\tp99_ms\tunfiltered_p50_ms\tunfiltered_recall\tseconds\tload\tfinished";

    private final DataSet d;
    private final BenchmarkConfig config;
    private final Path steps;
    private final Lc4jSystem store;
    private final Map<String, String[]> done = new LinkedHashMap<>();
    /** The timed queries of each measurement: the first ones of the data set's queries (whose truth is cached). */
    private final int timed;

    private FilteredScaleProbe(DataSet d, BenchmarkConfig config, Path state, int timed) throws IOException {
        this.d = d;
        this.config = config;
        this.timed = timed > 0 ? Math.min(timed, d.queries()) : d.queries();
        this.steps = state.resolve("steps.tsv");
        this.store = Lc4jSystem.kept(state.resolve("db"), IndexPolicy.explicit(), List.of("ivf-hnsw-sq"));
        if (Files.exists(steps)) {
            for (String line : Files.readAllLines(steps)) {
                String[] f = line.split("\t", -1);
                if (!f[0].equals("step")) {
                    done.put(key(f[0], f[1]), f);
                }
            }
        } else {
            Files.writeString(steps, COLUMNS + "\n");
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> a = new ArrayList<>(List.of(args));
        boolean fresh = !a.isEmpty() && a.get(a.size() - 1).equals("--fresh");
        if (fresh) {
            a.remove(a.size() - 1);
        }
        String name = a.size() > 0 ? a.get(0) : "synth-1m-768";
        int queries = a.size() > 1 ? Integer.parseInt(a.get(1)) : 200;
        BenchmarkConfig c = BenchmarkConfig.parse(new String[] {"--mode", "full", "--datasets", name, "--queries",
                Integer.toString(queries), "--sweep", "false"});
        Path state = a.size() > 2 ? Path.of(a.get(2)) : c.dataDir().resolve("scale").resolve(name + "-q" + queries);
        if (fresh) {
            LanceStoreSystem.deleteTree(state);
        }
        Files.createDirectories(state);
        Progress.log("state in " + state + " (load " + BenchmarkMain.loadAverage() + ")");
        DataSet d = DataSets.load(name, c);
        int timed = a.size() > 3 ? Integer.parseInt(a.get(3)) : 0;
        FilteredScaleProbe probe = new FilteredScaleProbe(d, c, state, timed);
        try {
            probe.run();
        } finally {
            probe.store.close();
        }
        probe.report(System.out);
    }

    private void run() throws Exception {
        store.open(d, config.workDir());
        LanceTable table = store.table();
        ingest(table);
        Set<String> keys = new LinkedHashSet<>();
        d.filters.forEach(f -> keys.add(f.key));
        boolean promotionStarted = d.filters.stream().anyMatch(f -> done.containsKey(key("promote", f.key)));
        if (!promotionStarted) {
            // The JSON path: on the indexed table, before any key is promoted.
            index(table, "index");
            log(table);
            for (FilterCase f : d.filters) {
                if (!done.containsKey(key("json", f.key))) {
                    measure("json", f);
                }
            }
        }
        for (FilterCase f : d.filters) {
            if (!done.containsKey(key("promote", f.key))) {
                long t0 = System.nanoTime();
                table.promoteMetadataKey(f.key);
                record("promote", f, null, null, (System.nanoTime() - t0) / 1e9);
                // A promotion rewrites the table's rows: does the vector index still cover them?
                log(table);
            }
        }
        if (!table.promotedMetadataKeys().containsAll(keys)) {
            throw new IllegalStateException("promoteMetadataKey did not record the keys " + keys + ": promoted now "
                    + table.promotedMetadataKeys());
        }
        if (!covered(table)) {
            // A promotion must keep the vector index (it rewrites only its columns). If it did not, say what searches
            // cost meanwhile, rebuild, and insist that the rebuild keeps the promotion: no repair of the config here.
            Progress.log("the promotions left the table without a full vector index: a core fault");
            if (!done.containsKey(key("noindex", ""))) {
                unfilteredWithoutIndex();
            }
            index(table, "reindex");
            log(table);
            if (!table.promotedMetadataKeys().containsAll(keys)) {
                throw new IllegalStateException("the index rebuild forgot the promoted keys " + keys
                        + ": promoted now " + table.promotedMetadataKeys());
            }
        }
        for (FilterCase f : d.filters) {
            if (!done.containsKey(key("promoted", f.key))) {
                measure("promoted", f);
            }
        }
    }

    private void log(LanceTable table) {
        Progress.log("vector index " + table.indexes().vectorIndex("vector").orElse(null) + ", version " + table.version()
                + ", promoted keys " + table.promotedMetadataKeys());
    }

    private boolean covered(LanceTable table) {
        Optional<VectorIndexInfo> index = table.indexes().vectorIndex("vector");
        return index.isPresent() && index.get().indexedRows() >= d.size() && !index.get().exact();
    }

    /** What searches cost while the promotion has left the table without its vector index (20 queries). */
    private void unfilteredWithoutIndex() throws Exception {
        int n = Math.min(20, timed);
        BenchSystem.Tuning def = BenchSystem.Tuning.defaults("no index");
        Latencies l = new Latencies(n);
        int[][] found = new int[n][];
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            found[i] = store.search(d, d.warmup + i, config.k(), def, null);
            l.add(System.nanoTime() - s);
        }
        Measure.Timed t = new Measure.Timed(n, l.percentileMs(50), l.percentileMs(99), l.meanMs(), Double.NaN,
                Double.NaN, GroundTruth.recall(found, d.truth), config.k(), 0);
        Progress.log(String.format("no index after the promotion: unfiltered p50 %.2f ms (recall %.4f, %d queries)",
                t.p50Ms(), t.recall(), n));
        record("noindex", null, t, null, (System.nanoTime() - t0) / 1e9);
    }

    private void ingest(LanceTable table) throws Exception {
        long have = table.countRows();
        if (have >= d.size()) {
            Progress.log(String.format("ingest: the table holds %,d rows already", have));
            return;
        }
        int batch = config.batchFor(d.size());
        long nanos = 0;
        for (int from = (int) have; from < d.size(); from += batch) {
            nanos += store.add(d, from, Math.min(d.size(), from + batch));
            Progress.log(String.format("ingest: %,d of %,d rows", Math.min(d.size(), from + batch), d.size()));
        }
        record("ingest", null, null, null, nanos / 1e9);
    }

    private void index(LanceTable table, String step) throws Exception {
        if (covered(table)) {
            store.built.put("ivf-hnsw-sq", table.indexes().vectorIndex("vector").orElseThrow());
            Progress.log("index: already built: " + store.describe("ivf-hnsw-sq"));
            return;
        }
        VectorIndexSpec spec = VectorIndexSpec.of(VectorIndexType.IVF_HNSW_SQ);
        Progress.log(step + ": building " + spec + " (what IndexPolicy.auto() builds from 100,000 rows)");
        double seconds = store.prepare("ivf-hnsw-sq", d);
        Progress.log(String.format("%s: %s in %.1f s", step, store.describe("ivf-hnsw-sq"), seconds));
        record(step, null, null, null, seconds);
    }

    /** The warm-up queries, then each timed query unfiltered and right after it filtered. */
    private void measure(String path, FilterCase f) throws Exception {
        BenchSystem.Tuning def = store.sweep("ivf-hnsw-sq", d).get(0);
        int k = config.k();
        int n = timed;
        // Fewer timed queries (a loaded machine) get fewer warm-up queries too: a tenth, 2 .. the data set's warm-up.
        for (int w = 0, warmup = Math.min(d.warmup, Math.max(2, n / 10)); w < warmup; w++) {
            store.search(d, w, k, def, null);
            store.search(d, w, k, def, f);
        }
        Latencies plain = new Latencies(n);
        Latencies filtered = new Latencies(n);
        int[][] foundPlain = new int[n][];
        int[][] found = new int[n][];
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            foundPlain[i] = store.search(d, d.warmup + i, k, def, null);
            long m = System.nanoTime();
            found[i] = store.search(d, d.warmup + i, k, def, f);
            filtered.add(System.nanoTime() - m);
            plain.add(m - s);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long hits = 0;
        int shortQueries = 0;
        int expected = d.expectedHits(f, k);
        for (int[] r : found) {
            hits += r.length;
            shortQueries += r.length < expected ? 1 : 0;
        }
        Measure.Timed t = new Measure.Timed(n, filtered.percentileMs(50), filtered.percentileMs(99),
                filtered.meanMs(), Double.NaN, Double.NaN, GroundTruth.recall(found, f.truth), hits / (double) n,
                shortQueries);
        Measure.Timed u = new Measure.Timed(n, plain.percentileMs(50), plain.percentileMs(99), plain.meanMs(),
                Double.NaN, Double.NaN, GroundTruth.recall(foundPlain, d.truth));
        Progress.log(String.format("%-8s %-6s recall %.4f hits %.2f (%d short) p50 %.2f ms p99 %.2f ms; unfiltered p50 "
                + "%.2f ms (recall %.4f): ratio %.2f", path, f.label(d.size()), t.recall(), t.meanHits(),
                t.shortQueries(), t.p50Ms(), t.p99Ms(), u.p50Ms(), u.recall(), t.p50Ms() / u.p50Ms()));
        record(path, f, t, u, seconds);
    }

    private void record(String step, FilterCase f, Measure.Timed t, Measure.Timed unfiltered, double seconds)
            throws IOException {
        String[] row = {step, f == null ? "" : f.key, f == null ? "" : Integer.toString(f.matching()),
            t == null ? "" : Integer.toString(t.queries()), t == null ? "" : String.format("%.4f", t.recall()),
            t == null ? "" : String.format("%.2f", t.meanHits()), t == null ? "" : Integer.toString(t.shortQueries()),
            t == null ? "" : String.format("%.3f", t.p50Ms()), t == null ? "" : String.format("%.3f", t.p99Ms()),
            unfiltered == null ? "" : String.format("%.3f", unfiltered.p50Ms()),
            unfiltered == null ? "" : String.format("%.4f", unfiltered.recall()), String.format("%.1f", seconds),
            BenchmarkMain.loadAverage().split(" ")[0], Instant.now().toString()};
        Files.writeString(steps, String.join("\t", row) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        done.put(key(step, row[1]), row);
    }

    private static String key(String step, String filter) {
        return step + ":" + filter;
    }

    private void report(java.io.PrintStream out) {
        out.printf("### Filtered search at %s: %,d x %d, LanceDbEmbeddingStore, IVF_HNSW_SQ (default tuning), k = %d%n%n",
                d.name, d.size(), d.dim(), config.k());
        for (String step : List.of("ingest", "index", "reindex")) {
            String[] r = done.get(key(step, ""));
            out.printf("%s: %s%n", step, r == null ? "not recorded" : r[11] + " s (" + r[13] + ", load " + r[12] + ")");
        }
        boolean promotedAll = d.filters.stream().allMatch(f -> done.containsKey(key("promote", f.key)));
        if (promotedAll) {
            out.println(done.containsKey(key("noindex", "")) ? "the promotions dropped the vector index (core fault): "
                    + "it was rebuilt before the promoted keys were measured"
                    : "the promotions kept the vector index (no rebuild)");
        }
        String[] noIndex = done.get(key("noindex", ""));
        if (noIndex != null) {
            out.printf("after the promotions, before the index was rebuilt: unfiltered p50 %s ms, p99 %s ms, recall %s "
                    + "(%s queries)%n", noIndex[7], noIndex[8], noIndex[4], noIndex[3]);
        }
        out.println();
        out.println("| path | filter | matching rows | recall@10 | mean hits | short queries | p50 ms | p99 ms | "
                + "unfiltered p50 ms (same window) | p50 ratio | unfiltered recall | load | finished |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (String path : List.of("json", "promoted")) {
            for (FilterCase f : d.filters) {
                String[] r = done.get(key(path, f.key));
                if (r == null) {
                    out.printf("| %s | %s (%s) | %,d | not measured | | | | | | | | | |%n", path, f, f.label(d.size()),
                            f.matching());
                    continue;
                }
                double ratio = Double.parseDouble(r[7]) / Double.parseDouble(r[9]);
                out.printf("| %s | %s (%s) | %,d | %s | %s | %s | %s | %s | %s | %.2f | %s | %s | %s |%n",
                        path.equals("json") ? "JSON metadata" : "promoted keys", f, f.label(d.size()), f.matching(), r[4],
                        r[5], r[6], r[7], r[8], r[9], ratio, r[10], r[12], r[13]);
            }
        }
        out.println();
        StringBuilder promotions = new StringBuilder("promoteMetadataKey:");
        for (FilterCase f : d.filters) {
            String[] r = done.get(key("promote", f.key));
            promotions.append(' ').append(f.key).append(' ').append(r == null ? "–" : r[11] + " s");
        }
        out.println(promotions);
    }
}
