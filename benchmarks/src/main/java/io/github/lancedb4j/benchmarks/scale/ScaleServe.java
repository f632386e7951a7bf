package io.github.lancedb4j.benchmarks.scale;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.github.lancedb4j.benchmarks.Latencies;
import io.github.lancedb4j.benchmarks.MemoryProbe;
import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.SearchTuning;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The memory of serving: a fresh JVM with a small heap opens the loaded, indexed table through
 * {@link LanceDbEmbeddingStore} (no writes), runs the queries twice per tuning and prints, per tuning, the second
 * round's p50, the process's RSS and the live heap after a full GC; then VmHWM. The benchmark's own JVM holds ids and
 * buffers that an application would not, so its RSS is not the figure.
 *
 * <p>Arguments: uri, table, storage options ({@code k=v,k=v} or {@code -}), queries file, k, tunings
 * ({@code default} or {@code np,rf,ef} with {@code -} for unset).
 */
public final class ScaleServe {

    static final String XMX = "1g";
    private static final int QUERIES = 100;

    /** Per tuning: p50, RSS and live heap; and the high-water mark of the whole run. */
    record Result(List<Double> p50Ms, List<Double> rssMib, List<Double> heapMib, double hwmMib) {
    }

    private ScaleServe() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        if (!args[2].equals("-")) {
            for (String kv : args[2].split(",")) {
                int eq = kv.indexOf('=');
                options.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
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
        try (LanceDbEmbeddingStore store = LanceDbEmbeddingStore.builder().uri(args[0]).storageOptions(options)
                .tableName(args[1]).indexPolicy(IndexPolicy.explicit()).createIfMissing(false).build()) {
            for (int a = 5; a < args.length; a++) {
                SearchTuning tuning = decode(args[a]);
                Latencies latencies = new Latencies(queries.length);
                for (int round = 0; round < 2; round++) {
                    for (float[] q : queries) {
                        long t0 = System.nanoTime();
                        store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(q)).maxResults(k)
                                .minScore(0.0).build(), tuning);
                        if (round == 1) {
                            latencies.add(System.nanoTime() - t0);
                        }
                    }
                }
                System.gc();
                System.out.printf(Locale.ROOT, "serve\t%s\t%.3f\t%.0f\t%.0f%n", args[a], latencies.percentileMs(50),
                        MemoryProbe.procStatusBytes("VmRSS") / 1048576.0,
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0);
            }
        }
        System.out.printf(Locale.ROOT, "hwm\t%.0f%n", MemoryProbe.procStatusBytes("VmHWM") / 1048576.0);
    }

    static String encode(SearchTuning t) {
        return str(t.nprobes()) + "," + str(t.refineFactor()) + "," + str(t.ef());
    }

    private static String str(Integer i) {
        return i == null ? "-" : i.toString();
    }

    private static SearchTuning decode(String s) {
        if (s.equals("default")) {
            return null;
        }
        String[] p = s.split(",");
        return SearchTuning.of(num(p[0]), num(p[1]), num(p[2]));
    }

    private static Integer num(String s) {
        return s.equals("-") ? null : Integer.valueOf(s);
    }

    /** Runs this class in a fresh JVM on the table; its S3Proxy (if any) keeps running in the caller. */
    static Result inChildJvm(ScaleConfig c, ScaleVectors v, String uri, String table, Map<String, String> options,
            List<String> tunings) throws Exception {
        Path queries = Files.createTempFile(Files.createDirectories(c.workDir()), "queries-", ".f32");
        try {
            int n = Math.min(QUERIES, v.queries());
            try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(queries)))) {
                o.writeInt(n);
                o.writeInt(v.dim);
                for (int i = 0; i < n; i++) {
                    for (float x : v.query(i)) {
                        o.writeFloat(x);
                    }
                }
            }
            StringBuilder opts = new StringBuilder();
            options.forEach((key, value) -> opts.append(opts.length() == 0 ? "" : ",").append(key).append('=')
                    .append(value));
            List<String> cmd = new ArrayList<>(List.of(ScaleWorker.javaBinary(),
                    "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx" + XMX,
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                    ScaleServe.class.getName(), uri, table, opts.length() == 0 ? "-" : opts.toString(),
                    queries.toString(), Integer.toString(c.k())));
            cmd.addAll(tunings);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("serving probe failed: " + output);
            }
            List<Double> p50 = new ArrayList<>();
            List<Double> rss = new ArrayList<>();
            List<Double> heap = new ArrayList<>();
            double hwm = Double.NaN;
            for (String line : output.lines().toList()) {
                String[] f = line.split("\t");
                if (f[0].equals("serve")) {
                    p50.add(Double.parseDouble(f[2]));
                    rss.add(Double.parseDouble(f[3]));
                    heap.add(Double.parseDouble(f[4]));
                } else if (f[0].equals("hwm")) {
                    hwm = Double.parseDouble(f[1]);
                }
            }
            if (p50.size() != tunings.size()) {
                throw new IllegalStateException("serving probe printed " + p50.size() + " results: " + output);
            }
            return new Result(p50, rss, heap, hwm);
        } finally {
            Files.deleteIfExists(queries);
        }
    }
}
