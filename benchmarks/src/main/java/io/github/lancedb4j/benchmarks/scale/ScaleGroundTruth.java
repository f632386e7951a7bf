package io.github.lancedb4j.benchmarks.scale;

import io.github.lancedb4j.benchmarks.GroundTruth;
import io.github.lancedb4j.store.DistanceMetric;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Exact top-k of the timed queries, unfiltered and within the 1 % filter, by brute force over every row: the rows are
 * regenerated block by block, each block ranked with {@link GroundTruth#topK} (both cores), and the blocks' best merged
 * by exact cosine. Cached on disk by part, so each part pays it once.
 */
final class ScaleGroundTruth {

    private static final int BLOCK = 32_768;

    final int[][] truth;
    final int[][] filteredTruth;
    final double seconds;

    private ScaleGroundTruth(int[][] truth, int[][] filteredTruth, double seconds) {
        this.truth = truth;
        this.filteredTruth = filteredTruth;
        this.seconds = seconds;
    }

    static Path cacheFile(ScaleConfig c) {
        return c.dataDir().resolve("scale").resolve(String.format("gt-%d-%d-seed%d-c%d-s%s-q%d-docs%d-k%d.bin", c.dim(),
                c.rows(), c.seed(), c.clusters(), c.sigma(), c.queries(), c.documents(), c.k()));
    }

    /** Reads the cached ground truth, or computes and caches it. */
    static ScaleGroundTruth load(ScaleConfig c, ScaleVectors v) throws IOException {
        Path file = cacheFile(c);
        if (Files.exists(file)) {
            try (ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                return new ScaleGroundTruth((int[][]) in.readObject(), (int[][]) in.readObject(), in.readDouble());
            } catch (ClassNotFoundException e) {
                throw new IOException(file + ": not a ground-truth file", e);
            }
        }
        long t0 = System.nanoTime();
        float[][] queries = v.queryMatrix();
        int k = c.k();
        Best all = new Best(queries.length, k);
        Best filtered = new Best(queries.length, k);
        for (int from = 0; from < v.rows; from += BLOCK) {
            int to = Math.min(v.rows, from + BLOCK);
            float[][] block = v.rows(from, to);
            all.merge(block, from, queries, GroundTruth.topK(block, queries, k, 0, block.length, DistanceMetric.COSINE));
            int lo = Math.max(from, v.filteredFrom());
            int hi = Math.min(to, v.filteredTo());
            if (lo < hi) {
                filtered.merge(block, from, queries, GroundTruth.topK(block, queries, k, lo - from, hi - from,
                        DistanceMetric.COSINE));
            }
            if ((from / BLOCK) % 16 == 15) {
                ScaleLog.log(String.format("ground truth: %,d of %,d rows (%.0f s)", to, v.rows,
                        (System.nanoTime() - t0) / 1e9));
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ScaleGroundTruth gt = new ScaleGroundTruth(all.ids, filtered.ids, seconds);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeObject(gt.truth);
            out.writeObject(gt.filteredTruth);
            out.writeDouble(seconds);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        ScaleLog.log(String.format("ground truth of %d queries over %,d x %d computed in %.0f s", queries.length, v.rows,
                v.dim, seconds));
        return gt;
    }

    /** The running exact top-k per query (cosine of unit vectors = dot product, in double). */
    private static final class Best {
        final double[][] scores;
        final int[][] ids;

        Best(int queries, int k) {
            scores = new double[queries][k];
            ids = new int[queries][k];
            for (int q = 0; q < queries; q++) {
                Arrays.fill(scores[q], Double.NEGATIVE_INFINITY);
                Arrays.fill(ids[q], -1);
            }
        }

        void merge(float[][] block, int offset, float[][] queries, int[][] candidates) {
            for (int q = 0; q < queries.length; q++) {
                for (int local : candidates[q]) {
                    if (local >= 0) {
                        insert(q, offset + local, cosine(queries[q], block[local]));
                    }
                }
            }
        }

        private void insert(int q, int id, double s) {
            double[] sc = scores[q];
            int[] id2 = ids[q];
            int p = sc.length - 1;
            if (!(s > sc[p])) {
                return;
            }
            while (p > 0 && sc[p - 1] < s) {
                sc[p] = sc[p - 1];
                id2[p] = id2[p - 1];
                p--;
            }
            sc[p] = s;
            id2[p] = id;
        }
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
