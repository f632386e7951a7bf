package io.github.lancedb4j.benchmarks.filtered;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.MetadataColumn;
import io.github.lancedb4j.store.Row;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import io.github.lancedb4j.store.SearchQuery;
import io.github.lancedb4j.store.filter.MetadataFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Filtered search with a 1 %-selective metadata filter: the key read from the JSON metadata, then mirrored into a
 * typed column with a BTREE index ({@link MetadataColumn}), for no index, the exact index and IVF_HNSW_SQ.
 * Prints one Markdown row per configuration.
 *
 * <p>Usage: {@code FilteredSearchBenchmark [rows] [dim] [queries]} (defaults 100000, 384, 100).
 */
public final class FilteredSearchBenchmark {

    private FilteredSearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 384;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        System.out.println("| index | rows x dim | unfiltered p50 ms | JSON filter p50 ms | typed column + BTREE p50 ms "
                + "| matching rows |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (String index : List.of("none", "exact", "IVF_HNSW_SQ")) {
            run(index, rows, dim, queries);
        }
    }

    private static void run(String index, int n, int dim, int queries) throws Exception {
        Random random = new Random(7);
        float[][] centres = new float[100][dim];
        for (float[] c : centres) {
            for (int k = 0; k < dim; k++) {
                c[k] = (float) random.nextGaussian();
            }
        }
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(Row.of("id-" + i, "text " + i, Map.of("source", "doc-" + (i % 100), "n", i, "title", "title " + i),
                    "vector", point(centres, random, dim)));
        }
        Path dir = Files.createTempDirectory("lancedb4j-filtered");
        try (LanceDatabase db = LanceDatabase.connect(dir.toString())) {
            LanceTable table = db.openTable("t", List.of(VectorColumn.of("vector", dim)), true);
            for (int i = 0; i < n; i += 20_000) {
                table.append(rows.subList(i, Math.min(n, i + 20_000)));
            }
            if (!index.equals("none")) {
                table.indexes().createVectorIndex("vector", index.equals("exact") ? VectorIndexSpec.exact()
                        : VectorIndexSpec.of(VectorIndexType.valueOf(index)), DistanceMetric.COSINE);
            }
            List<float[]> qs = new ArrayList<>();
            for (int i = 0; i < queries; i++) {
                qs.add(point(centres, random, dim));
            }
            MetadataFilter filter = MetadataFilter.eq("source", "doc-42");
            double unfiltered = p50(table, qs, null);
            double json = p50(table, qs, filter);
            table.ensureMetadataColumn(MetadataColumn.of("source", MetadataColumn.Kind.STRING));
            double typed = p50(table, qs, filter);
            System.out.printf("| %s | %,d x %d | %.2f | %.2f | %.2f | %,d |%n", index, n, dim, unfiltered, json, typed,
                    table.countRows(filter));
        }
    }

    private static float[] point(float[][] centres, Random random, int dim) {
        float[] c = centres[random.nextInt(centres.length)];
        float[] v = new float[dim];
        for (int k = 0; k < dim; k++) {
            v[k] = c[k] + (float) (0.3 * random.nextGaussian());
        }
        return v;
    }

    /** Median latency of a second pass over the queries (the first warms caches). */
    private static double p50(LanceTable table, List<float[]> queries, MetadataFilter filter) {
        List<Long> latencies = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (float[] q : queries) {
                long start = System.nanoTime();
                table.search(SearchQuery.nearest("vector", q).limit(10).filter(filter).includeVector(true).build(), DistanceMetric.COSINE);
                if (pass == 1) {
                    latencies.add(System.nanoTime() - start);
                }
            }
        }
        Collections.sort(latencies);
        return latencies.get(latencies.size() / 2) / 1e6;
    }
}
