package io.github.lancedb4j.benchmarks;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.ReadConsistency;
import io.github.lancedb4j.store.Row;
import io.github.lancedb4j.store.SearchQuery;
import io.github.lancedb4j.store.SearchTuning;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.VectorIndexInfo;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import io.github.lancedb4j.store.internal.LanceTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.Dataset;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.Query;
import org.lance.ipc.ScanOptions;

/**
 * Where the store's search time goes next to raw lance-java on the same table, handle and tuning: raw scans
 * projecting more and more columns, a two-step search (ids and distances, then the payload of the k hits), and the
 * store's own search with and without vectors. Interleaved rounds on one machine.
 *
 * <p>{@code benchmarks/run probe LeanPathProbe [rows] [dim] [index] [queries]} (default 20000 384 ivf_hnsw_sq 200).
 */
public final class LeanPathProbe {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 384;
        VectorIndexType type = VectorIndexType.parse(args.length > 2 ? args[2] : "ivf_hnsw_sq");
        int nq = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        float[][] centroids = SyntheticData.centroids(42, 100, dim);
        float[][] data = SyntheticData.draw(42, 0, centroids, rows, 0.05);
        float[][] queries = SyntheticData.draw(42, 1, centroids, nq, 0.05);
        String format = System.getProperty("probe.format", "2.0");
        Path dir = Files.createTempDirectory("lean-");
        try (LanceDatabase db = LanceDatabase.builder().uri(dir.toString()).readConsistency(ReadConsistency.manual())
                .fileFormatVersion(format).build()) {
            LanceTable table = db.openTable("t", List.of(VectorColumn.of("vector", dim)), true);
            table.indexes().indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.COSINE);
            List<Row> batch = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                batch.add(Row.of("id-" + i, "Chunk " + i + " of some document text", Map.of("source", "doc-" + i / 1000,
                        "n", i), "vector", data[i]));
                if (batch.size() == 10_000) {
                    table.append(batch);
                    batch = new ArrayList<>();
                }
            }
            table.append(batch);
            VectorIndexInfo index = table.indexes().createVectorIndex("vector", VectorIndexSpec.of(type), DistanceMetric.COSINE);
            SearchTuning t = index.searchTuning();
            System.out.printf("Lean-path probe: %,d x %d, %s, file format %s, tuning %s, %d queries, k = 10; p50 and "
                    + "p99 in ms over 5 interleaved rounds%n", rows, dim, type, format, t, nq);
            List<String> labels = List.of("raw [id, _distance]", "raw + text, metadata", "raw + text, metadata, vector",
                    "raw [_rowid, _distance] + takeRows(payload of 10)", "store search (no vector)",
                    "store search (with vector)");
            List<ToIntFunction<float[]>> runs = List.of(
                    q -> raw(table, q, t, type, List.of("id", "_distance")),
                    q -> raw(table, q, t, type, List.of("id", "text", "metadata", "metadata_types", "_distance")),
                    q -> raw(table, q, t, type, List.of("id", "text", "metadata", "metadata_types", "vector",
                            "_distance")),
                    q -> twoStep(table, q, t, type),
                    q -> table.search(SearchQuery.nearest("vector", q).limit(10).build(), DistanceMetric.COSINE).size(),
                    q -> table.search(SearchQuery.nearest("vector", q).limit(10).includeVector(true).build(),
                            DistanceMetric.COSINE).size(),
                    q -> raw(table, q, SearchTuning.of(t.nprobes(), 1, 100), type, List.of("id", "_distance")),
                    q -> raw(table, q, SearchTuning.of(t.nprobes(), 1, 100), type, List.of("id", "text", "metadata",
                            "metadata_types", "_distance")));
            long[][] all = new long[runs.size()][];
            for (int r = 0; r < runs.size(); r++) {
                all[r] = new long[0];
            }
            for (int round = 0; round < 6; round++) {
                for (int r = 0; r < runs.size(); r++) {
                    long[] times = new long[nq];
                    for (int i = 0; i < nq; i++) {
                        long start = System.nanoTime();
                        int n = runs.get(r).applyAsInt(queries[i]);
                        times[i] = System.nanoTime() - start;
                        if (n != 10) {
                            throw new IllegalStateException(labels.get(r) + " returned " + n);
                        }
                    }
                    if (round > 0) { // the first round warms caches
                        long[] merged = Arrays.copyOf(all[r], all[r].length + nq);
                        System.arraycopy(times, 0, merged, all[r].length, nq);
                        all[r] = merged;
                    }
                }
            }
            for (int r = 0; r < runs.size(); r++) {
                Arrays.sort(all[r]);
                System.out.printf("| %s | %.2f | %.2f |%n", labels.get(r), all[r][all[r].length / 2] / 1e6,
                        all[r][(int) (all[r].length * 0.99)] / 1e6);
            }
        }
    }

    private static Query.Builder nearest(float[] q, SearchTuning t, VectorIndexType type) {
        Query.Builder b = new Query.Builder().setColumn("vector").setKey(q).setK(10)
                .setDistanceType(LanceTypes.distance(DistanceMetric.COSINE)).setNprobes(t.nprobes());
        if (t.refineFactor() != null && type != VectorIndexType.IVF_FLAT) {
            b.setRefineFactor(t.refineFactor());
        }
        if (t.ef() != null && type == VectorIndexType.IVF_HNSW_SQ) {
            b.setEf(Math.max(t.ef(), 10 * (t.refineFactor() == null ? 1 : t.refineFactor())));
        }
        return b;
    }

    private static int raw(LanceTable table, float[] q, SearchTuning t, VectorIndexType type, List<String> columns) {
        return table.withDataset(ds -> count(ds, new ScanOptions.Builder().nearest(nearest(q, t, type).build())
                .columns(columns).build()));
    }

    private static int twoStep(LanceTable table, float[] q, SearchTuning t, VectorIndexType type) {
        return table.withDataset(ds -> {
            List<Long> rowIds = new ArrayList<>();
            try (LanceScanner s = ds.newScan(new ScanOptions.Builder().nearest(nearest(q, t, type).build())
                    .columns(List.of("_distance")).withRowId(true).build()); ArrowReader r = s.scanBatches()) {
                while (r.loadNextBatch()) {
                    var ids = (org.apache.arrow.vector.UInt8Vector) r.getVectorSchemaRoot().getVector("_rowid");
                    for (int i = 0; i < r.getVectorSchemaRoot().getRowCount(); i++) {
                        rowIds.add(ids.get(i));
                    }
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
            int n = 0;
            try (ArrowReader r = ds.takeRows(rowIds, List.of("id", "text", "metadata", "metadata_types"))) {
                while (r.loadNextBatch()) {
                    n += r.getVectorSchemaRoot().getRowCount();
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
            return n;
        });
    }

    private static int count(Dataset ds, ScanOptions options) {
        int n = 0;
        try (LanceScanner s = ds.newScan(options); ArrowReader r = s.scanBatches()) {
            while (r.loadNextBatch()) {
                n += r.getVectorSchemaRoot().getRowCount();
            }
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
        return n;
    }
}
