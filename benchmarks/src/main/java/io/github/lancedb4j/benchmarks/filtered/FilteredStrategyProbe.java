package io.github.lancedb4j.benchmarks.filtered;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.ReadConsistency;
import io.github.lancedb4j.store.Row;
import io.github.lancedb4j.store.SearchTuning;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.VectorIndexInfo;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import io.github.lancedb4j.store.filter.FilterSql;
import io.github.lancedb4j.store.filter.MetadataFilter;
import io.github.lancedb4j.store.internal.LanceTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.Query;
import org.lance.ipc.ScanOptions;

/**
 * Which way to run a filtered search on an ANN index, measured: for every index type and selectivity (0.1, 1, 10,
 * 50 %), recall@10 against the exact filtered top-10, result count and p50 of (a) the index's default tuning,
 * (b) Lance probing on until k rows are found (maximumNprobes = all), (c) nprobes scaled by 1/selectivity,
 * (d) an exact scan of the matching rows (no index). Raw Lance scans on the store's own table, so the strategy
 * is all that differs.
 *
 * <p>{@code benchmarks/run probe filtered.FilteredStrategyProbe [rows] [dim] [queries]} (default 100000 128 40).
 */
public final class FilteredStrategyProbe {

    private static final int K = 10;
    private static final int[] PER_MILLE = {1, 10, 100, 500};

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        String only = System.getProperty("probe.index", "");
        Random random = new Random(11);
        float[][] centres = new float[200][dim];
        for (float[] c : centres) {
            for (int k = 0; k < dim; k++) {
                c[k] = (float) random.nextGaussian();
            }
        }
        float[][] vectors = new float[n][];
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            vectors[i] = point(centres, random, dim);
            rows.add(Row.of("id-" + i, "t", Map.of("g1", i % 1000 == 0 ? 1 : 0, "g10", i % 100 == 0 ? 1 : 0,
                    "g100", i % 10 == 0 ? 1 : 0, "g500", i % 2 == 0 ? 1 : 0), "vector", vectors[i]));
        }
        float[][] qs = new float[queries][];
        for (int q = 0; q < queries; q++) {
            qs[q] = point(centres, random, dim);
        }
        System.out.printf("Filtered-search strategies: %,d x %d clustered (200 centres), cosine, k = %d, %d queries; "
                + "recall against the exact filtered top-10%n", n, dim, K, queries);
        System.out.println("| index | selectivity | strategy | recall@10 | mean hits | p50 ms |");
        System.out.println("|---|---|---|---|---|---|");
        for (VectorIndexType type : VectorIndexType.values()) {
            if (!only.isEmpty() && !only.equals(type.name())) {
                continue;
            }
            Path dir = Files.createTempDirectory("filtered-strategy");
            try (LanceDatabase db = LanceDatabase.builder().uri(dir.toString()).readConsistency(ReadConsistency.manual())
                    .build()) {
                LanceTable table = db.openTable("t", List.of(VectorColumn.of("vector", dim)), true);
                table.indexes().indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.COSINE);
                for (int i = 0; i < n; i += 25_000) {
                    table.append(rows.subList(i, Math.min(n, i + 25_000)));
                }
                long start = System.nanoTime();
                VectorIndexInfo index = table.indexes().createVectorIndex("vector", VectorIndexSpec.of(type),
                        DistanceMetric.COSINE);
                System.err.printf("%s built in %.1f s%n", type, (System.nanoTime() - start) / 1e9);
                for (int perMille : PER_MILLE) {
                    MetadataFilter filter = MetadataFilter.eq("g" + perMille, 1);
                    int step = 1000 / perMille;
                    List<Set<String>> truth = new ArrayList<>();
                    for (float[] q : qs) {
                        truth.add(exact(vectors, q, step));
                    }
                    String predicate = FilterSql.withColumns(Map.of()).predicate(filter);
                    double s = perMille / 1000.0;
                    SearchTuning base = index.searchTuning();
                    int parts = index.partitions() == null ? 1 : index.partitions();
                    int scaled = (int) Math.min(parts, Math.ceil(base.nprobes() / s));
                    measure(table, type, perMille, "default tuning", qs, truth, predicate,
                            b -> tune(b, index, base.nprobes(), null));
                    measure(table, type, perMille, "probe until k found", qs, truth, predicate,
                            b -> tune(b, index, base.nprobes(), parts));
                    measure(table, type, perMille, "nprobes x 1/s (" + scaled + ")", qs, truth, predicate,
                            b -> tune(b, index, scaled, parts));
                    measure(table, type, perMille, "exact scan of matches", qs, truth, predicate,
                            b -> b.setUseIndex(false));
                }
            }
        }
    }

    private static void tune(Query.Builder b, VectorIndexInfo index, int nprobes, Integer maxNprobes) {
        SearchTuning t = index.searchTuning();
        b.setMinimumNprobes(nprobes);
        if (maxNprobes != null) {
            b.setMaximumNprobes(maxNprobes);
        } else {
            b.setMaximumNprobes(nprobes);
        }
        if (t.refineFactor() != null && index.type() != VectorIndexType.IVF_FLAT) {
            b.setRefineFactor(t.refineFactor());
        }
        if (t.ef() != null && index.type() == VectorIndexType.IVF_HNSW_SQ) {
            b.setEf(Math.max(t.ef(), K * (t.refineFactor() == null ? 1 : t.refineFactor())));
        }
    }

    private static void measure(LanceTable table, VectorIndexType type, int perMille, String strategy, float[][] qs,
            List<Set<String>> truth, String predicate, java.util.function.Consumer<Query.Builder> setup) {
        double recall = 0;
        long hits = 0;
        long[] latency = new long[qs.length];
        for (int pass = 0; pass < 2; pass++) {
            for (int q = 0; q < qs.length; q++) {
                Query.Builder b = new Query.Builder().setColumn("vector").setKey(qs[q]).setK(K)
                        .setDistanceType(LanceTypes.distance(DistanceMetric.COSINE));
                setup.accept(b);
                ScanOptions scan = new ScanOptions.Builder().nearest(b.build()).filter(predicate).prefilter(true)
                        .columns(List.of("id", "_distance")).build();
                long start = System.nanoTime();
                List<String> ids = table.withDataset(ds -> {
                    List<String> out = new ArrayList<>();
                    try (LanceScanner scanner = ds.newScan(scan); ArrowReader reader = scanner.scanBatches()) {
                        while (reader.loadNextBatch()) {
                            VarCharVector v = (VarCharVector) reader.getVectorSchemaRoot().getVector("id");
                            for (int i = 0; i < v.getValueCount(); i++) {
                                out.add(new String(v.get(i)));
                            }
                        }
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                    return out;
                });
                latency[q] = System.nanoTime() - start;
                if (pass == 1) {
                    hits += ids.size();
                    Set<String> found = new HashSet<>(ids);
                    found.retainAll(truth.get(q));
                    recall += found.size() / (double) truth.get(q).size();
                }
            }
        }
        Arrays.sort(latency);
        System.out.printf("| %s | %.1f %% | %s | %.3f | %.1f | %.2f |%n", type, perMille / 10.0, strategy,
                recall / qs.length, hits / (double) qs.length, latency[qs.length / 2] / 1e6);
    }

    /** The exact top-k (cosine) among rows i with i % step == 0. */
    private static Set<String> exact(float[][] vectors, float[] q, int step) {
        double qn = norm(q);
        int[] best = new int[K];
        double[] bestSim = new double[K];
        Arrays.fill(bestSim, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < vectors.length; i += step) {
            double sim = dot(vectors[i], q) / (norm(vectors[i]) * qn);
            if (sim > bestSim[K - 1]) {
                int pos = K - 1;
                while (pos > 0 && bestSim[pos - 1] < sim) {
                    bestSim[pos] = bestSim[pos - 1];
                    best[pos] = best[pos - 1];
                    pos--;
                }
                bestSim[pos] = sim;
                best[pos] = i;
            }
        }
        Set<String> ids = new HashSet<>();
        for (int j = 0; j < K; j++) {
            if (bestSim[j] > Double.NEGATIVE_INFINITY) {
                ids.add("id-" + best[j]);
            }
        }
        return ids;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static float[] point(float[][] centres, Random random, int dim) {
        float[] c = centres[random.nextInt(centres.length)];
        float[] v = new float[dim];
        for (int k = 0; k < dim; k++) {
            v[k] = c[k] + (float) (0.4 * random.nextGaussian());
        }
        return v;
    }
}
