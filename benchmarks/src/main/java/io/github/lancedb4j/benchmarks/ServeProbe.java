package io.github.lancedb4j.benchmarks;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.IndexPolicy;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory of serving an existing table, measured in a fresh JVM with a small heap (so the data set the benchmark
 * holds in its own heap does not count): opens the table with {@link LanceDbEmbeddingStore} (explicit index policy,
 * no writes), runs the queries from a file, and prints one line {@code serve: …} with p50, VmRSS and VmHWM.
 *
 * <p>Arguments: database dir, table, metric, queries file (int n, int dim, floats), k.
 */
public final class ServeProbe {

    private ServeProbe() {
    }

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        String table = args[1];
        DistanceMetric metric = DistanceMetric.valueOf(args[2]);
        float[][] queries;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(Path.of(args[3]))))) {
            queries = new float[in.readInt()][in.readInt()];
            for (float[] q : queries) {
                for (int j = 0; j < q.length; j++) {
                    q[j] = in.readFloat();
                }
            }
        }
        int k = Integer.parseInt(args[4]);
        long rssBefore = MemoryProbe.procStatusBytes("VmRSS");
        try (LanceDbEmbeddingStore store = LanceDbEmbeddingStore.builder().uri(uri).tableName(table).distance(metric)
                .indexPolicy(IndexPolicy.explicit()).createIfMissing(false).build()) {
            long rssOpen = MemoryProbe.procStatusBytes("VmRSS");
            List<Long> times = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (float[] q : queries) {
                    long t0 = System.nanoTime();
                    store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(q)).maxResults(k)
                            .minScore(0.0).build());
                    if (round == 1) {
                        times.add(System.nanoTime() - t0);
                    }
                }
            }
            times.sort(null);
            System.out.printf("serve: p50_ms=%.2f rss_before_open_mib=%.0f rss_open_mib=%.0f rss_mib=%.0f hwm_mib=%.0f "
                    + "heap_used_mib=%.0f%n", times.get(times.size() / 2) / 1e6, MemoryProbe.mib(rssBefore),
                    MemoryProbe.mib(rssOpen), MemoryProbe.mib(MemoryProbe.procStatusBytes("VmRSS")),
                    MemoryProbe.mib(MemoryProbe.procStatusBytes("VmHWM")),
                    MemoryProbe.mib(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()));
        }
    }
}
