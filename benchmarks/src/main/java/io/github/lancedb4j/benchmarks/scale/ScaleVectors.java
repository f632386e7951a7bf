package io.github.lancedb4j.benchmarks.scale;

import io.github.lancedb4j.benchmarks.SyntheticData;
import java.util.stream.IntStream;

/**
 * The vectors of one part, never held whole: the benchmark's Gaussian mixture ({@link SyntheticData}, the same rows
 * as the {@code synth-<rows>-<dim>} data sets of {@code benchmarks/run full}), regenerated deterministically chunk by
 * chunk for whatever row range a system ingests, so memory stays bounded at any row count. Rows past {@code rows}
 * continue the same stream (the rows the timed inserts add). Metadata as in the main benchmark: {@code source =
 * doc-<row / (rows / documents)>}, so the filter {@code source = 'doc-42'} selects 1 % of the rows, a contiguous block.
 */
final class ScaleVectors {

    final int dim;
    final int rows;
    final int documents;
    final int rowsPerDocument;
    private final ScaleConfig config;
    private final float[][] centroids;
    private final float[][] queries;
    private final float[][] warmup;

    ScaleVectors(ScaleConfig c) {
        this.config = c;
        this.dim = c.dim();
        this.rows = c.rows();
        this.documents = c.documents();
        this.rowsPerDocument = (rows + documents - 1) / documents;
        this.centroids = SyntheticData.centroids(c.seed(), c.clusters(), dim);
        // Streams 1 and 2, as DataSets.synthetic: the same queries as the main benchmark's synth data sets.
        this.queries = draw(1, c.queries());
        this.warmup = draw(2, c.warmup());
    }

    private float[][] draw(int stream, int n) {
        float[][] out = new float[n][];
        for (int c = 0; c * SyntheticData.CHUNK < n; c++) {
            float[][] part = SyntheticData.chunk(config.seed(), stream, centroids, c,
                    Math.min(SyntheticData.CHUNK, n - c * SyntheticData.CHUNK), config.sigma());
            System.arraycopy(part, 0, out, c * SyntheticData.CHUNK, part.length);
        }
        return out;
    }

    /** Rows [from, to) of the data set (stream 0), generated on both cores. */
    float[][] rows(int from, int to) {
        float[][] out = new float[to - from][];
        int first = from / SyntheticData.CHUNK;
        int last = (to - 1) / SyntheticData.CHUNK;
        IntStream.rangeClosed(first, last).parallel().forEach(c -> {
            int start = c * SyntheticData.CHUNK;
            float[][] chunk = SyntheticData.chunk(config.seed(), 0, centroids, c,
                    Math.min(SyntheticData.CHUNK, to - start), config.sigma());
            int lo = Math.max(from, start);
            System.arraycopy(chunk, lo - start, out, lo - from, chunk.length - (lo - start));
        });
        return out;
    }

    float[] query(int i) {
        return queries[i];
    }

    float[] warmupQuery(int i) {
        return warmup[i];
    }

    int queries() {
        return queries.length;
    }

    int warmups() {
        return warmup.length;
    }

    float[][] queryMatrix() {
        return queries;
    }

    String source(int row) {
        return "doc-" + Math.min(row / rowsPerDocument, documents - 1);
    }

    String text(int row) {
        return "Chunk " + (row % rowsPerDocument) + " of " + source(row);
    }

    /** The 1 % filter: {@code source = 'doc-42'} (or the last document on tiny parts). */
    String filteredSource() {
        return "doc-" + Math.min(42, documents - 1);
    }

    int filteredFrom() {
        return Math.min(42, documents - 1) * rowsPerDocument;
    }

    int filteredTo() {
        return Math.min(rows, filteredFrom() + rowsPerDocument);
    }

    String description() {
        return String.format("Gaussian mixture: %d centroids uniform on the unit sphere, each point = centroid + "
                + "N(0, %.3f) per component, normalised; seed %d; queries are fresh draws from the same mixture; "
                + "cosine; generated chunk by chunk, never held whole", config.clusters(), config.sigma(),
                config.seed());
    }
}
