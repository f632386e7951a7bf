package io.github.lancedb4j.benchmarks;

import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.VectorIndexInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What this library's two stores share in the benchmark: a fresh table per run, the stages (flat = no index yet;
 * or one index each, built with {@code createIndex} and timed), and the sweep of search tunings.
 */
abstract class LanceStoreSystem implements BenchSystem {

    final IndexPolicy policy;
    final List<String> stages;
    final boolean fullSweep;
    final Map<String, VectorIndexInfo> built = new ConcurrentHashMap<>();
    Path directory;
    private boolean promoted;
    /** Set when a promotion lost the vector index (a core fault; the report shows it). */
    private String indexLoss;

    LanceStoreSystem(IndexPolicy policy, List<String> stages, boolean fullSweep) {
        this.policy = policy;
        this.stages = stages;
        this.fullSweep = fullSweep;
    }

    abstract LanceTable table();

    abstract VectorIndexInfo createIndex(String stage);

    @Override
    public List<String> stages() {
        return stages;
    }

    @Override
    public double prepare(String stage, DataSet d) {
        if (stage.equals("flat")) {
            if (table().indexes().vectorIndex(table().vectorColumns().keySet().iterator().next()).isPresent()) {
                throw new IllegalStateException("flat stage on an indexed table");
            }
            return Double.NaN;
        }
        long t0 = System.nanoTime();
        VectorIndexInfo info = createIndex(stage);
        double seconds = (System.nanoTime() - t0) / 1e9;
        built.put(stage, info);
        return seconds;
    }

    @Override
    public String describe(String stage) {
        VectorIndexInfo info = built.get(stage);
        if (info == null) {
            return policy.mode() == IndexPolicy.Mode.NONE ? "IndexPolicy.none(): flat scan" : "no index yet: flat scan";
        }
        return info.type() + (info.exact() ? " exact (1 partition)" : "") + ", " + info.partitions() + " partitions, "
                + info.indexedRows() + " rows indexed";
    }

    @Override
    public List<Tuning> sweep(String stage, DataSet d) {
        VectorIndexInfo info = built.get(stage);
        return LanceSweeps.sweep(stage, info == null || info.partitions() == null ? 1 : info.partitions(), fullSweep);
    }

    @Override
    public boolean supportsFilter(DataSet d) {
        return true;
    }

    @Override
    public String filterPath() {
        return !promoted ? "JSON metadata" : indexLoss == null ? "promoted keys" : "promoted keys (index lost)";
    }

    /**
     * Promotes every filter key with {@link LanceTable#promoteMetadataKey} (what the AUTO policy does by itself after
     * {@code promoteKeysAfter} filtered searches). A promotion must keep the stage's vector index (it rewrites only the
     * promoted columns; filtered.PromotionIndexProbe checks it): if the index is gone or covers fewer rows, the
     * promoted path is still measured as it is, and the report says so instead of repairing the table.
     */
    @Override
    public double speedUpFilters(DataSet d) {
        String column = table().vectorColumns().keySet().iterator().next();
        Optional<VectorIndexInfo> before = table().indexes().vectorIndex(column);
        long t0 = System.nanoTime();
        Set<String> keys = new LinkedHashSet<>();
        for (FilterCase f : d.filters) {
            table().promoteMetadataKey(f.key);
            keys.add(f.key);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!table().promotedMetadataKeys().containsAll(keys)) {
            throw new IllegalStateException("Keys " + keys + " are not all promoted after promoteMetadataKey: "
                    + table().promotedMetadataKeys());
        }
        promoted = true;
        Optional<VectorIndexInfo> after = table().indexes().vectorIndex(column);
        if (before.isPresent() && (after.isEmpty() || after.get().indexedRows() < before.get().indexedRows())) {
            indexLoss = String.format("promoteMetadataKey (%.1f s for %d keys) left the vector index %s: the promoted "
                    + "keys were measured without it", seconds, keys.size(),
                    after.map(i -> "covering " + i.indexedRows() + " of " + before.get().indexedRows() + " rows")
                            .orElse("dropped"));
            Progress.log(name() + " " + built.keySet() + ": " + indexLoss);
        }
        return seconds;
    }

    @Override
    public String filterNote() {
        return indexLoss;
    }

    @Override
    public boolean bruteForce(String stage) {
        return stage.equals("flat") || stage.equals("exact");
    }

    @Override
    public long diskBytes() {
        try (Stream<Path> files = Files.walk(Path.of(table().uri()))) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }

    static int rowOf(Object n) {
        if (n instanceof Number num) {
            return num.intValue();
        }
        return n == null ? -1 : Integer.parseInt(n.toString());
    }
}
