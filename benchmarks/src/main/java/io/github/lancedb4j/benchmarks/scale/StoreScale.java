package io.github.lancedb4j.benchmarks.scale;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.MetadataColumn;
import io.github.lancedb4j.store.SearchTuning;
import io.github.lancedb4j.store.VectorIndexInfo;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import io.github.lancedb4j.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * This library's LangChain4j store on a local directory or on {@code s3://} (S3Proxy in this process, backed by a
 * directory: the object-store protocol path, not a network), used as an application would: {@code addAll} of the
 * rows, {@code createIndex} of each index type in turn (IVF_HNSW_SQ, the library's default, then IVF_PQ replacing
 * it), searches with the library's default tuning and up the {@link RecallLadder}, 1 % filtered searches (on a
 * {@code source} key declared as a typed, indexed metadata column — what {@code IndexPolicy.auto()} promotes a key
 * that filters keep using into), a serving process's memory ({@link ScaleServe}), and timed 10K-row
 * {@code addAll}s into the loaded table. Raw lance-java searches the same table and index (the floor the store adds
 * to) and appends 10K-row batches to a table of its own.
 */
final class StoreScale {

    static final String STORE = "LanceDbEmbeddingStore";
    static final String RAW = "raw lance-java";

    private final ScaleConfig c;
    private final ScaleVectors v;
    private final ScaleGroundTruth gt;
    private final Figures f;
    private final String storage;
    private final Map<String, Integer> rowOfId = new HashMap<>();
    private LanceDbEmbeddingStore store;
    private Filter filter;

    StoreScale(ScaleConfig c, ScaleVectors v, ScaleGroundTruth gt, Figures f, String storage) {
        this.c = c;
        this.v = v;
        this.gt = gt;
        this.f = f;
        this.storage = storage;
    }

    void run() throws Exception {
        Path work = Files.createDirectories(c.workDir());
        S3ProxyServer s3 = storage.equals("s3") ? S3ProxyServer.start() : null;
        Path local = null;
        try {
            String uri;
            Map<String, String> options = Map.of();
            if (s3 != null) {
                uri = s3.uri(s3.createBucket("bench"), "db");
                options = s3.storageOptions();
                f.note(STORE, storage, "-", "S3Proxy " + s3.endpoint() + " in the worker JVM, filesystem blob store");
            } else {
                local = Files.createTempDirectory(work, "store-");
                uri = local.toString();
            }
            store = LanceDbEmbeddingStore.builder().uri(uri).storageOptions(options).tableName("bench")
                    .dimension(v.dim).distance(DistanceMetric.COSINE).indexPolicy(IndexPolicy.explicit())
                    .metadataColumn("source", MetadataColumn.Kind.STRING).build();
            filter = MetadataFilterBuilder.metadataKey("source").isEqualTo(v.filteredSource());
            TableFiles files = s3 != null ? TableFiles.s3Proxy("bench", "db/bench.lance") : TableFiles.local(local.resolve(
                    "bench.lance"));
            ingest();
            f.add(STORE, storage, "-", "disk_data_mib", files.mib(), "MiB", "table after the load, no index");
            for (String index : c.indexes()) {
                runIndex(index, files, uri, options);
            }
            inserts();
            f.add(STORE, storage, "-", "disk_total_mib", files.mib(), "MiB",
                    "table at the end: data, inserts, both indexes' files (the replaced one is kept with its version)");
            RawAppend.measure(c, v, f, storage, s3 != null ? s3.uri("bench", "raw") : work.resolve("raw-"
                    + System.nanoTime()).toString(), s3 != null ? s3.storageOptions() : Map.of());
        } finally {
            if (store != null) {
                store.close();
            }
            if (s3 != null) {
                s3.close();
            }
            ScaleWorker.deleteTree(local);
        }
    }

    private void ingest() {
        int batch = (int) Math.min(v.rows, Math.max(50_000, Math.ceil(v.rows / 25.0)));
        long nanos = 0;
        int calls = 0;
        for (int from = 0; from < v.rows; from += batch) {
            int to = Math.min(v.rows, from + batch);
            nanos += add(from, to);
            calls++;
            if (calls % 5 == 0) {
                ScaleLog.log(String.format("%s %s: loaded %,d of %,d rows", STORE, storage, to, v.rows));
            }
        }
        f.add(STORE, storage, "-", "ingest_vps", v.rows / (nanos / 1e9), "vectors/s", String.format(Locale.ROOT,
                "%d addAll calls of %,d rows (appends), %.1f s", calls, batch, nanos / 1e9));
    }

