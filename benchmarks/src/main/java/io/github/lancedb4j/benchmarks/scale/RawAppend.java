package io.github.lancedb4j.benchmarks.scale;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.lance.Dataset;
import org.lance.WriteParams;

/**
 * The floor under a 10K-row {@code addAll}: {@code Dataset.write} appends of the same rows (id, text, source,
 * vector; file format 2.0 as the store writes) to a table of lance-java's own in the same storage. The rows are
 * encoded as an Arrow IPC stream before the clock starts; the timed call reads and writes them.
 */
final class RawAppend {

    private RawAppend() {
    }

    static void measure(ScaleConfig c, ScaleVectors v, Figures f, String storage, String uri,
            Map<String, String> options) throws Exception {
        FieldType floats = FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE));
        Schema schema = new Schema(List.of(Field.notNullable("id", ArrowType.Utf8.INSTANCE),
                Field.nullable("text", ArrowType.Utf8.INSTANCE), Field.nullable("source", ArrowType.Utf8.INSTANCE),
                new Field("vector", FieldType.notNullable(new ArrowType.FixedSizeList(v.dim)),
                        List.of(new Field("item", floats, null)))));
        List<Double> seconds = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int i = 0; i <= c.inserts(); i++) {
                int from = v.rows + i * ScaleConfig.INSERT_ROWS;
                byte[] ipc = encode(allocator, schema, v, from, from + ScaleConfig.INSERT_ROWS);
                long t0 = System.nanoTime();
                try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(ipc), allocator);
                        Dataset ds = Dataset.write().allocator(allocator).reader(reader).uri(uri)
                                .storageOptions(options).dataStorageVersion("2.0")
                                .mode(i == 0 ? WriteParams.WriteMode.CREATE : WriteParams.WriteMode.APPEND)
                                .execute()) {
                    if (i > 0) { // the first write creates the table
                        seconds.add((System.nanoTime() - t0) / 1e9);
                    }
                }
            }
        }
        List<Double> sorted = new ArrayList<>(seconds);
        sorted.sort(null);
        f.add(StoreScale.RAW, storage, "-", "insert10k_s", sorted.get(sorted.size() / 2), "s",
                "median of Dataset.write appends of " + ScaleConfig.INSERT_ROWS + " rows to lance-java's own table: "
                        + seconds.stream().map(s -> String.format(Locale.ROOT, "%.3f", s)).toList());
    }

    private static byte[] encode(BufferAllocator allocator, Schema schema, ScaleVectors v, int from, int to)
            throws Exception {
        float[][] rows = v.rows(from, to);
        int n = rows.length;
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            root.allocateNew();
            VarCharVector id = (VarCharVector) root.getVector("id");
            VarCharVector text = (VarCharVector) root.getVector("text");
            VarCharVector source = (VarCharVector) root.getVector("source");
            FixedSizeListVector vector = (FixedSizeListVector) root.getVector("vector");
            Float4Vector values = (Float4Vector) vector.getDataVector();
            values.allocateNew(n * v.dim);
            for (int i = 0; i < n; i++) {
                id.setSafe(i, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                text.setSafe(i, v.text(from + i).getBytes(StandardCharsets.UTF_8));
                source.setSafe(i, v.source(from + i).getBytes(StandardCharsets.UTF_8));
                vector.setNotNull(i);
                for (int j = 0; j < v.dim; j++) {
                    values.set(i * v.dim + j, rows[i][j]);
                }
            }
            values.setValueCount(n * v.dim);
            root.setRowCount(n);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, out)) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
            return out.toByteArray();
        }
    }
}
