package io.github.lancedb4j.benchmarks;

import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.VectorIndexInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
