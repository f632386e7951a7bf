package io.github.lancedb4j.benchmarks.scale;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.SearchTuning;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.internal.LanceTypes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.Dataset;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.Query;
import org.lance.ipc.ScanOptions;

/**
 * A nearest-neighbour query straight through lance-java on a store's table: the same index and tuning, projecting
 * only {@code id} and {@code _distance} — the floor under the store's search.
 */
final class RawSearch {

    private RawSearch() {
    }

    static int[] top(Dataset ds, float[] q, int k, SearchTuning t, String prefilter, Map<String, Integer> rowOfId) {
        Query.Builder nearest = new Query.Builder().setColumn(VectorColumn.DEFAULT_NAME).setKey(q).setK(k)
                .setDistanceType(LanceTypes.distance(DistanceMetric.COSINE));
        if (t != null) {
            if (t.nprobes() != null) {
                nearest.setNprobes(t.nprobes());
            }
            if (t.refineFactor() != null) {
                nearest.setRefineFactor(t.refineFactor());
            }
            if (t.ef() != null) {
                nearest.setEf(Math.max(t.ef(), k * (t.refineFactor() == null ? 1 : t.refineFactor())));
            }
        }
        ScanOptions.Builder options = new ScanOptions.Builder().nearest(nearest.build())
                .columns(List.of("id", "_distance"));
        if (prefilter != null) {
            options.filter(prefilter).prefilter(true);
        }
        int[] rows = new int[k];
        int count = 0;
        try (LanceScanner scanner = ds.newScan(options.build()); ArrowReader reader = scanner.scanBatches()) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                VarCharVector id = (VarCharVector) root.getVector("id");
                for (int i = 0; i < root.getRowCount() && count < k; i++) {
                    rows[count++] = rowOfId.getOrDefault(new String(id.get(i), StandardCharsets.UTF_8), -1);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("raw lance-java search failed", e);
        }
        return Arrays.copyOf(rows, count);
    }
}
