package io.github.lancedb4j.benchmarks;

import java.util.SplittableRandom;

/**
 * Clustered synthetic embeddings: a Gaussian mixture whose centroids are uniform on the unit sphere; each point is a
 * centroid plus N(0, sigma) noise per component, normalised to unit length. Queries come from the same mixture
 * (fresh draws, not rows of the data set). Deterministic for a given seed.
 */
public final class SyntheticData {

    public final float[][] rows;
    public final float[][] queries;
    public final float[][] warmupQueries;

    private SyntheticData(float[][] rows, float[][] queries, float[][] warmupQueries) {
        this.rows = rows;
        this.queries = queries;
        this.warmupQueries = warmupQueries;
    }

    public static SyntheticData generate(BenchmarkConfig c) {
        SplittableRandom root = new SplittableRandom(c.seed());
        SplittableRandom centroidRandom = root.split();
        SplittableRandom rowRandom = root.split();
        SplittableRandom queryRandom = root.split();
        float[][] centroids = new float[c.clusters()][];
        for (int i = 0; i < centroids.length; i++) {
            centroids[i] = normalise(gaussian(centroidRandom, c.dim(), 1.0, null));
        }
        return new SyntheticData(
                draw(rowRandom, centroids, c.rows(), c.sigma()),
                draw(queryRandom, centroids, c.queries(), c.sigma()),
                draw(queryRandom, centroids, c.warmup(), c.sigma()));
    }

    private static float[][] draw(SplittableRandom random, float[][] centroids, int n, double sigma) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] centroid = centroids[random.nextInt(centroids.length)];
            out[i] = normalise(gaussian(random, centroid.length, sigma, centroid));
        }
        return out;
    }

    /** base + N(0, sigma) per component (base may be null). */
    private static float[] gaussian(SplittableRandom random, int dim, double sigma, float[] base) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i += 2) {
            // Box-Muller: two independent normals per pair of uniforms.
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            double r = Math.sqrt(-2.0 * Math.log(u1)) * sigma;
            v[i] = (float) (r * Math.cos(2 * Math.PI * u2));
            if (i + 1 < dim) {
                v[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
            }
        }
        if (base != null) {
            for (int i = 0; i < dim; i++) {
                v[i] += base[i];
            }
        }
        return v;
    }

    static float[] normalise(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        float inv = (float) (1.0 / Math.sqrt(s));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
