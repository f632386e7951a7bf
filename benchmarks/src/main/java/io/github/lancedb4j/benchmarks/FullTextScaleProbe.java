package io.github.lancedb4j.benchmarks;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.FullTextIndexInfo;
import io.github.lancedb4j.store.FullTextIndexSpec;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.Row;
import io.github.lancedb4j.store.SearchQuery;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.filter.MetadataFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Full-text index build time, size and search latency at scale: rows of 40 words (about 280 characters) drawn from a
 * Zipf-distributed vocabulary of 50,000 words, as in natural text, with an 8-d vector each (the vector plays no part).
 * For each size: the index built with positions (the default) and without, then 200 queries of 2-3 words (one of
 * them rare) with the top 10, with and without a metadata filter, and 200 after 1 % more rows were appended
 * (matched by Lance's scan of rows outside the index).
 *
 * <p>{@code benchmarks/run probe FullTextScaleProbe [rows ...]} (default 100000 1000000).
 */
public final class FullTextScaleProbe {

    private static final int VOCABULARY = 50_000;
    private static final int WORDS_PER_ROW = 40;

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) {
            sizes.add(Integer.parseInt(a));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(100_000, 1_000_000);
        }
        double[] zipf = zipfCdf(VOCABULARY, 1.07);
        StringBuilder out = new StringBuilder("| rows | index | build s | index MiB | p50 ms | p95 ms | p50 ms filtered "
                + "(10 %) | p50 ms with 1 % unindexed |\n|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (int n : sizes) {
            Path base = Files.createTempDirectory("fts-scale");
            try (LanceDatabase db = LanceDatabase.builder().uri(base.toString()).versionRetention(null).build()) {
                LanceTable table = db.openTable("t", List.of(VectorColumn.of("vector", 8)), true);
                table.indexes().indexPolicy("vector", IndexPolicy.none(), DistanceMetric.COSINE);
                table.indexes().fullTextIndexPolicy(IndexPolicy.Mode.EXPLICIT, FullTextIndexSpec.defaults());
                Random random = new Random(7);
                append(table, 0, n, random, zipf);
                Progress.log(String.format("%,d rows written", n));
                for (boolean positions : new boolean[] {false, true}) {
                    FullTextIndexSpec spec = FullTextIndexSpec.defaults().withPositions(positions);
                    Path indices = base.resolve("t.lance").resolve("_indices");
                    long before = directorySize(indices); // the other build's files stay (no cleanup here)
                    long t0 = System.nanoTime();
                    FullTextIndexInfo info = table.indexes().createFullTextIndex(spec);
                    double buildSeconds = (System.nanoTime() - t0) / 1e9;
                    double mib = (directorySize(indices) - before) / 1048576.0;
                    List<String> queries = queries(200, new Random(11), zipf);
                    run(table, queries.subList(0, 20), null);
                    Latencies plain = run(table, queries, null);
                    Latencies filtered = run(table, queries, MetadataFilter.eq("bucket", 3));
                    out.append(String.format("| %,d | %s | %.1f | %.0f | %.2f | %.2f | %.2f |", n,
                            positions ? "with positions (default)" : "without positions", buildSeconds, mib,
                            plain.percentileMs(50), plain.percentileMs(95), filtered.percentileMs(50)));
                    if (positions) {
                        append(table, n, n / 100, random, zipf);
                        Latencies tail = run(table, queries, null);
                        out.append(String.format(" %.2f |%n", tail.percentileMs(50)));
                    } else {
                        out.append(" |\n");
                    }
                    Progress.log(String.format("%,d rows, positions %s: built in %.1f s (%,d rows indexed)", n,
                            positions, buildSeconds, info.indexedRows()));
                }
            } finally {
                HybridRetrievalProbe.deleteRecursively(base);
            }
        }
        System.out.println(out);
    }

    private static Latencies run(LanceTable table, List<String> queries, MetadataFilter filter) {
        Latencies latencies = new Latencies(queries.size());
        for (String q : queries) {
            long t0 = System.nanoTime();
            table.search(SearchQuery.fullText(q).limit(10).filter(filter).build(), DistanceMetric.COSINE);
            latencies.add(System.nanoTime() - t0);
        }
        return latencies;
    }

    private static void append(LanceTable table, int from, int count, Random random, double[] zipf) {
        List<Row> rows = new ArrayList<>(20_000);
        for (int i = from; i < from + count; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < WORDS_PER_ROW; w++) {
                text.append(word(sample(zipf, random))).append(' ');
            }
            float[] v = new float[8];
            v[i % 8] = 1;
            rows.add(Row.of("r" + i, text.toString(), Map.of("bucket", i % 10), "vector", v));
            if (rows.size() == 20_000) {
                table.append(rows);
                rows.clear();
            }
        }
        table.append(rows);
    }

    /** Two or three words: common ones and one from the rarer half of the vocabulary. */
    private static List<String> queries(int n, Random random, double[] zipf) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int words = 2 + random.nextInt(2);
            StringBuilder q = new StringBuilder();
            for (int w = 0; w < words - 1; w++) {
                q.append(word(sample(zipf, random))).append(' ');
            }
            q.append(word(VOCABULARY / 2 + random.nextInt(VOCABULARY / 2)));
            out.add(q.toString());
        }
        return out;
    }

    /** A pronounceable word per rank (consonant-vowel syllables), never an English stop word. */
    private static String word(int rank) {
        String c = "bdfgklmnprstvz";
        String v = "aeiou";
        StringBuilder w = new StringBuilder();
        int r = rank + 1;
        do {
            w.append(c.charAt(r % c.length())).append(v.charAt((r / c.length()) % v.length()));
            r /= c.length() * v.length();
        } while (r > 0);
        return w.append('x').toString();
    }

    private static double[] zipfCdf(int n, double s) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / Math.pow(i + 1, s);
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    private static int sample(double[] cdf, Random random) {
        int i = java.util.Arrays.binarySearch(cdf, random.nextDouble());
        return i >= 0 ? i : Math.min(cdf.length - 1, -i - 1);
    }

    private static long directorySize(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
