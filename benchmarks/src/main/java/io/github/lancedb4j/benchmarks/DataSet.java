package io.github.lancedb4j.benchmarks;

import io.github.lancedb4j.store.DistanceMetric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One data set as every system sees it: the base vectors, the queries (warm-up ones first, never timed), the metric,
 * per-row metadata ({@code n = i} and the four filter keys of {@link FilterCase#standard}: {@code user}, {@code source
 * = doc-<i / rowsPerDocument>}, {@code tenant}, {@code lang}), and exact ground truth for the unfiltered top-k and the
 * top-k of each filter (0.1, 1, 10 and 50 % of the rows).
 */
public final class DataSet {

    final String name;
    final String description;
    final DistanceMetric metric;
    final float[][] rows;
    /** Warm-up queries, then timed ones. */
    final float[][] allQueries;
    final int warmup;
    /** Optional real texts of the rows (else a short synthetic text). */
    final String[] texts;
    /** The filters by selectivity (0.1, 1, 10, 50 %); {@link #onePercent()} is the benchmark's historical one. */
    final List<FilterCase> filters;
    private final FilterCase source;
    int[][] truth;
    double groundTruthSeconds;

    DataSet(String name, String description, DistanceMetric metric, float[][] rows, float[][] warmupQueries,
            float[][] queries, String[] texts, int documents) {
        this.name = name;
        this.description = description;
        this.metric = metric;
        this.rows = rows;
        this.warmup = warmupQueries.length;
        this.allQueries = new float[warmupQueries.length + queries.length][];
        System.arraycopy(warmupQueries, 0, allQueries, 0, warmupQueries.length);
        System.arraycopy(queries, 0, allQueries, warmupQueries.length, queries.length);
        this.texts = texts;
        this.filters = FilterCase.standard(rows.length, documents);
        this.source = filters.stream().filter(f -> f.key.equals("source")).findFirst().orElseThrow();
    }

    int size() {
        return rows.length;
    }

    int dim() {
        return rows[0].length;
    }

    int queries() {
        return allQueries.length - warmup;
    }

    /** Timed query i (0-based) as an index into {@link #allQueries}. */
    float[] query(int i) {
        return allQueries[warmup + i];
    }

    String source(int row) {
        return source.valueOf(row);
    }

    String text(int row) {
        return texts != null ? texts[row] : "Chunk " + (row % source.rowsPerValue) + " of " + source(row);
    }

    /** The row's metadata: {@code n} and every filter key. */
    Map<String, Object> metadata(int row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (FilterCase f : filters) {
            m.put(f.key, f.valueOf(row));
        }
        m.put("n", row);
        return m;
    }

    /** The 1 % filter, {@code source = 'doc-42'}: the one the main table's "Filtered" columns and earlier runs use. */
    FilterCase onePercent() {
        return source;
    }

    /** The filter's expected result count: min(k, matching rows). */
    int expectedHits(FilterCase f, int k) {
        return Math.min(k, f == null ? rows.length : f.matching());
    }

    long rawVectorBytes() {
        return (long) rows.length * dim() * Float.BYTES;
    }

    String luceneSimilarityName() {
        return metric == DistanceMetric.L2 ? "EUCLIDEAN" : "COSINE";
    }
}
