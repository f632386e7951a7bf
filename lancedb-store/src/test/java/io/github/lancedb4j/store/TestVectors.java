package io.github.lancedb4j.store;

import java.util.Random;

/** Vector arithmetic the tests compute expected answers with, in double precision. */
final class TestVectors {

    private TestVectors() {
    }

    static float[] gaussian(Random random, int dimension) {
        float[] v = new float[dimension];
        for (int k = 0; k < dimension; k++) {
            v[k] = (float) random.nextGaussian();
        }
        return v;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += (double) a[k] * b[k];
            na += (double) a[k] * a[k];
            nb += (double) b[k] * b[k];
        }
        return dot / Math.sqrt(na * nb);
    }
}
