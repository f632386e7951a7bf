package io.github.lancedb4j.benchmarks.filtered;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.ReadConsistency;
import io.github.lancedb4j.store.Row;
import io.github.lancedb4j.store.SearchQuery;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import io.github.lancedb4j.store.filter.MetadataFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
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
import org.lance.index.DistanceType;
import org.lance.index.IndexDescription;
import org.lance.index.IndexOptions;
import org.lance.index.IndexParams;
import org.lance.index.IndexType;
import org.lance.index.vector.VectorIndexParams;
import org.lance.merge.MergeInsertParams;

/**
 * Reproduction: does {@link LanceTable#promoteMetadataKey} keep the table's vector index, and does a vector index
 * built afterwards keep the promotion? Builds an IVF_HNSW_SQ index on a small table, promotes one metadata key, then
 * builds the index again, and prints after each step: the store's view ({@code vectorIndex},
 * {@code promotedMetadataKeys}), Lance's ({@code describeIndices}, {@code getConfig}) and the search p50 unfiltered
 * and with a 1 % filter on the key. Then the Lance behaviours behind the two faults this found (fixed in the core by
 * 981c315) on raw lance-java ({@code addColumns}, a {@code mergeInsert} of (id, new column), two {@code updateConfig}
 * calls). Exits with status 1 when the index no longer covers the rows after the promotion (searches then scan every
 * vector) or the promotion is forgotten after the second index build.
 *
 * <p>{@code benchmarks/run probe filtered.PromotionIndexProbe [rows] [dim]} (default 20000 64).
 */
public final class PromotionIndexProbe {

