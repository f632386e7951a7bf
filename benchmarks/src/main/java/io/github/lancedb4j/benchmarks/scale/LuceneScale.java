package io.github.lancedb4j.benchmarks.scale;

import io.github.lancedb4j.benchmarks.MemoryProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * Lucene 9.12 HNSW, the in-JVM ANN reference, on a local directory: documents added from 2 threads (the graph is
 * built as they are added: that is in the load rate), {@code forceMerge(1)} as the "index build", searches with
 * numCandidates 100 and up until recall@10 ≥ 0.95, the 1 % filter as a {@code TermQuery}, 10K-document adds
 * (add + commit + reopen), heap and disk.
 */
final class LuceneScale {

    static final String NAME = "Lucene 9.12.3 HNSW";
    private static final int BATCH = 10_000;

    private LuceneScale() {
    }

    static void run(ScaleConfig c, ScaleVectors v, ScaleGroundTruth gt, Figures f) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(c.workDir()), "lucene-");
        ExecutorService merges = Executors.newFixedThreadPool(2);
        ExecutorService adders = Executors.newFixedThreadPool(2);
        long baseline = MemoryProbe.liveHeapNow();
        KnnVectorsFormat format = new Lucene99HnswVectorsFormat(16, 100, 2, merges);
        IndexWriterConfig config = new IndexWriterConfig().setRAMBufferSizeMB(1024).setCodec(new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        });
        try (FSDirectory directory = FSDirectory.open(dir); IndexWriter writer = new IndexWriter(directory, config)) {
            long nanos = 0;
            for (int from = 0; from < v.rows; from += BATCH) {
                int to = Math.min(v.rows, from + BATCH);
                nanos += add(writer, adders, v, from, v.rows(from, to));
                if ((to / BATCH) % 20 == 0) {
                    ScaleLog.log(String.format("%s: added %,d of %,d rows", NAME, to, v.rows));
                }
            }
            long t0 = System.nanoTime();
            writer.commit();
            nanos += System.nanoTime() - t0;
            f.add(NAME, "local", "hnsw", "ingest_vps", v.rows / (nanos / 1e9), "vectors/s",
                    "2 adding threads, HNSW M=16 beamWidth=100 built while adding, RAM buffer 1 GiB");
            t0 = System.nanoTime();
            writer.forceMerge(1);
            writer.commit();
            f.add(NAME, "local", "hnsw", "build_s", (System.nanoTime() - t0) / 1e9, "s",
                    "forceMerge(1) with 2 merge workers (the graph itself is built while adding)");
            DirectoryReader[] reader = {DirectoryReader.open(writer)};
            f.add(NAME, "local", "hnsw", "disk_mib", size(dir) / 1048576.0, "MiB", "index directory");
            VectorSimilarityFunction similarity = VectorSimilarityFunction.COSINE;
            TermQuery filter = new TermQuery(new Term("source", v.filteredSource()));
            List<RecallLadder.Step<Integer>> steps = new ArrayList<>();
            steps.add(new RecallLadder.Step<>("default (numCandidates=100)", 100));
            for (int cand : new int[] {200, 400, 800, 1600}) {
                steps.add(new RecallLadder.Step<>("numCandidates=" + cand, cand));
            }
            RecallLadder.climb(f, NAME, "local", "hnsw", v, c.warmup(), v.queries(), gt.truth, steps,
                    cand -> search(reader[0], v, c.k(), cand, null));
            SearchTiming.Point fp = SearchTiming.run("filtered", v, c.warmup(), v.queries(), gt.filteredTruth,
                    search(reader[0], v, c.k(), 100, filter));
            f.add(NAME, "local", "hnsw", "filtered_p50_ms", fp.p50Ms(), "ms", "TermQuery filter, numCandidates=100");
            f.add(NAME, "local", "hnsw", "filtered_p99_ms", fp.p99Ms(), "ms", "");
            f.add(NAME, "local", "hnsw", "filtered_recall", fp.recall(), "recall@10", "");
            f.add(NAME, "local", "hnsw", "serve_heap_mib", (MemoryProbe.liveHeapNow() - baseline) / 1048576.0, "MiB",
                    "live heap after a full GC with the reader open (vectors and graph are memory-mapped)");
            f.add(NAME, "local", "hnsw", "serve_rss_mib", MemoryProbe.procStatusBytes("VmRSS") / 1048576.0, "MiB",
                    "the worker's RSS, including mapped index pages it touched");
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < c.inserts(); i++) {
                int from = v.rows + i * ScaleConfig.INSERT_ROWS;
                float[][] rows = v.rows(from, from + ScaleConfig.INSERT_ROWS);
                long s0 = System.nanoTime();
                add(writer, adders, v, from, rows);
                writer.commit();
                DirectoryReader newer = DirectoryReader.openIfChanged(reader[0], writer);
                if (newer != null) {
                    reader[0].close();
                    reader[0] = newer;
                }
                seconds.add((System.nanoTime() - s0) / 1e9);
            }
            reader[0].close();
            List<Double> sorted = new ArrayList<>(seconds);
            sorted.sort(null);
            f.add(NAME, "local", "hnsw", "insert10k_s", sorted.get(sorted.size() / 2), "s",
                    "median of add + commit + reopen: " + seconds.stream().map(s -> String.format(Locale.ROOT, "%.3f",
                            s)).toList());
        } finally {
            merges.shutdown();
            adders.shutdown();
            ScaleWorker.deleteTree(dir);
        }
    }

    private static long add(IndexWriter writer, ExecutorService adders, ScaleVectors v, int from, float[][] rows)
            throws Exception {
        long t0 = System.nanoTime();
        int mid = rows.length / 2;
        List<Future<?>> parts = new ArrayList<>();
        for (int[] range : new int[][] {{0, mid}, {mid, rows.length}}) {
            parts.add(adders.submit(() -> {
                for (int i = range[0]; i < range[1]; i++) {
                    Document doc = new Document();
                    doc.add(new KnnFloatVectorField("v", rows[i], VectorSimilarityFunction.COSINE));
                    doc.add(new StringField("source", v.source(from + i), Field.Store.NO));
                    doc.add(new StoredField("n", from + i));
                    writer.addDocument(doc);
                }
                return null;
            }));
        }
        for (Future<?> p : parts) {
            p.get();
        }
        return System.nanoTime() - t0;
    }

    private static SearchTiming.Search search(DirectoryReader reader, ScaleVectors v, int k, int candidates,
            TermQuery filter) {
        IndexSearcher searcher = new IndexSearcher(reader);
        return q -> {
            TopDocs top = searcher.search(new KnnFloatVectorQuery("v", q, Math.max(k, candidates), filter), k);
            int[] rows = new int[top.scoreDocs.length];
            for (int i = 0; i < rows.length; i++) {
                ScoreDoc sd = top.scoreDocs[i];
                rows[i] = searcher.storedFields().document(sd.doc).getField("n").numericValue().intValue();
            }
            return rows;
        };
    }

    private static long size(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
