package io.github.lancedb4j.benchmarks.filtered;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.Row;
import io.github.lancedb4j.store.SearchQuery;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.VectorIndexInfo;
import io.github.lancedb4j.store.filter.MetadataFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * What {@code IndexPolicy.auto()} does to an indexed table whose searches keep filtering on one metadata key: the
 * policy promotes the key after {@code promoteKeysAfter} filtered searches. Before 981c315 the promotion dropped the
 * vector index and the rebuild the policy then started forgot the promotion (filtered.PromotionIndexProbe), so the
 * table cycled: promote, index dropped, rebuild, promotion forgotten. Samples once a second, while one thread runs
 * filtered searches: the table version, its vector index and its promoted keys; then counts promotions, index builds
 * and the seconds without an index. Exits with status 1 unless the key is promoted once, stays promoted, and the
 * table never lacks its vector index.
 *
 * <p>{@code benchmarks/run probe filtered.AutoPromotionProbe [rows] [dim] [seconds]} (default 20000 32 60).
 */
public final class AutoPromotionProbe {

    private AutoPromotionProbe() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Random random = new Random(9);
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(Row.of("id-" + i, "t", Map.of("source", "doc-" + (i / (n / 100)), "n", i), "vector",
                    vector(random, dim)));
        }
        Path dir = Files.createTempDirectory("auto-promotion");
        int exit;
        try (LanceDatabase db = LanceDatabase.connect(dir.toString())) {
            LanceTable table = db.openTable("t", List.of(VectorColumn.of("vector", dim)), true);
            IndexPolicy policy = IndexPolicy.auto().withMinRows(n / 10).withAnnRows(n / 4);
            table.indexes().indexPolicy("vector", policy, DistanceMetric.COSINE);
            table.append(rows);
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (table.indexes().vectorIndex("vector").map(VectorIndexInfo::exact).orElse(true)
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            System.out.printf("%,d x %d rows, %s (promote keys after %d filtered searches); ANN index: %s%n", n, dim,
                    policy.mode(), policy.promoteKeysAfter(), table.indexes().vectorIndex("vector").orElse(null));
            MetadataFilter filter = MetadataFilter.eq("source", "doc-42");
            Thread searcher = new Thread(() -> {
                Random r = new Random(1);
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        table.search(SearchQuery.nearest("vector", vector(r, dim)).limit(10).filter(filter).build(),
                                DistanceMetric.COSINE);
                    } catch (RuntimeException e) {
                        if (Thread.currentThread().isInterrupted()) {
                            return;
                        }
                        System.out.println("search failed: " + e);
                    }
                }
            });
            searcher.start();
            long firstVersion = table.version();
            int noIndex = 0;
            int promotions = 0;
            int builds = 0;
            boolean wasPromoted = false;
            String lastIndex = table.indexes().vectorIndex("vector").map(VectorIndexInfo::name).orElse("none");
            for (int s = 1; s <= seconds; s++) {
                Thread.sleep(1000);
                table.refresh();
                Set<String> promoted = table.promotedMetadataKeys();
                VectorIndexInfo index = table.indexes().vectorIndex("vector").orElse(null);
                String now = index == null ? "none" : index.name() + " " + index.type();
                noIndex += index == null ? 1 : 0;
                promotions += !wasPromoted && promoted.contains("source") ? 1 : 0;
                builds += lastIndex.equals("none") && index != null ? 1 : 0;
                wasPromoted = promoted.contains("source");
                lastIndex = index == null ? "none" : now;
                System.out.printf("t=%3d s  version %4d  vector index %-28s  promoted %s%n", s, table.version(), now,
                        promoted);
            }
            searcher.interrupt();
            searcher.join(30_000);
            System.out.printf("in %d s of filtered searches: %d new versions, %d promotions of 'source', %d index "
                    + "rebuilds seen, %d samples without a vector index%n", seconds, table.version() - firstVersion,
                    promotions, builds, noIndex);
            boolean stable = promotions == 1 && wasPromoted && noIndex == 0;
            System.out.println(stable ? "OK: promoted once, the vector index stayed"
                    : "FAIL: the table cycled or lost its vector index");
            exit = stable ? 0 : 1;
        }
        System.exit(exit);
    }

    private static float[] vector(Random random, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
