package io.github.lancedb4j.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * Lucene 9.12 HNSW as the in-JVM ANN reference: {@code KnnFloatVectorField} (M = 16, beamWidth = 100, the defaults)
 * in an {@code FSDirectory} under the work directory, documents added from 2 threads (the graph is built as they are
 * added, so that is in the ingest time), then {@code forceMerge(1)} with 2 merge workers (the "index build" time).
 * Search: {@code KnnFloatVectorQuery} with k = numCandidates, top 10 taken; the filter is a {@code TermQuery}.
 */
final class LuceneSystem implements BenchSystem {

    private final boolean fullSweep;
    private Path directory;
    private FSDirectory dir;
    private IndexWriter writer;
    private DirectoryReader reader;
    private IndexSearcher searcher;
    private ExecutorService pool;
    private final Map<FilterCase, TermQuery> filters = new HashMap<>();
    private VectorSimilarityFunction similarity;
    private int segments;

    LuceneSystem(boolean fullSweep) {
        this.fullSweep = fullSweep;
    }

    @Override
    public String name() {
        return "Lucene 9.12.3 HNSW";
    }

    @Override
    public void open(DataSet d, Path workDir) throws Exception {
        directory = Files.createTempDirectory(workDir, "bench-lucene-");
        dir = FSDirectory.open(directory);
        pool = Executors.newFixedThreadPool(2);
        KnnVectorsFormat format = new Lucene99HnswVectorsFormat(16, 100, 2, pool);
        IndexWriterConfig config = new IndexWriterConfig().setRAMBufferSizeMB(1024)
                .setCodec(new Lucene912Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return format;
                    }
                });
        writer = new IndexWriter(dir, config);
        similarity = VectorSimilarityFunction.valueOf(d.luceneSimilarityName());
        for (FilterCase f : d.filters) {
            filters.put(f, new TermQuery(new Term(f.key, f.value())));
        }
    }

    @Override
    public long add(DataSet d, int from, int to) throws Exception {
        long t0 = System.nanoTime();
        int mid = (from + to) >>> 1;
        ExecutorService adders = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int[] range : new int[][] {{from, mid}, {mid, to}}) {
                parts.add(adders.submit(() -> {
                    for (int i = range[0]; i < range[1]; i++) {
                        Document doc = new Document();
                        doc.add(new KnnFloatVectorField("v", d.rows[i], similarity));
                        for (FilterCase f : d.filters) {
                            doc.add(new StringField(f.key, f.valueOf(i), Field.Store.NO));
                        }
                        doc.add(new NumericDocValuesField("n", i));
                        writer.addDocument(doc);
                    }
                    return null;
                }));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        } finally {
            adders.shutdown();
        }
        return System.nanoTime() - t0;
    }

    @Override
    public long finishIngest() throws Exception {
        long t0 = System.nanoTime();
        writer.commit();
        return System.nanoTime() - t0;
    }

    @Override
    public List<String> stages() {
        return List.of("hnsw");
    }

    @Override
    public double prepare(String stage, DataSet d) throws Exception {
        long t0 = System.nanoTime();
        writer.forceMerge(1);
        writer.commit();
        double seconds = (System.nanoTime() - t0) / 1e9;
        reader = DirectoryReader.open(writer);
        segments = reader.leaves().size();
        searcher = new IndexSearcher(reader);
        return seconds;
    }

    @Override
    public String describe(String stage) {
        return "HNSW M=16 beamWidth=100, " + segments + " segment(s)";
    }

    @Override
    public List<Tuning> sweep(String stage, DataSet d) {
        List<Tuning> out = new ArrayList<>();
        out.add(new Tuning("default (numCandidates=100)", null, 100, true));
        if (fullSweep) {
            for (int c : new int[] {10, 20, 40, 200, 400}) {
                out.add(new Tuning("numCandidates=" + c, null, c, false));
            }
        }
        return out;
    }

    @Override
    public int[] search(DataSet d, int q, int k, Tuning tuning, FilterCase filter) throws Exception {
        int candidates = Math.max(k, tuning.candidates());
        KnnFloatVectorQuery query = new KnnFloatVectorQuery("v", d.allQueries[q], candidates,
                filter == null ? null : filters.get(filter));
        TopDocs top = searcher.search(query, candidates);
        int n = Math.min(k, top.scoreDocs.length);
        int[] rows = new int[n];
        List<LeafReaderContext> leaves = reader.leaves();
        for (int i = 0; i < n; i++) {
            ScoreDoc sd = top.scoreDocs[i];
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
            NumericDocValues values = leaf.reader().getNumericDocValues("n");
            rows[i] = values.advanceExact(sd.doc - leaf.docBase) ? (int) values.longValue() : -1;
        }
        return rows;
    }

    @Override
    public boolean supportsFilter(DataSet d) {
        return true;
    }

    @Override
    public boolean bruteForce(String stage) {
        return false;
    }

    @Override
    public long diskBytes() {
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws Exception {
        if (reader != null) {
            reader.close();
        }
        if (writer != null) {
            writer.close();
        }
        if (dir != null) {
            dir.close();
        }
        if (pool != null) {
            pool.shutdown();
        }
        LanceStoreSystem.deleteTree(directory);
    }
}
