package io.github.lancedb4j.benchmarks;

import io.github.lancedb4j.store.SearchTuning;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.lance.Dataset;
import org.lance.WriteParams;
import org.lance.index.IndexOptions;
import org.lance.index.IndexParams;
import org.lance.index.IndexType;
import org.lance.index.scalar.ScalarIndexParams;
import org.lance.index.vector.HnswBuildParams;
import org.lance.index.vector.IvfBuildParams;
import org.lance.index.vector.SQBuildParams;
import org.lance.index.vector.VectorIndexParams;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.Query;
import org.lance.ipc.ScanOptions;

/**
 * lance-java alone, on its own table with plain columns (id, text, the filter keys user/source/tenant/lang, n,
 * vector; file format 2.0 as the library writes): {@code Dataset.write} appends of the same batches, {@code nearest} queries projecting
 * {@code n, _distance}, and an IVF_HNSW_SQ index with the parameters the library derives (partitions = √rows / 8,
 * M = 20, efConstruction = 150) searched with the same tunings: the baseline for the adapters' overhead.
 */
final class RawLanceSystem implements BenchSystem {

    private final List<String> stages;
    private final boolean fullSweep;
    private final BufferAllocator allocator = new RootAllocator();
    private Path directory;
    private String uri;
    private Dataset dataset;
    private Schema schema;
    private int partitions = 1;
    private boolean indexed;
    private boolean scalarIndexed;
    private final Map<FilterCase, String> filters = new HashMap<>();
    private org.lance.index.DistanceType metric;

    RawLanceSystem(List<String> stages, boolean fullSweep) {
        this.stages = stages;
        this.fullSweep = fullSweep;
    }

    @Override
    public String name() {
        return "raw lance-java";
    }

