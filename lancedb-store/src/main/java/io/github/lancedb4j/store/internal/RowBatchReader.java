package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.MetadataCodec;
import io.github.lancedb4j.store.MetadataColumn;
import io.github.lancedb4j.store.Row;
import io.github.lancedb4j.store.VectorColumn;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Streams rows to Lance as Arrow record batches of at most {@code batchSize} rows, filling each batch only when
 * Lance asks for it, so a large write never holds more than one batch of Arrow memory.
 */
public final class RowBatchReader extends ArrowReader {

    private final Schema schema;
    private final List<Row> rows;
    private final List<MetadataCodec.Encoded> metadata;
    private final List<VectorColumn> vectorColumns;
    private final List<MetadataColumn> metadataColumns;
    private final PromotedKeys promoted;
    private final int batchSize;
    private int next;

    /**
     * Rows with all base columns and the given vector columns.
     *
     * @param metadata the rows' encoded metadata, index by index (null entries for rows without metadata)
     */
    public RowBatchReader(BufferAllocator allocator, List<Row> rows, List<MetadataCodec.Encoded> metadata,
            List<VectorColumn> vectorColumns, List<MetadataColumn> metadataColumns, int batchSize) {
        this(allocator, rows, metadata, vectorColumns, metadataColumns, PromotedKeys.NONE, batchSize);
    }

    /**
     * Rows with all base columns, the given vector columns, and the promoted keys' columns and epoch (rows written
     * without them are read through the JSON until a promotion restamps them).
     */
    public RowBatchReader(BufferAllocator allocator, List<Row> rows, List<MetadataCodec.Encoded> metadata,
            List<VectorColumn> vectorColumns, List<MetadataColumn> metadataColumns, PromotedKeys promoted,
            int batchSize) {
        this(allocator, TableSchema.forWrite(vectorColumns, metadataColumns, promoted), rows, metadata, vectorColumns,
                metadataColumns, promoted, batchSize);
    }

    private RowBatchReader(BufferAllocator allocator, Schema schema, List<Row> rows,
            List<MetadataCodec.Encoded> metadata, List<VectorColumn> vectorColumns,
            List<MetadataColumn> metadataColumns, PromotedKeys promoted, int batchSize) {
        super(allocator);
        this.schema = schema;
        this.rows = rows;
        this.metadata = metadata;
        this.vectorColumns = vectorColumns;
        this.metadataColumns = metadataColumns;
        this.promoted = promoted;
        this.batchSize = batchSize;
    }

    /** Only {@code id} and one vector column: a merge with this source leaves every other column untouched. */
    public static RowBatchReader vectorsOnly(BufferAllocator allocator, List<Row> rows, VectorColumn column,
            int batchSize) {
        Schema schema = new Schema(List.of(TableSchema.baseFields().get(0), TableSchema.vectorField(column)));
        return new RowBatchReader(allocator, schema, rows, null, List.of(column), List.of(), PromotedKeys.NONE,
                batchSize);
    }

    /** Only {@code id} and one metadata column (filled from each row's metadata), for backfilling it. */
    public static RowBatchReader metadataColumnOnly(BufferAllocator allocator, List<Row> rows, MetadataColumn column,
            int batchSize) {
        Schema schema = new Schema(List.of(TableSchema.baseFields().get(0), TableSchema.metadataField(column)));
        return new RowBatchReader(allocator, schema, rows, null, List.of(), List.of(column), PromotedKeys.NONE,
                batchSize);
    }

