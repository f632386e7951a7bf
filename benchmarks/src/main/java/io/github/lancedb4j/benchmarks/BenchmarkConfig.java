package io.github.lancedb4j.benchmarks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark's parameters, from {@code --key value} arguments. {@code --mode quick} and {@code --mode full} pick
 * defaults; any explicit argument overrides them.
 */
public record BenchmarkConfig(
        String mode,
        int rows,
        int dim,
        int queries,
        int warmup,
        int batch,
        int k,
        int clusters,
        double sigma,
        long seed,
        int documents,
        int filteredQueries,
        boolean diagnostics,
        int diagnosticQueries,
        Path workDir,
        boolean keep) {

    static final String USAGE = """
            Usage: BenchmarkMain [--mode quick|full] [--rows N] [--dim D] [--queries Q] [--warmup W] [--batch B]
                                 [--k K] [--clusters C] [--sigma S] [--seed X] [--documents M]
                                 [--filtered-queries F] [--diagnostics true|false] [--diagnostic-queries N]
                                 [--work-dir DIR] [--keep true|false]
              quick: 20000 rows x 384, 100 queries, batches of 5000 (under a minute)
              full:  100000 rows x 384, 200 queries, batches of 10000
              documents: metadata 'source' takes this many values (doc-0 .. doc-<M-1>, contiguous runs of rows),
                         so the filter source = 'doc-42' selects 1/M of the rows (default 100: 1 %)""";

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
        if (!quick && !mode.equals("full")) {
            // Any other name is a custom run: full-size defaults, reported under that name.
            System.err.println("Mode '" + mode + "' is not quick/full: using full defaults");
        }
        int rows = intArg(a, "rows", quick ? 20_000 : 100_000);
        int queries = intArg(a, "queries", quick ? 100 : 200);
        BenchmarkConfig c = new BenchmarkConfig(
                mode,
                rows,
                intArg(a, "dim", 384),
                queries,
                intArg(a, "warmup", 20),
                intArg(a, "batch", quick ? 5_000 : 10_000),
                intArg(a, "k", 10),
                intArg(a, "clusters", 100),
                Double.parseDouble(a.getOrDefault("sigma", "0.05")),
                Long.parseLong(a.getOrDefault("seed", "42")),
                intArg(a, "documents", 100),
                intArg(a, "filtered-queries", queries),
                Boolean.parseBoolean(a.getOrDefault("diagnostics", "true")),
                intArg(a, "diagnostic-queries", quick ? 30 : 50),
                Path.of(a.getOrDefault("work-dir", System.getProperty("java.io.tmpdir"))),
                Boolean.parseBoolean(a.getOrDefault("keep", "false")));
        for (String known : new String[] {"mode", "rows", "dim", "queries", "warmup", "batch", "k", "clusters",
                "sigma", "seed", "documents", "filtered-queries", "diagnostics", "diagnostic-queries", "work-dir",
                "keep"}) {
            a.remove(known);
        }
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("Unknown arguments " + a.keySet() + "\n" + USAGE);
        }
        if (c.rows <= 0 || c.dim <= 0 || c.queries <= 0 || c.batch <= 0 || c.k <= 0 || c.documents <= 0
                || c.documents > c.rows || c.warmup < 0) {
            throw new IllegalArgumentException("Sizes must be positive (and documents <= rows): " + c);
        }
        return c;
    }

    /** Rows per document: row i has metadata source = "doc-" + i / rowsPerDocument. */
    public int rowsPerDocument() {
        return (rows + documents - 1) / documents;
    }

    /** The document the filtered search selects (doc-42, or the last one when there are fewer). */
    public int filteredDocument() {
        return Math.min(42, (rows - 1) / rowsPerDocument());
    }

    private static int intArg(Map<String, String> a, String key, int fallback) {
        String v = a.get(key);
        return v == null ? fallback : Integer.parseInt(v.replace("_", ""));
    }
}