    private PromotionIndexProbe() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Random random = new Random(3);
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(Row.of("id-" + i, "t", Map.of("source", "doc-" + (i / (n / 100)), "n", i), "vector",
                    vector(random, dim)));
        }
        Path dir = Files.createTempDirectory("promotion-index");
        boolean lost;
        boolean forgotten;
        try (LanceDatabase db = LanceDatabase.builder().uri(dir.toString()).readConsistency(ReadConsistency.manual())
                .build()) {
            LanceTable table = db.openTable("t", List.of(VectorColumn.of("vector", dim)), true);
            table.indexes().indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.COSINE);
            table.append(rows);
            table.indexes().createVectorIndex("vector", VectorIndexSpec.of(VectorIndexType.IVF_HNSW_SQ), DistanceMetric.COSINE);
            report("after createVectorIndex", table, random, dim);
            table.promoteMetadataKey("source");
            report("after promoteMetadataKey(\"source\")", table, random, dim);
            lost = table.indexes().vectorIndex("vector").map(i -> i.indexedRows() < n).orElse(true);
            System.out.println(lost ? "FAIL: the promotion left the vector index not covering the table's rows"
                    : "OK: the vector index still covers every row");
            // An index build (a replacement, as the AUTO policy's maintenance does) must keep the promotion.
            table.indexes().createVectorIndex("vector", VectorIndexSpec.of(VectorIndexType.IVF_HNSW_SQ), DistanceMetric.COSINE);
            report("after createVectorIndex again", table, random, dim);
            forgotten = !table.promotedMetadataKeys().contains("source");
            System.out.println(forgotten ? "FAIL: the index build forgot the promotion: filters on 'source' read "
                    + "the JSON again" : "OK: the key stays promoted after the index build");
        }
        rawLance(dim);
        System.exit(lost || forgotten ? 1 : 0);
    }

    /**
     * The same two steps the promotion takes, on raw lance-java: {@code addColumns} of a nullable column, then a
     * {@code mergeInsert} on id of (id, new column) for every row with {@code withMatchedUpdateAll}; the vector
     * index after each.
     */
    private static void rawLance(int dim) throws Exception {
        int n = 5_000;
        Path dir = Files.createTempDirectory("promotion-index-raw");
        Field vector = new Field("vector", FieldType.notNullable(new ArrowType.FixedSizeList(dim)),
                List.of(new Field("item", FieldType.notNullable(new ArrowType.FloatingPoint(
                        FloatingPointPrecision.SINGLE)), null)));
        Schema schema = new Schema(List.of(Field.notNullable("id", ArrowType.Utf8.INSTANCE), vector));
        Schema patch = new Schema(List.of(Field.notNullable("id", ArrowType.Utf8.INSTANCE),
                Field.nullable("c", ArrowType.Utf8.INSTANCE)));
        Random random = new Random(5);
        try (BufferAllocator allocator = new RootAllocator()) {
            Dataset ds;
            try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
                Data.exportArrayStream(allocator, new OneBatch(allocator, schema, root -> {
                    FixedSizeListVector v = (FixedSizeListVector) root.getVector("vector");
                    Float4Vector values = (Float4Vector) v.getDataVector();
                    for (int i = 0; i < n; i++) {
                        ((VarCharVector) root.getVector("id")).setSafe(i, ("id-" + i).getBytes(StandardCharsets.UTF_8));
                        v.startNewValue(i);
                        for (int j = 0; j < dim; j++) {
                            values.setSafe(i * dim + j, (float) random.nextGaussian());
                        }
                    }
                    values.setValueCount(n * dim);
                }, n), stream);
                ds = Dataset.write().allocator(allocator).stream(stream).uri(dir.resolve("t.lance").toString())
                        .mode(WriteParams.WriteMode.CREATE).execute();
            }
            ds.createIndex(IndexOptions.builder(List.of("vector"), IndexType.IVF_FLAT, IndexParams.builder()
                    .setVectorIndexParams(VectorIndexParams.ivfFlat(4, DistanceType.Cosine)).build())
                    .withIndexName("vector_idx").build());
            System.out.println("raw lance-java, after createIndex: " + indexes(ds));
            ds.addColumns(List.of(Field.nullable("c", ArrowType.Utf8.INSTANCE)));
            System.out.println("raw lance-java, after addColumns(c): " + indexes(ds));
            try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
                Data.exportArrayStream(allocator, new OneBatch(allocator, patch, root -> {
                    for (int i = 0; i < n; i++) {
                        ((VarCharVector) root.getVector("id")).setSafe(i, ("id-" + i).getBytes(StandardCharsets.UTF_8));
                        ((VarCharVector) root.getVector("c")).setSafe(i, "x".getBytes(StandardCharsets.UTF_8));
                    }
                }, n), stream);
                Dataset merged = ds.mergeInsert(new MergeInsertParams(List.of("id")).withMatchedUpdateAll()
                        .withNotMatched(MergeInsertParams.WhenNotMatched.DoNothing), stream).dataset();
                System.out.println("raw lance-java, after mergeInsert(id, c) withMatchedUpdateAll: " + indexes(merged)
                        + ", rows " + merged.countRows() + ", fragments " + merged.getFragments().size());
                merged.updateConfig(Map.of("a", "1"));
                merged.updateConfig(Map.of("b", "2"));
                System.out.println("raw lance-java, getConfig() after updateConfig({a=1}) then updateConfig({b=2}): "
                        + merged.getConfig());
                merged.close();
            }
            ds.close();
        }
    }

    private static String indexes(Dataset ds) {
        return ds.describeIndices().stream().map(PromotionIndexProbe::describe).collect(Collectors.joining("; "));
    }

    /** One batch of {@code rows} rows, filled by {@code fill}. */
    private static final class OneBatch extends ArrowReader {
        private final Schema schema;
        private final java.util.function.Consumer<VectorSchemaRoot> fill;
        private final int rows;
        private boolean done;

        OneBatch(BufferAllocator allocator, Schema schema, java.util.function.Consumer<VectorSchemaRoot> fill,
                int rows) {
            super(allocator);
            this.schema = schema;
            this.fill = fill;
            this.rows = rows;
        }

        @Override
        public boolean loadNextBatch() throws java.io.IOException {
            if (done) {
                return false;
            }
            VectorSchemaRoot root = getVectorSchemaRoot();
            root.allocateNew();
            fill.accept(root);
            for (FieldVector v : root.getFieldVectors()) {
                v.setValueCount(rows);
            }
            root.setRowCount(rows);
            done = true;
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

    private static void report(String when, LanceTable table, Random random, int dim) {
        System.out.println(when + ", version " + table.version() + ":");
        System.out.println("  store: vectorIndex(\"vector\") = " + table.indexes().vectorIndex("vector").orElse(null));
        String lance = table.withDataset(ds -> ds.describeIndices().stream()
                .map(PromotionIndexProbe::describe).collect(Collectors.joining("; ")));
        System.out.println("  Lance: describeIndices() = " + lance);
        System.out.println("  store: promotedMetadataKeys() = " + table.promotedMetadataKeys() + "; Lance: getConfig() = "
                + table.withDataset(ds -> ds.getConfig()));
        long[] nanos = new long[50];
        for (int pass = 0; pass < 2; pass++) {
            for (int q = 0; q < nanos.length; q++) {
                float[] v = vector(random, dim);
                long t0 = System.nanoTime();
                table.search(SearchQuery.nearest("vector", v).limit(10).build(), DistanceMetric.COSINE);
                nanos[q] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(nanos);
        long[] filteredNanos = new long[50];
        MetadataFilter filter = MetadataFilter.eq("source", "doc-42");
        for (int pass = 0; pass < 2; pass++) {
            for (int q = 0; q < filteredNanos.length; q++) {
                float[] v = vector(random, dim);
                long t0 = System.nanoTime();
                table.search(SearchQuery.nearest("vector", v).limit(10).filter(filter).build(), DistanceMetric.COSINE);
                filteredNanos[q] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(filteredNanos);
        System.out.printf("  search p50: unfiltered %.2f ms, source = 'doc-42' %.2f ms (%d matching rows)%n",
                nanos[nanos.length / 2] / 1e6, filteredNanos[filteredNanos.length / 2] / 1e6, table.countRows(filter));
    }

    private static String describe(IndexDescription d) {
        return d.getName() + " (" + d.getIndexType() + ", fields " + d.getFieldIds() + ", rows indexed "
                + d.getRowsIndexed() + ")";
    }

    private static float[] vector(Random random, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
