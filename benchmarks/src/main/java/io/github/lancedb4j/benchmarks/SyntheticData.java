package io.github.lancedb4j.benchmarks;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Clustered synthetic embeddings: a Gaussian mixture whose centroids are uniform on the unit sphere; each point is a
 * centroid plus N(0, sigma) noise per component, normalised to unit length. Queries come from the same mixture
 * (fresh draws, not rows of the data set). Deterministic for a given seed; rows are drawn in parallel chunks of
 * 4,096, each from its own seeded generator.
 */
public final class SyntheticData {

    /** Rows per independently seeded chunk: row i is the same in every data set drawn with the same seed. */
    public static final int CHUNK = 4096;

    private SyntheticData() {
    }

    public static float[][] centroids(long seed, int clusters, int dim) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] centroids = new float[clusters][];
        for (int i = 0; i < clusters; i++) {
            centroids[i] = normalise(gaussian(random, dim, 1.0, null));
        }
        return centroids;
    }

    /** n points of the mixture; stream 0 is the rows, other streams are query sets. */
    static float[][] draw(long seed, int stream, float[][] centroids, int n, double sigma) {
        float[][] out = new float[n][];
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            float[][] rows = chunk(seed, stream, centroids, c, Math.min(CHUNK, n - c * CHUNK), sigma);
            System.arraycopy(rows, 0, out, c * CHUNK, rows.length);
        });
        return out;
    }

    /**
     * The first {@code count} (at most {@link #CHUNK}) points of chunk {@code c} of a stream, i.e. rows
     * {@code c * CHUNK …}: what {@link #draw} puts there, so that a large data set can be produced piece by piece.
     */
    public static float[][] chunk(long seed, int stream, float[][] centroids, int c, int count, double sigma) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + stream * 7_919L + c);
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
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