    @Override
    public boolean loadNextBatch() throws java.io.IOException {
        if (next >= rows.size()) {
            return false;
        }
        VectorSchemaRoot root = getVectorSchemaRoot();
        // Fresh buffers per batch: the previous batch's buffers may still be owned by Lance.
        root.allocateNew();
        int count = Math.min(batchSize, rows.size() - next);
        VarCharVector ids = (VarCharVector) root.getVector(TableSchema.ID);
        for (int i = 0; i < count; i++) {
            ids.setSafe(i, utf8(rows.get(next + i).id()));
        }
        if (metadata != null) {
            VarCharVector texts = (VarCharVector) root.getVector(TableSchema.TEXT);
            VarCharVector values = (VarCharVector) root.getVector(TableSchema.METADATA);
            VarCharVector types = (VarCharVector) root.getVector(TableSchema.METADATA_TYPES);
            for (int i = 0; i < count; i++) {
                setNullable(texts, i, rows.get(next + i).text());
                MetadataCodec.Encoded encoded = metadata.get(next + i);
                setNullable(values, i, encoded == null ? null : encoded.valuesJson());
                setNullable(types, i, encoded == null ? null : encoded.typesJson());
            }
        }
        for (VectorColumn column : vectorColumns) {
            fillVectors((FixedSizeListVector) root.getVector(column.name()), column, count);
        }
        for (MetadataColumn column : metadataColumns) {
            fillMetadataColumn(root.getVector(column.columnName()), column, count);
        }
        if (!promoted.isEmpty()) {
            fillPromoted(root, count);
        }
        for (FieldVector v : root.getFieldVectors()) {
            v.setValueCount(count);
        }
        root.setRowCount(count);
        next += count;
        return true;
    }

    private void fillVectors(FixedSizeListVector list, VectorColumn column, int count) {
        int dim = column.dimension();
        list.setInitialCapacity(count);
        list.allocateNew();
        // Capacity for count * dim values is allocated above, so the unchecked set() is safe (and much cheaper).
        Float4Vector values = (Float4Vector) list.getDataVector();
        for (int i = 0; i < count; i++) {
            float[] vector = rows.get(next + i).vectors().get(column.name());
            int start = i * dim;
            if (vector == null) {
                // A null list slot still owns dim child slots; they must hold values for non-null children.
                for (int k = 0; k < dim; k++) {
                    values.set(start + k, 0f);
                }
                list.setNull(i);
            } else {
                list.startNewValue(i);
                for (int k = 0; k < dim; k++) {
                    values.set(start + k, vector[k]);
                }
            }
        }
        values.setValueCount(count * dim);
    }

    private void fillMetadataColumn(FieldVector vector, MetadataColumn column, int count) {
        for (int i = 0; i < count; i++) {
            Map<String, ?> metadata = rows.get(next + i).metadata();
            Object value = metadata == null ? null : metadata.get(column.key());
            setValue(vector, i, value == null ? null : column.columnValue(value));
        }
    }

    /** Each promoted key's value into the column of its category (null in the others), and the epoch. */
    private void fillPromoted(VectorSchemaRoot root, int count) {
        BigIntVector epoch = (BigIntVector) root.getVector(PromotedKeys.EPOCH_COLUMN);
        for (int i = 0; i < count; i++) {
            epoch.setSafe(i, promoted.epoch());
        }
        for (PromotedKeys.PromotedKey key : promoted.keys().values()) {
            for (ValueCategory category : key.sinceEpoch().keySet()) {
                FieldVector vector = root.getVector(key.column(category));
                for (int i = 0; i < count; i++) {
                    Map<String, ?> m = rows.get(next + i).metadata();
                    Object value = m == null ? null : m.get(key.key());
                    boolean matches = value != null
                            && ValueCategory.of(io.github.lancedb4j.store.MetadataType.of(key.key(), value)) == category;
                    setValue(vector, i, matches ? category.columnValue(value) : null);
                }
            }
        }
    }

    static void setValue(FieldVector vector, int i, Object stored) {
        if (vector instanceof VarCharVector v) {
            setNullable(v, i, (String) stored);
        } else if (vector instanceof BigIntVector v) {
            if (stored == null) v.setNull(i); else v.setSafe(i, (Long) stored);
        } else if (vector instanceof Float8Vector v) {
            if (stored == null) v.setNull(i); else v.setSafe(i, (Double) stored);
        } else if (vector instanceof BitVector v) {
            if (stored == null) v.setNull(i); else v.setSafe(i, (Boolean) stored ? 1 : 0);
        }
    }

    private static void setNullable(VarCharVector vector, int index, String value) {
        if (value == null) {
            vector.setNull(index);
        } else {
            vector.setSafe(index, utf8(value));
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
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
