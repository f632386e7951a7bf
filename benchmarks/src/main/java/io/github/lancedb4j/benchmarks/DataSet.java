package io.github.lancedb4j.benchmarks;

import io.github.lancedb4j.store.DistanceMetric;

/**
 * One data set as every system sees it: the base vectors, the queries (warm-up ones first, never timed), the metric,
 * per-row metadata ({@code source = doc-<i / rowsPerDocument>}, {@code n = i}), and exact ground truth for the
 * unfiltered and the filtered ({@code source = doc-42}, 1 % of rows) top-k.
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
    final int documents;
    final int rowsPerDocument;
    final int filteredDocument;
    int[][] truth;
    int[][] filteredTruth;
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
        this.documents = documents;
        this.rowsPerDocument = (rows.length + documents - 1) / documents;
        this.filteredDocument = Math.min(42, (rows.length - 1) / rowsPerDocument);
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
        return "doc-" + (row / rowsPerDocument);
    }

    String text(int row) {
        return texts != null ? texts[row] : "Chunk " + (row % rowsPerDocument) + " of " + source(row);
    }

    String filteredSource() {
        return "doc-" + filteredDocument;
    }

    int filteredFrom() {
        return filteredDocument * rowsPerDocument;
    }

    int filteredTo() {
        return Math.min(rows.length, filteredFrom() + rowsPerDocument);
    }

    double filterSelectivity() {
        return (double) (filteredTo() - filteredFrom()) / rows.length;
    }

    long rawVectorBytes() {
        return (long) rows.length * dim() * Float.BYTES;
    }

    String luceneSimilarityName() {
        return metric == DistanceMetric.L2 ? "EUCLIDEAN" : "COSINE";
    }
}
