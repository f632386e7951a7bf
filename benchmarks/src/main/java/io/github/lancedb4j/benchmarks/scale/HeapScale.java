package io.github.lancedb4j.benchmarks.scale;

import io.github.lancedb4j.benchmarks.MemoryProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A store that keeps every vector in the Java heap — LangChain4j's {@code InMemoryEmbeddingStore} or Spring AI's
 * {@code SimpleVectorStore}, both exact brute force — loaded as far as the worker's heap allows: the load, the live
 * heap it holds, search p50/p99 (fewer timed queries from 10^8 vector components on, each query scans them all), the
 * 1 % filter, 10K-row adds; or where it failed ({@code OutOfMemoryError}), or why it was not tried.
 */
final class HeapScale {

    /** One heap store. */
    interface HeapStore {
        String name();

        /** Adds rows [from, to) in one call; returns its nanoseconds. */
        long add(ScaleVectors v, int from, float[][] rows);

        SearchTiming.Search search(ScaleVectors v, int k, boolean filtered);
    }

    private static final int BATCH = 10_000;

    private HeapScale() {
    }

    static void run(ScaleConfig c, ScaleVectors v, ScaleGroundTruth gt, Figures f, HeapStore store) throws Exception {
        String name = store.name();
        long vectorBytes = (long) v.rows * v.dim * Float.BYTES;
        long max = Runtime.getRuntime().maxMemory();
        if (vectorBytes > max) {
            f.note(name, "heap", "-", String.format(Locale.ROOT, "not run: the float[] vectors alone need %,d MiB, "
                    + "more than the %,d MiB heap (-Xmx%s)", vectorBytes >> 20, max >> 20, c.heapXmx()));
            f.add(name, "heap", "-", "fits", 0, "-", "vectors alone exceed the heap");
            return;
        }
        long baseline = MemoryProbe.liveHeapNow();
        long nanos = 0;
        int loaded = 0;
        try {
            for (int from = 0; from < v.rows; from += BATCH) {
                int to = Math.min(v.rows, from + BATCH);
                nanos += store.add(v, from, v.rows(from, to));
                loaded = to;
                if ((to / BATCH) % 20 == 0) {
                    ScaleLog.log(String.format("%s: loaded %,d of %,d rows, heap used %,d MiB", name, to, v.rows,
                            (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20));
                }
            }
        } catch (OutOfMemoryError e) {
            f.note(name, "heap", "-", String.format(Locale.ROOT, "failed: OutOfMemoryError after %,d of %,d rows "
                    + "(-Xmx%s)", loaded, v.rows, c.heapXmx()));
            f.add(name, "heap", "-", "fits", 0, "-", "OutOfMemoryError after " + loaded + " rows");
            return;
        }
        f.add(name, "heap", "-", "fits", 1, "-", "-Xmx" + c.heapXmx());
        f.add(name, "heap", "-", "ingest_vps", v.rows / (nanos / 1e9), "vectors/s", "add calls of " + BATCH + " rows");
        long live = MemoryProbe.liveHeapNow();
        f.add(name, "heap", "-", "serve_heap_mib", (live - baseline) / 1048576.0, "MiB",
                "live heap after a full GC, above the worker's own");
        f.add(name, "heap", "-", "serve_rss_mib", MemoryProbe.procStatusBytes("VmRSS") / 1048576.0, "MiB",
                "the worker's RSS (heap reserved up to -Xmx" + c.heapXmx() + ")");
        boolean slow = (long) v.rows * v.dim > 100_000_000L;
        int n = slow ? Math.min(20, v.queries()) : v.queries();
        int warmup = slow ? 2 : c.warmup();
        SearchTiming.Point p = SearchTiming.run("brute force", v, warmup, n, gt.truth, store.search(v, c.k(), false));
        RecallLadder.record(f, name, "heap", "-", "default", p, "exact brute force");
        RecallLadder.record(f, name, "heap", "-", "095", p, "exact brute force");
        SearchTiming.Point fp = SearchTiming.run("filtered", v, warmup, n, gt.filteredTruth, store.search(v, c.k(), true));
        f.add(name, "heap", "-", "filtered_p50_ms", fp.p50Ms(), "ms", "metadata filter source = 'doc-42'");
        f.add(name, "heap", "-", "filtered_p99_ms", fp.p99Ms(), "ms", n + " queries");
        f.add(name, "heap", "-", "filtered_recall", fp.recall(), "recall@10", "");
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < c.inserts(); i++) {
            int from = v.rows + i * ScaleConfig.INSERT_ROWS;
            seconds.add(store.add(v, from, v.rows(from, from + ScaleConfig.INSERT_ROWS)) / 1e9);
        }
        List<Double> sorted = new ArrayList<>(seconds);
        sorted.sort(null);
        f.add(name, "heap", "-", "insert10k_s", sorted.get(sorted.size() / 2), "s", "median of " + seconds.stream()
                .map(s -> String.format(Locale.ROOT, "%.3f", s)).toList());
    }
}
