package io.github.lancedb4j.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's parameters, from {@code --key value} arguments. {@code --mode quick} and {@code --mode full} pick
 * the data sets and systems; any explicit argument overrides them.
 */
public record BenchmarkConfig(
        String mode,
        List<String> datasets,
        List<String> systems,
        int queries,
        int filterQueries,
        int warmup,
        int k,
        int batch,
        int slowQueries,
        long slowRowsFrom,
        int clusters,
        double sigma,
        long seed,
        int documents,
        boolean sweep,
        boolean serveProbe,
        int minilmMaxEntries,
        Path dataDir,
        Path resultsDir,
        Path workDir) {

    /** Every system name, in the order they run. */
    static final List<String> ALL_SYSTEMS = List.of("lc4j-flat", "lc4j-exact", "lc4j-ivf-flat", "lc4j-ivf-pq",
            "lc4j-ivf-hnsw-sq", "lc4j-ivf-rq", "spring-flat", "spring-ivf-hnsw-sq", "raw-flat", "raw-ivf-hnsw-sq",
            "inmemory", "simple", "lucene-hnsw");
    static final List<String> QUICK_SYSTEMS = List.of("lc4j-flat", "lc4j-exact", "lc4j-ivf-hnsw-sq", "raw-flat",
            "inmemory", "simple", "lucene-hnsw");
    static final List<String> FULL_DATASETS = List.of("synth-100k-768", "synth-100k-384", "fashion-mnist",
            "minilm-fortunes", "synth-1m-768", "synth-1m-384");

    static final String USAGE = """
            Usage: benchmarks/run quick|full|prepare [--datasets a,b] [--systems x,y] [--queries Q] [--filter-queries F]
                   [--warmup W] [--k K]
                   [--batch B] [--slow-queries S] [--slow-rows-from N] [--clusters C] [--sigma S] [--seed X]
                   [--documents M] [--sweep true|false] [--serve-probe true|false] [--minilm-max-entries N]
                   [--data-dir DIR] [--results-dir DIR] [--work-dir DIR]
              quick:   synth-20k-384 only; systems %s
              full:    datasets %s; every system
              prepare: fetch the Debian data sets, embed the text corpus, compute every ground truth; no systems
              datasets: synth-<rows>-<dim> (e.g. synth-100k-768, synth-1m-384), fashion-mnist, minilm-fortunes
              systems:  %s
              filter-queries: the timed queries of each filtered measurement (4 filters x 1 or 2 filter paths per stage;
                            default 50 in quick mode, all the queries otherwise;
                            fewer than all get a tenth as many warm-up queries, at least 2)
              slow-queries: the timed queries for brute-force systems (InMemory, SimpleVectorStore, flat Lance) on
                            data sets of at least slow-rows-from rows (default 20 from 500000 rows)
              documents: metadata 'source' takes this many values (doc-0 .. doc-<M-1>, contiguous runs of rows),
                         so the filter source = 'doc-42' selects 1/M of the rows (default 100: 1 %%)"""
            .formatted(QUICK_SYSTEMS, FULL_DATASETS, ALL_SYSTEMS);

    public static BenchmarkConfig parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (key.equals("-h") || key.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (!key.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected '--name value' pairs, got '" + key + "'\n" + USAGE);
            }
            a.put(key.substring(2), args[++i]);
        }
        String mode = a.getOrDefault("mode", "quick");
        boolean quick = mode.equals("quick");
        boolean prepare = mode.equals("prepare");
        if (!quick && !prepare && !mode.equals("full")) {
            System.err.println("Mode '" + mode + "' is not quick/full/prepare: using full defaults");
        }
        List<String> datasets = list(a.get("datasets"), quick ? List.of("synth-20k-384") : FULL_DATASETS);
        List<String> systems = prepare ? List.of() : list(a.get("systems"), quick ? QUICK_SYSTEMS : ALL_SYSTEMS);
        for (String s : systems) {
            if (!ALL_SYSTEMS.contains(s)) {
                throw new IllegalArgumentException("Unknown system '" + s + "'\n" + USAGE);
            }
        }
        BenchmarkConfig c = new BenchmarkConfig(
                mode,
                datasets,
                systems,
                intArg(a, "queries", quick ? 100 : 200),
                intArg(a, "filter-queries", quick ? 50 : 0),
                intArg(a, "warmup", 20),
                intArg(a, "k", 10),
                intArg(a, "batch", 0),
                intArg(a, "slow-queries", 20),
                intArg(a, "slow-rows-from", 500_000),
                intArg(a, "clusters", 100),
                Double.parseDouble(a.getOrDefault("sigma", "0.05")),
                Long.parseLong(a.getOrDefault("seed", "42")),
                intArg(a, "documents", 100),
                Boolean.parseBoolean(a.getOrDefault("sweep", "true")),
                Boolean.parseBoolean(a.getOrDefault("serve-probe", quick ? "false" : "true")),
                intArg(a, "minilm-max-entries", 20_000),
                Path.of(a.getOrDefault("data-dir", "benchmarks/data")).toAbsolutePath(),
                Path.of(a.getOrDefault("results-dir", "benchmarks/results")).toAbsolutePath(),
                Path.of(a.getOrDefault("work-dir", System.getProperty("java.io.tmpdir"))).toAbsolutePath());
        for (String known : new String[] {"mode", "datasets", "systems", "queries", "filter-queries", "warmup", "k", "batch",
                "slow-queries", "slow-rows-from", "clusters", "sigma", "seed", "documents", "sweep", "serve-probe",
                "minilm-max-entries", "data-dir", "results-dir", "work-dir"}) {
            a.remove(known);
        }
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("Unknown arguments " + a.keySet() + "\n" + USAGE);
        }
        if (c.queries <= 0 || c.k <= 0 || c.documents <= 0 || c.warmup < 0 || c.batch < 0 || c.filterQueries < 0) {
            throw new IllegalArgumentException("Sizes must be positive: " + c);
        }
        return c;
    }

    /** The timed queries of one filtered measurement, out of {@code n} unfiltered ones. */
    int filterQueriesOf(int n) {
        return filterQueries > 0 ? Math.min(n, filterQueries) : n;
    }

    /** The addAll batch for a data set: the given one, or a tenth of the rows (5,000 .. 100,000). */
    int batchFor(int rows) {
        return batch > 0 ? batch : Math.max(5_000, Math.min(100_000, rows / 10));
    }

    private static List<String> list(String value, List<String> fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static int intArg(Map<String, String> a, String key, int fallback) {
        String v = a.get(key);
        return v == null ? fallback : Integer.parseInt(v.replace("_", ""));
    }
}
