package io.github.lancedb4j.benchmarks;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.SearchTuning;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.Dataset;
import org.lance.index.DistanceType;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.Query;
import org.lance.ipc.ScanOptions;

/**
 * Where an indexed search of the store spends its time: the store's {@code search} against lance-java scans of the
 * store's own table, adding one by one what the store asks for (projection, vector column). Arguments: rows, dim,
 * index type (ivf_flat, ivf_hnsw_sq, …), nprobes, queries.
 */
public final class SearchPathProbe {

    private SearchPathProbe() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        int dim = Integer.parseInt(args[1]);
        VectorIndexType type = VectorIndexType.parse(args[2]);
        int nprobes = Integer.parseInt(args[3]);
        int nq = Integer.parseInt(args[4]);
        float[][] centroids = SyntheticData.centroids(42, 100, dim);
        float[][] data = SyntheticData.draw(42, 0, centroids, rows, 0.05);
        float[][] queries = SyntheticData.draw(42, 1, centroids, nq + 20, 0.05);
        Path dir = Files.createTempDirectory("probe-");
        try (LanceDbEmbeddingStore store = LanceDbEmbeddingStore.builder().uri(dir.toString()).tableName("t")
                .dimension(dim).indexPolicy(IndexPolicy.explicit()).build()) {
            List<Embedding> e = new ArrayList<>();
            List<TextSegment> s = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                e.add(Embedding.from(data[i]));
                s.add(TextSegment.from("Chunk " + i, new Metadata().put("source", "doc-" + i / 1000).put("n", i)));
            }
            for (int from = 0; from < rows; from += 10_000) {
                store.addAll(e.subList(from, Math.min(rows, from + 10_000)), s.subList(from, Math.min(rows, from + 10_000)));
            }
            long t0 = System.nanoTime();
            System.out.println("index " + store.createIndex(VectorIndexSpec.of(type)) + " in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
            SearchTuning tuning = SearchTuning.of(nprobes, null, null);
            time("store.search (includes vector, text, metadata)", queries, q -> store.search(
                    EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(q)).maxResults(10).minScore(0.0)
                            .build(), tuning).matches().size());
            var first = store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(queries[0]))
                    .maxResults(3).minScore(0.0).build(), tuning).matches();
            first.forEach(m -> System.out.println("  store hit " + m.embeddingId() + " score " + m.score() + " n="
                    + m.embedded().metadata().toMap().get("n") + " exact cosine "
                    + GroundTruth.dot(queries[0], data[((Number) m.embedded().metadata().toMap().get("n")).intValue()])));
            int[][] truth = GroundTruth.topK(data, new float[][] {queries[0]}, 3, 0, rows,
                    io.github.lancedb4j.store.DistanceMetric.COSINE);
            for (int t : truth[0]) {
                System.out.println("  truth n=" + t + " cosine " + GroundTruth.dot(queries[0], data[t]));
            }
            try (RootAllocator allocator = new RootAllocator();
                    Dataset ds = Dataset.open().allocator(allocator).uri(store.table().uri()).build()) {
                for (List<String> columns : List.of(List.of("id", "_distance"),
                        List.of("id", "text", "metadata", "metadata_types", "_distance"),
                        List.of("id", "text", "metadata", "metadata_types", "vector", "_distance"))) {
                    Query q0 = new Query.Builder().setColumn("vector").setKey(queries[0]).setK(3)
                            .setDistanceType(DistanceType.Cosine).setNprobes(nprobes).build();
                    try (LanceScanner sc = ds.newScan(new ScanOptions.Builder().nearest(q0).columns(columns).build());
                            ArrowReader r = sc.scanBatches()) {
                        while (r.loadNextBatch()) {
                            System.out.println("  " + columns + " -> " + r.getVectorSchemaRoot().getVector("id")
                                    + " distances " + r.getVectorSchemaRoot().getVector("_distance"));
                        }
                    }
                    time("raw on the store's table, np=" + nprobes + ", columns " + columns, queries, q -> {
                        Query nearest = new Query.Builder().setColumn("vector").setKey(q).setK(10)
                                .setDistanceType(DistanceType.Cosine).setNprobes(nprobes).build();
                        int n = 0;
                        try (LanceScanner sc = ds.newScan(new ScanOptions.Builder().nearest(nearest).columns(columns)
                                .build()); ArrowReader r = sc.scanBatches()) {
                            while (r.loadNextBatch()) {
                                n += r.getVectorSchemaRoot().getRowCount();
                            }
                        }
                        return n;
                    });
                }
            }
        } finally {
            LanceStoreSystem.deleteTree(dir);
        }
    }

    interface Search {
        int run(float[] q) throws Exception;
    }

    static void time(String label, float[][] queries, Search search) throws Exception {
        for (int i = 0; i < 20; i++) {
            search.run(queries[i]);
        }
        long[] t = new long[queries.length - 20];
        int results = 0;
        for (int i = 20; i < queries.length; i++) {
            long t0 = System.nanoTime();
            results += search.run(queries[i]);
            t[i - 20] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(t);
        System.out.printf("%-100s p50 %7.2f ms  (%d results)%n", label, t[t.length / 2] / 1e6, results);
    }
}
