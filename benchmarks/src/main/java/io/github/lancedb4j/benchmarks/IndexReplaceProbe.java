package io.github.lancedb4j.benchmarks;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lance.index.IndexDescription;

/**
 * Does replacing an index replace it for searches? Builds the exact index, then an ANN index, on one table, and
 * prints Lance's index list and the search latency and recall after each. Arguments: rows, dim, queries.
 */
public final class IndexReplaceProbe {

    private IndexReplaceProbe() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        int dim = Integer.parseInt(args[1]);
        int nq = Integer.parseInt(args[2]);
        float[][] centroids = SyntheticData.centroids(42, 100, dim);
        float[][] data = SyntheticData.draw(42, 0, centroids, rows, 0.05);
        float[][] queries = SyntheticData.draw(42, 1, centroids, nq, 0.05);
        int[][] truth = GroundTruth.topK(data, queries, 10, 0, rows, io.github.lancedb4j.store.DistanceMetric.COSINE);
        exactTop = GroundTruth.dot(queries[0], data[truth[0][0]]);
        Path dir = Files.createTempDirectory("probe-replace-");
        try (LanceDbEmbeddingStore store = LanceDbEmbeddingStore.builder().uri(dir.toString()).tableName("t")
                .dimension(dim).indexPolicy(IndexPolicy.explicit()).build()) {
            List<Embedding> e = new ArrayList<>();
            for (float[] v : data) {
                e.add(Embedding.from(v));
            }
            List<String> ids = store.addAll(e);
            java.util.Map<String, Integer> row = new java.util.HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                row.put(ids.get(i), i);
            }
            report("no index", store, queries, truth, row);
            for (VectorIndexSpec spec : List.of(VectorIndexSpec.exact(), VectorIndexSpec.of(VectorIndexType.IVF_HNSW_SQ),
                    VectorIndexSpec.of(VectorIndexType.IVF_PQ))) {
                System.out.println("createIndex -> " + store.createIndex(spec));
                report("after " + (spec.isExact() ? "exact" : spec.type().toString()), store, queries, truth, row);
            }
        } finally {
            LanceStoreSystem.deleteTree(dir);
        }
    }

    static void report(String label, LanceDbEmbeddingStore store, float[][] queries, int[][] truth,
            java.util.Map<String, Integer> row) {
        List<String> described = store.table().withDataset(ds -> {
            List<String> out = new ArrayList<>();
            for (IndexDescription d : ds.describeIndices()) {
                out.add(d.getName() + ":" + d.getIndexType());
            }
            return out;
        });
        int[][] found = new int[queries.length][];
        long t0 = System.nanoTime();
        double firstScore = Double.NaN;
        for (int q = 0; q < queries.length; q++) {
            var matches = store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(queries[q]))
                    .maxResults(10).minScore(0.0).build()).matches();
            found[q] = matches.stream().mapToInt(m -> row.getOrDefault(m.embeddingId(), -1)).toArray();
            if (q == 0 && !matches.isEmpty()) {
                firstScore = matches.get(0).score();
            }
        }
        System.out.printf("%-22s lance indexes %-60s mean %.2f ms/query, recall@10 %.3f, top score of query 0 %.4f "
                + "(exact cosine %.4f, expected score (1 + cos) / 2 = %.4f)%n", label, described,
                (System.nanoTime() - t0) / 1e6 / queries.length, GroundTruth.recall(found, truth), firstScore,
                exactTop, (1 + exactTop) / 2);
    }

    static double exactTop;
}