    /** One {@code addAll} of rows [from, to) (generated before the clock starts); returns its nanoseconds. */
    private long add(int from, int to) {
        float[][] rows = v.rows(from, to);
        List<Embedding> embeddings = new ArrayList<>(rows.length);
        List<TextSegment> segments = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            embeddings.add(Embedding.from(rows[i]));
            segments.add(TextSegment.from(v.text(from + i), new Metadata().put("source", v.source(from + i))
                    .put("n", from + i)));
        }
        long t0 = System.nanoTime();
        List<String> ids = store.addAll(embeddings, segments);
        long nanos = System.nanoTime() - t0;
        for (int i = 0; i < ids.size(); i++) {
            rowOfId.put(ids.get(i), from + i);
        }
        return nanos;
    }

    private void runIndex(String index, TableFiles files, String uri, Map<String, String> options) throws Exception {
        VectorIndexType type = index.equals("ivf-pq") ? VectorIndexType.IVF_PQ : VectorIndexType.IVF_HNSW_SQ;
        VectorIndexSpec spec = VectorIndexSpec.of(type);
        var before = files.indexFiles();
        ScaleLog.log(STORE + " " + storage + ": building " + type + " on " + v.rows + " rows");
        long cpu0 = SearchTiming.cpuNanos();
        long t0 = System.nanoTime();
        VectorIndexInfo info = store.createIndex(spec);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (SearchTiming.cpuNanos() - cpu0) / 1e9;
        int partitions = info.partitions() == null ? 1 : info.partitions();
        f.add(STORE, storage, index, "build_s", seconds, "s", type + ", " + partitions + " partitions, "
                + info.indexedRows() + " rows indexed");
        // CPU seconds of the build (all threads; with S3, the in-process S3Proxy's too): steadier than wall time on
        // a shared machine — on an idle 2-core machine the wall time would be about half of it.
        f.add(STORE, storage, index, "build_cpu_s", cpu, "s", "process CPU time during createIndex");
        f.add(STORE, storage, index, "partitions", partitions, "-", "");
        double indexMib = files.mibExcept(before);
        f.add(STORE, storage, index, "index_mib", indexMib, "MiB", "files the build added");
        f.add(STORE, storage, index, "disk_mib", files.dataMib() + indexMib, "MiB", "data files + this index");

        SearchTuning def = spec.defaultTuning(partitions);
        List<RecallLadder.Step<SearchTuning>> steps = ladder(type, partitions, def);
        int n = v.queries();
        RecallLadder.Result<SearchTuning> res = RecallLadder.climb(f, STORE, storage, index, v, c.warmup(), n, gt.truth,
                steps, t -> storeSearch(t, false));
        SearchTuning reached = res.reached() == null ? null : res.reached().setting();
        // The floor: the same table, index and effective tuning through lance-java, projecting only the id.
        List<RecallLadder.Step<SearchTuning>> rawSteps = new ArrayList<>();
        rawSteps.add(new RecallLadder.Step<>(steps.get(0).label(), def));
        if (reached != null && res.reached() != steps.get(0)) {
            rawSteps.add(new RecallLadder.Step<>(res.reached().label(), reached));
        }
        RecallLadder.climb(f, RAW, storage, index, v, c.warmup(), n, gt.truth, rawSteps, t -> rawSearch(t, false));

        SearchTiming.Point fp = SearchTiming.run("filtered", v, c.warmup(), n, gt.filteredTruth, storeSearch(null, true));
        filtered(STORE, index, fp, "default tuning, source = '" + v.filteredSource() + "' (typed column meta_source)");
        SearchTiming.Point rf = SearchTiming.run("filtered", v, c.warmup(), n, gt.filteredTruth, rawSearch(def, true));
        filtered(RAW, index, rf, "prefilter meta_source = '" + v.filteredSource() + "', " + steps.get(0).label());

        List<String> tunings = new ArrayList<>();
        tunings.add("default");
        if (reached != null) {
            tunings.add(ScaleServe.encode(reached));
        }
        ScaleServe.Result serve = ScaleServe.inChildJvm(c, v, uri, "bench", options, tunings);
        f.add(STORE, storage, index, "serve_rss_mib", serve.rssMib().get(0), "MiB",
                "fresh JVM -Xmx" + ScaleServe.XMX + ", table opened, 2 x 100 queries at the default tuning");
        f.add(STORE, storage, index, "serve_heap_mib", serve.heapMib().get(0), "MiB", "live heap after a full GC");
        f.add(STORE, storage, index, "serve_p50_ms", serve.p50Ms().get(0), "ms", "default tuning, second round");
        if (serve.rssMib().size() > 1) {
            f.add(STORE, storage, index, "serve_rss_095_mib", serve.rssMib().get(1), "MiB", tunings.get(1));
            f.add(STORE, storage, index, "serve_p50_095_ms", serve.p50Ms().get(1), "ms", tunings.get(1));
        }
        f.add(STORE, storage, index, "serve_hwm_mib", serve.hwmMib(), "MiB", "VmHWM of the serving JVM");
    }

    private void filtered(String system, String index, SearchTiming.Point p, String note) {
        f.add(system, storage, index, "filtered_p50_ms", p.p50Ms(), "ms", note);
        f.add(system, storage, index, "filtered_p99_ms", p.p99Ms(), "ms", note);
        f.add(system, storage, index, "filtered_recall", p.recall(), "recall@10", note);
    }

    /** The default first, then settings that cost more and find more. */
    static List<RecallLadder.Step<SearchTuning>> ladder(VectorIndexType type, int p, SearchTuning def) {
        List<RecallLadder.Step<SearchTuning>> steps = new ArrayList<>();
        steps.add(new RecallLadder.Step<>("default (" + label(def) + ")", null));
        List<SearchTuning> more = new ArrayList<>();
        if (type == VectorIndexType.IVF_HNSW_SQ) {
            int np = def.nprobes();
            more.add(SearchTuning.of(np, 5, 600));
            more.add(SearchTuning.of(Math.min(p, np * 2), 5, 600));
            more.add(SearchTuning.of(Math.min(p, np * 4), 10, 1000));
            more.add(SearchTuning.of(Math.min(p, np * 8), 10, 1500));
        } else {
            int np = def.nprobes();
            more.add(SearchTuning.of(np, 30, null));
            more.add(SearchTuning.of(Math.min(p, np * 2), 50, null));
            more.add(SearchTuning.of(Math.min(p, np * 4), 100, null));
            more.add(SearchTuning.of(Math.min(p, np * 8), 200, null));
        }
        for (SearchTuning t : more) {
            if (!t.equals(def) && steps.stream().noneMatch(s -> t.equals(s.setting()))) {
                steps.add(new RecallLadder.Step<>(label(t), t));
            }
        }
        return steps;
    }

    static String label(SearchTuning t) {
        List<String> parts = new ArrayList<>();
        if (t.nprobes() != null) {
            parts.add("np=" + t.nprobes());
        }
        if (t.refineFactor() != null) {
            parts.add("rf=" + t.refineFactor());
        }
        if (t.ef() != null) {
            parts.add("ef=" + t.ef());
        }
        return String.join(" ", parts);
    }

    private SearchTiming.Search storeSearch(SearchTuning tuning, boolean filtered) {
        return q -> {
            EmbeddingSearchRequest request = EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(q))
                    .maxResults(c.k()).minScore(0.0).filter(filtered ? filter : null).build();
            List<EmbeddingMatch<TextSegment>> matches = store.search(request, tuning).matches();
            int[] rows = new int[matches.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = rowOfId.getOrDefault(matches.get(i).embeddingId(), -1);
            }
            return rows;
        };
    }

    private SearchTiming.Search rawSearch(SearchTuning tuning, boolean filtered) {
        String where = filtered ? MetadataColumn.PREFIX + "source = '" + v.filteredSource() + "'" : null;
        return q -> store.table().withDataset(ds -> RawSearch.top(ds, q, c.k(), tuning, where, rowOfId));
    }

    /** Three (by default) timed {@code addAll}s of 10,000 new rows each into the loaded, indexed table. */
    private void inserts() {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < c.inserts(); i++) {
            int from = v.rows + i * ScaleConfig.INSERT_ROWS;
            seconds.add(add(from, from + ScaleConfig.INSERT_ROWS) / 1e9);
        }
        List<Double> sorted = new ArrayList<>(seconds);
        sorted.sort(null);
        f.add(STORE, storage, "-", "insert10k_s", sorted.get(sorted.size() / 2), "s", "median of addAll of "
                + ScaleConfig.INSERT_ROWS + " rows into the indexed table: " + seconds.stream().map(s -> String.format(
                        Locale.ROOT, "%.3f", s)).toList());
    }
}
