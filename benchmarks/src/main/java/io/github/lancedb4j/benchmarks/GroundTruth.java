package io.github.lancedb4j.benchmarks;

import java.util.Arrays;
import java.util.stream.IntStream;

/** Exact top-k by cosine similarity, brute force in plain Java (double accumulation), and recall against it. */
public final class GroundTruth {

    private GroundTruth() {
    }

    /** For each query, the indices of the k rows with the highest cosine among rows [from, to), best first. */
    public static int[][] topK(float[][] rows, float[][] queries, int k, int from, int to) {
        double[] norms = new double[rows.length];
        IntStream.range(from, to).parallel().forEach(i -> norms[i] = Math.sqrt(dot(rows[i], rows[i])));
        int[][] result = new int[queries.length][];
        IntStream.range(0, queries.length).parallel().forEach(q -> {
            float[] query = queries[q];
            double qn = Math.sqrt(dot(query, query));
            // A small sorted array: best[0] is the highest score.
            int n = Math.min(k, to - from);
            double[] scores = new double[n];
            int[] ids = new int[n];
            Arrays.fill(scores, Double.NEGATIVE_INFINITY);
            Arrays.fill(ids, -1);
            for (int i = from; i < to; i++) {
                double s = dot(query, rows[i]) / (qn * norms[i]);
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

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** Mean over queries of |found ∩ truth| / |truth|; found entries of -1 (unknown ids) never match. */
    public static double recall(int[][] found, int[][] truth) {
        double sum = 0;
        for (int q = 0; q < truth.length; q++) {
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
        return sum / truth.length;
    }
}
