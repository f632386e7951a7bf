package io.github.lancedb4j.benchmarks.scale;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of one part of the scale benchmark (a dimension and a row count), from {@code --key value}
 * arguments; the same arguments are handed to each system's worker JVM.
 */
record ScaleConfig(
        int dim,
        int rows,
        List<String> systems,
        List<String> indexes,
        int queries,
        int warmup,
        int k,
        long seed,
        int clusters,
        double sigma,
        int documents,
        int inserts,
        String heapXmx,
        String lanceXmx,
        Path dataDir,
        Path resultsDir,
        Path workDir) {

    /** Every system, in the order a part runs them. */
    static final List<String> SYSTEMS = List.of("store-local", "store-s3", "inmemory", "simple", "lucene");
    static final List<String> INDEXES = List.of("ivf-hnsw-sq", "ivf-pq");
    /** Rows added by each timed {@code addAll} into the loaded table. */
    static final int INSERT_ROWS = 10_000;

    static final String USAGE = """
            Usage: benchmarks/run scale --dim D --rows N [--systems a,b] [--indexes x,y] [--queries Q] [--warmup W]
                                        [--k K] [--seed S] [--clusters C] [--sigma S] [--documents M] [--inserts I]
                                        [--heap-xmx 12g] [--lance-xmx 6g] [--data-dir DIR] [--results-dir DIR]
                                        [--work-dir DIR]
                   benchmarks/run scale report [--results-dir DIR]
              rows:    e.g. 100k, 300k, 1m, 3m
              systems: %s (default: all); one result file each,
                       <results-dir>/<dim>-<rows>-<system>.tsv, skipped when present (delete it to measure again)
              indexes: %s (default: both), for the Lance stores
              inserts: timed addAll calls of %,d new rows into the loaded table (default 3)
              heap-xmx: heap of the InMemoryEmbeddingStore / SimpleVectorStore workers; lance-xmx: of the others"""
            .formatted(SYSTEMS, INDEXES, INSERT_ROWS);

    static ScaleConfig parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --name value, got '" + args[i] + "'\n" + USAGE);
            }
            a.put(args[i].substring(2), args[++i]);
        }
        List<String> known = List.of("dim", "rows", "systems", "indexes", "queries", "warmup", "k", "seed", "clusters",
                "sigma", "documents", "inserts", "heap-xmx", "lance-xmx", "data-dir", "results-dir", "work-dir");
        for (String key : a.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("Unknown option --" + key + "\n" + USAGE);
            }
        }
        if (!a.containsKey("dim") || !a.containsKey("rows")) {
            throw new IllegalArgumentException("--dim and --rows are required\n" + USAGE);
        }
        List<String> systems = list(a.get("systems"), SYSTEMS);
        List<String> indexes = list(a.get("indexes"), INDEXES);
        Path data = Path.of(a.getOrDefault("data-dir", "benchmarks/data"));
        return new ScaleConfig(Integer.parseInt(a.get("dim")), parseRows(a.get("rows")), systems, indexes,
                Integer.parseInt(a.getOrDefault("queries", "200")), Integer.parseInt(a.getOrDefault("warmup", "20")),
                Integer.parseInt(a.getOrDefault("k", "10")), Long.parseLong(a.getOrDefault("seed", "42")),
                Integer.parseInt(a.getOrDefault("clusters", "100")),
                Double.parseDouble(a.getOrDefault("sigma", "0.05")),
                Integer.parseInt(a.getOrDefault("documents", "100")),
                Integer.parseInt(a.getOrDefault("inserts", "3")), a.getOrDefault("heap-xmx", "12g"),
                a.getOrDefault("lance-xmx", "6g"), data,
                Path.of(a.getOrDefault("results-dir", "benchmarks/results/scale")),
                Path.of(a.getOrDefault("work-dir", data.resolve("scale-work").toString())));
    }

    private static List<String> list(String value, List<String> allowed) {
        if (value == null) {
            return allowed;
        }
        List<String> out = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String s : out) {
            if (!allowed.contains(s)) {
                throw new IllegalArgumentException("Unknown name '" + s + "': use " + allowed);
            }
        }
        return out;
    }

    /** "100k", "1m", "3M", "250000". */
    static int parseRows(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT).replace("_", "");
        long factor = v.endsWith("k") ? 1_000 : v.endsWith("m") ? 1_000_000 : 1;
        if (factor > 1) {
            v = v.substring(0, v.length() - 1);
        }
        long rows = Math.round(Double.parseDouble(v) * factor);
        if (rows < 1_000 || rows > Integer.MAX_VALUE - 1_000_000) {
            throw new IllegalArgumentException("--rows must be between 1000 and 2 billion, got " + s);
        }
        return (int) rows;
    }

    /** "100k", "1m", "2.5m": the name of a part in file names. */
    static String rowsLabel(long rows) {
        if (rows % 1_000_000 == 0) {
            return rows / 1_000_000 + "m";
        }
        if (rows >= 1_000_000 && rows % 100_000 == 0) {
            return String.format(Locale.ROOT, "%.1fm", rows / 1e6);
        }
        return rows % 1_000 == 0 ? rows / 1_000 + "k" : Long.toString(rows);
    }

    /** The result file of one system in this part. */
    Path resultFile(String system) {
        return resultsDir.resolve(dim + "-" + rowsLabel(rows) + "-" + system + ".tsv");
    }

    /** The arguments that reproduce this configuration (for a worker JVM). */
    List<String> toArgs() {
        return List.of("--dim", Integer.toString(dim), "--rows", Integer.toString(rows), "--systems",
                String.join(",", systems), "--indexes", String.join(",", indexes), "--queries",
                Integer.toString(queries), "--warmup", Integer.toString(warmup), "--k", Integer.toString(k), "--seed",
                Long.toString(seed), "--clusters", Integer.toString(clusters), "--sigma", Double.toString(sigma),
                "--documents", Integer.toString(documents), "--inserts", Integer.toString(inserts), "--heap-xmx",
                heapXmx, "--lance-xmx", lanceXmx, "--data-dir", dataDir.toString(), "--results-dir",
                resultsDir.toString(), "--work-dir", workDir.toString());
    }
}
