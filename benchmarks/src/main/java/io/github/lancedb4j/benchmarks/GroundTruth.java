package io.github.lancedb4j.benchmarks;

import io.github.lancedb4j.store.DistanceMetric;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Exact top-k by brute force in plain Java (eight float accumulators per vector pair summed in double, parallel over
 * queries), cached on disk by data
 * set key; and recall against it.
 */
public final class GroundTruth {

    private GroundTruth() {
    }

    /** Computes (or reads from the cache) the unfiltered ground truth of the timed queries and that of each filter. */
    static void compute(DataSet d, int k, Path cacheDir, String key) throws IOException {
        // "-f4": the unfiltered matrix, then one per filter of FilterCase.standard (0.1, 1, 10, 50 %).
        Path file = cacheDir.resolve("gt").resolve(key + "-k" + k + "-f" + d.filters.size() + ".bin");
        long t0 = System.nanoTime();
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                d.truth = readMatrix(in);
                for (FilterCase f : d.filters) {
                    f.truth = readMatrix(in);
                }
            }
            if (d.truth.length == d.queries()) {
                d.groundTruthSeconds = (System.nanoTime() - t0) / 1e9;
                Progress.log(String.format("%s: ground truth read from %s", d.name, file));
                return;
            }
        }
        float[][] queries = Arrays.copyOfRange(d.allQueries, d.warmup, d.allQueries.length);
        d.truth = topK(d.rows, queries, k, 0, d.size(), d.metric);
        for (FilterCase f : d.filters) {
            f.truth = topK(d.rows, queries, k, f.from, f.to, d.metric);
        }
        d.groundTruthSeconds = (System.nanoTime() - t0) / 1e9;
        Progress.log(String.format("%s: exact ground truth (%d queries x %d rows, unfiltered and %d filters) in %.1f s",
                d.name, queries.length, d.size(), d.filters.size(), d.groundTruthSeconds));
        Files.createDirectories(file.getParent());
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            writeMatrix(out, d.truth);
            for (FilterCase f : d.filters) {
                writeMatrix(out, f.truth);
            }
        }
    }

    /**
     * For each query, the indices of the k rows among [from, to) with the highest cosine similarity (COSINE, DOT on
     * unit vectors) or the smallest squared Euclidean distance (L2), best first.
     */
    public static int[][] topK(float[][] rows, float[][] queries, int k, int from, int to, DistanceMetric metric) {
        boolean l2 = metric == DistanceMetric.L2;
        double[] norms = new double[rows.length];
        if (!l2) {
            IntStream.range(from, to).parallel().forEach(i -> norms[i] = Math.sqrt(dot(rows[i], rows[i])));
        }
        int[][] result = new int[queries.length][];
        IntStream.range(0, queries.length).parallel().forEach(q -> {
            float[] query = queries[q];
            double qn = l2 ? 1 : Math.sqrt(dot(query, query));
            int n = Math.min(k, to - from);
            double[] scores = new double[n];
            int[] ids = new int[n];
            Arrays.fill(scores, Double.NEGATIVE_INFINITY);
            Arrays.fill(ids, -1);
            for (int i = from; i < to; i++) {
                // Higher is better: cosine, or minus the squared distance.
                double s = l2 ? -squaredL2(query, rows[i]) : dot(query, rows[i]) / (qn * norms[i]);
                if (s > scores[n - 1]) {
                    int p = n - 1;
                    while (p > 0 && scores[p - 1] < s) {
                        scores[p] = scores[p - 1];
                        ids[p] = ids[p - 1];
                        p--;
                    }
                    scores[p] = s;
                    ids[p] = i;
                }
            }
            result[q] = ids;
        });
        return result;
    }

    /** Dot product with eight independent float accumulators (C2 does not vectorise reductions), summed in double. */
    static double dot(float[] a, float[] b) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 7 < a.length; i += 8) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
            s4 += a[i + 4] * b[i + 4];
            s5 += a[i + 5] * b[i + 5];
            s6 += a[i + 6] * b[i + 6];
            s7 += a[i + 7] * b[i + 7];
        }
        double s = (double) s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
        for (; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** Squared Euclidean distance, eight float accumulators summed in double. */
    static double squaredL2(float[] a, float[] b) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 7 < a.length; i += 8) {
            float d0 = a[i] - b[i], d1 = a[i + 1] - b[i + 1], d2 = a[i + 2] - b[i + 2], d3 = a[i + 3] - b[i + 3];
            float d4 = a[i + 4] - b[i + 4], d5 = a[i + 5] - b[i + 5], d6 = a[i + 6] - b[i + 6], d7 = a[i + 7] - b[i + 7];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
            s4 += d4 * d4;
            s5 += d5 * d5;
            s6 += d6 * d6;
            s7 += d7 * d7;
        }
        double s = (double) s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
        for (; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    /** Mean over queries of |found ∩ truth| / |truth|; found entries of -1 (unknown rows) never match. */
    public static double recall(int[][] found, int[][] truth) {
        double sum = 0;
        int n = Math.min(found.length, truth.length);
        for (int q = 0; q < n; q++) {
            int hits = 0;
            for (int t : truth[q]) {
                for (int f : found[q]) {
                    if (f == t) {
                        hits++;
                        break;
                    }
                }
            }
            sum += (double) hits / truth[q].length;
        }
        return sum / n;
    }

    private static int[][] readMatrix(DataInputStream in) throws IOException {
        int n = in.readInt();
        int[][] m = new int[n][];
        for (int i = 0; i < n; i++) {
            m[i] = new int[in.readInt()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = in.readInt();
            }
        }
        return m;
    }

    private static void writeMatrix(DataOutputStream out, int[][] m) throws IOException {
        out.writeInt(m.length);
        for (int[] row : m) {
            out.writeInt(row.length);
            for (int v : row) {
                out.writeInt(v);
            }
        }
    }
}