    @Override
    public void open(DataSet d, Path workDir) throws Exception {
        directory = Files.createTempDirectory(workDir, "bench-raw-");
        uri = directory.resolve("bench.lance").toString();
        metric = io.github.lancedb4j.store.internal.LanceTypes.distance(d.metric);
        FieldType floats = FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE));
        List<Field> fields = new ArrayList<>();
        fields.add(Field.notNullable("id", ArrowType.Utf8.INSTANCE));
        fields.add(Field.nullable("text", ArrowType.Utf8.INSTANCE));
        for (FilterCase f : d.filters) {
            fields.add(Field.nullable(f.key, ArrowType.Utf8.INSTANCE));
            filters.put(f, f.key + " = '" + f.value() + "'");
        }
        fields.add(Field.notNullable("n", new ArrowType.Int(32, true)));
        fields.add(new Field("vector", FieldType.notNullable(new ArrowType.FixedSizeList(d.dim())),
                List.of(new Field("item", floats, null))));
        schema = new Schema(fields);
    }

    @Override
    public long add(DataSet d, int from, int to) throws Exception {
        long t0 = System.nanoTime();
        try (ArrowReader reader = new Batches(allocator, schema, d, from, to);
                ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            Data.exportArrayStream(allocator, reader, stream);
            Dataset written = Dataset.write().allocator(allocator).stream(stream).uri(uri)
                    .mode(dataset == null ? WriteParams.WriteMode.CREATE : WriteParams.WriteMode.APPEND)
                    .dataStorageVersion("2.0").execute();
            if (dataset != null) {
                dataset.close();
            }
            dataset = written;
        }
        return System.nanoTime() - t0;
    }

    @Override
    public List<String> stages() {
        return stages;
    }

    @Override
    public double prepare(String stage, DataSet d) {
        if (stage.equals("flat")) {
            return Double.NaN;
        }
        if (!stage.equals("ivf-hnsw-sq")) {
            throw new IllegalArgumentException("raw lance-java runs flat and ivf-hnsw-sq only");
        }
        VectorIndexSpec spec = VectorIndexSpec.of(VectorIndexType.IVF_HNSW_SQ);
        partitions = spec.partitionsFor(d.size());
        VectorIndexParams params = VectorIndexParams.withIvfHnswSqParams(metric,
                new IvfBuildParams.Builder().setNumPartitions(partitions).build(),
                new HnswBuildParams.Builder().setM(20).setEfConstruction(150).build(),
                new SQBuildParams.Builder().build());
        long t0 = System.nanoTime();
        dataset.createIndex(IndexOptions.builder(List.of("vector"), IndexType.IVF_HNSW_SQ,
                IndexParams.builder().setVectorIndexParams(params).build()).withIndexName("vector_idx").replace(true)
                .build());
        indexed = true;
        return (System.nanoTime() - t0) / 1e9;
    }

    @Override
    public String describe(String stage) {
        return stage.equals("flat") ? "flat scan (no index)" : "IVF_HNSW_SQ, " + partitions + " partitions, M=20, efC=150";
    }

    @Override
    public List<Tuning> sweep(String stage, DataSet d) {
        return LanceSweeps.sweep(stage, partitions, fullSweep);
    }

    @Override
    public int[] search(DataSet d, int q, int k, Tuning tuning, FilterCase filter) throws Exception {
        Query.Builder nearest = new Query.Builder().setColumn("vector").setKey(d.allQueries[q]).setK(k)
                .setDistanceType(metric);
        if (indexed) {
            // The same effective tuning as the library's for this index.
            SearchTuning t = (tuning.lance() == null ? SearchTuning.DEFAULTS : tuning.lance())
                    .orElse(VectorIndexSpec.of(VectorIndexType.IVF_HNSW_SQ).defaultTuning(partitions));
            if (t.nprobes() != null) {
                nearest.setNprobes(t.nprobes());
            }
            if (t.ef() != null) {
                nearest.setEf(t.ef());
            }
            if (t.refineFactor() != null) {
                nearest.setRefineFactor(t.refineFactor());
            }
        }
        ScanOptions.Builder options = new ScanOptions.Builder().nearest(nearest.build())
                .columns(List.of("n", "_distance"));
        if (filter != null) {
            options.filter(filters.get(filter)).prefilter(true);
        }
        int[] rows = new int[k];
        int count = 0;
        try (LanceScanner scanner = dataset.newScan(options.build()); ArrowReader reader = scanner.scanBatches()) {
            while (reader.loadNextBatch()) {
                IntVector n = (IntVector) reader.getVectorSchemaRoot().getVector("n");
                for (int i = 0; i < reader.getVectorSchemaRoot().getRowCount() && count < k; i++) {
                    rows[count++] = n.get(i);
                }
            }
        }
        return java.util.Arrays.copyOf(rows, count);
    }

    @Override
    public boolean supportsFilter(DataSet d) {
        return true;
    }

    @Override
    public String filterPath() {
        return scalarIndexed ? "plain columns + BTREE" : "plain columns";
    }

    /** A BTREE index on each filter column (what the store's promoted keys get). */
    @Override
    public double speedUpFilters(DataSet d) {
        long t0 = System.nanoTime();
        for (FilterCase f : d.filters) {
            dataset.createIndex(IndexOptions.builder(List.of(f.key), IndexType.BTREE,
                    IndexParams.builder().setScalarIndexParams(ScalarIndexParams.create("btree")).build())
                    .withIndexName(f.key + "_idx").replace(true).build());
        }
        scalarIndexed = true;
        return (System.nanoTime() - t0) / 1e9;
    }

    @Override
    public boolean bruteForce(String stage) {
        return stage.equals("flat");
    }

    @Override
    public long diskBytes() {
        try (Stream<Path> files = Files.walk(Path.of(uri))) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        if (dataset != null) {
            dataset.close();
        }
        allocator.close();
        LanceStoreSystem.deleteTree(directory);
    }

    /** The rows [from, to) as Arrow batches of up to 8,192 rows, filled when Lance asks for them. */
    private static final class Batches extends ArrowReader {
        private final Schema schema;
        private final DataSet d;
        private final int to;
        private int next;

        Batches(BufferAllocator allocator, Schema schema, DataSet d, int from, int to) {
            super(allocator);
            this.schema = schema;
            this.d = d;
            this.next = from;
            this.to = to;
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            if (next >= to) {
                return false;
            }
            VectorSchemaRoot root = getVectorSchemaRoot();
            root.allocateNew();
            int count = Math.min(8192, to - next);
            VarCharVector id = (VarCharVector) root.getVector("id");
            VarCharVector text = (VarCharVector) root.getVector("text");
            IntVector n = (IntVector) root.getVector("n");
            FixedSizeListVector vector = (FixedSizeListVector) root.getVector("vector");
            int dim = d.dim();
            vector.setInitialCapacity(count);
            vector.allocateNew();
            Float4Vector values = (Float4Vector) vector.getDataVector();
            for (int i = 0; i < count; i++) {
                int row = next + i;
                id.setSafe(i, java.util.UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                text.setSafe(i, d.text(row).getBytes(StandardCharsets.UTF_8));
                for (FilterCase f : d.filters) {
                    ((VarCharVector) root.getVector(f.key)).setSafe(i, f.valueOf(row).getBytes(StandardCharsets.UTF_8));
                }
                n.setSafe(i, row);
                vector.startNewValue(i);
                float[] v = d.rows[row];
                for (int j = 0; j < dim; j++) {
                    values.setSafe(i * dim + j, v[j]);
                }
            }
            values.setValueCount(count * dim);
            for (FieldVector v : root.getFieldVectors()) {
                v.setValueCount(count);
            }
            root.setRowCount(count);
            next += count;
            return true;
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        protected void closeReadSource() {
        }

        @Override
        protected Schema readSchema() {
            return schema;
        }
    }
}
