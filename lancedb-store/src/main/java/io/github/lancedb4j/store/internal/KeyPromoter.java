package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.MetadataCodec;
import io.github.lancedb4j.store.MetadataType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.lance.Dataset;
import org.lance.index.IndexOptions;
import org.lance.index.IndexParams;
import org.lance.index.IndexType;
import org.lance.index.scalar.ScalarIndexParams;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.ScanOptions;
import org.lance.merge.MergeInsertParams;
import org.lance.merge.MergeInsertResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Promotes metadata keys into typed columns ({@link PromotedKeys}), as one write of the table: adds the missing
 * columns (no data rewritten), recomputes every promoted column of every row from its JSON and stamps the new epoch
 * (a merge on id, streamed from a scan of the version it starts from), rebuilds the columns' scalar indexes (BTREE;
 * BITMAP for the epoch) and records the promotion in the table config. With nothing new to promote it restamps the
 * rows another writer left uncovered.
 */
public final class KeyPromoter {

    private static final Logger log = LoggerFactory.getLogger(KeyPromoter.class);
    private static final int BATCH_ROWS = 16_384;

    private final TableContext context;

    public KeyPromoter(TableContext context) {
        this.context = context;
    }

    /** Promotes {@code wanted} (an empty map restamps the existing promotions). */
    public Function<TableLayout, TableWriter.NativeStep> plan(Map<String, Set<ValueCategory>> wanted) {
        return layout -> {
            PromotedKeys current = layout.promotedKeys();
            if (!wanted.isEmpty() && current.covers(wanted)) {
                return writer -> writer; // already promoted (by another process, meanwhile)
            }
            if (wanted.isEmpty() && current.isEmpty()) {
                return writer -> writer;
            }
            PromotedKeys next = wanted.isEmpty() ? new PromotedKeys(current.epoch() + 1, current.keys())
                    : current.with(wanted);
            List<Field> missing = new ArrayList<>();
            Set<String> existing = new java.util.HashSet<>();
            layout.schema().getFields().forEach(f -> existing.add(f.getName()));
            if (!existing.contains(PromotedKeys.EPOCH_COLUMN)) {
                missing.add(TableSchema.epochField());
            }
            next.keys().values().forEach(k -> k.sinceEpoch().keySet().forEach(c -> {
                if (!existing.contains(k.column(c))) {
                    missing.add(TableSchema.promotedField(k, c));
                }
            }));
            return writer -> promote(writer, next, missing);
        };
    }

    private Dataset promote(Dataset writer, PromotedKeys next, List<Field> missing) throws Exception {
        long started = System.nanoTime();
        long base = writer.version();
        if (!missing.isEmpty()) {
            writer.addColumns(missing);
        }
        Dataset merged;
        try (Dataset source = context.openVersion(base, "promote metadata keys");
                LanceScanner scanner = source.newScan(new ScanOptions.Builder().batchSize(BATCH_ROWS)
                        .columns(List.of(TableSchema.ID, TableSchema.METADATA, TableSchema.METADATA_TYPES)).build());
                ArrowReader rows = scanner.scanBatches();
                ArrowReader stamped = new StampedBatches(context.allocator(), rows, next);
                ArrowArrayStream stream = ArrowArrayStream.allocateNew(context.allocator())) {
            Data.exportArrayStream(context.allocator(), stamped, stream);
            MergeInsertResult result = writer.mergeInsert(new MergeInsertParams(List.of(TableSchema.ID))
                    .withMatchedUpdateAll().withNotMatched(MergeInsertParams.WhenNotMatched.DoNothing), stream);
            merged = result.dataset();
        }
        try {
            index(merged, PromotedKeys.EPOCH_COLUMN, true);
            for (PromotedKeys.PromotedKey key : next.keys().values()) {
                for (ValueCategory c : key.sinceEpoch().keySet()) {
                    index(merged, key.column(c), c == ValueCategory.BOOLEAN);
                }
            }
            TableConfig.put(merged, next.toConfig());
        } catch (Exception e) {
            merged.close();
            throw e;
        }
        log.info("Promoted metadata keys {} of table '{}' into typed, indexed columns (epoch {}) in {} ms",
                next.keys().keySet(), context.name(), next.epoch(), (System.nanoTime() - started) / 1_000_000);
        return merged;
    }

    private static void index(Dataset dataset, String column, boolean bitmap) {
        dataset.createIndex(IndexOptions.builder(List.of(column), bitmap ? IndexType.BITMAP : IndexType.BTREE,
                        IndexParams.builder().setScalarIndexParams(ScalarIndexParams.create(bitmap ? "bitmap" : "btree"))
                                .build())
                .withIndexName(column + "_idx").replace(true).build());
    }

    /** Each scanned row's id, the new epoch, and its value of every promoted key in the column of its category. */
    private static final class StampedBatches extends ArrowReader {
        private final ArrowReader source;
        private final PromotedKeys promoted;
        private final Schema schema;

        StampedBatches(BufferAllocator allocator, ArrowReader source, PromotedKeys promoted) {
            super(allocator);
            this.source = source;
            this.promoted = promoted;
            List<Field> fields = new ArrayList<>();
            fields.add(TableSchema.baseFields().get(0));
            fields.add(TableSchema.epochField());
            promoted.keys().values().forEach(k -> k.sinceEpoch().keySet()
                    .forEach(c -> fields.add(TableSchema.promotedField(k, c))));
            this.schema = new Schema(fields);
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            if (!source.loadNextBatch()) {
                return false;
            }
            VectorSchemaRoot in = source.getVectorSchemaRoot();
            VectorSchemaRoot out = getVectorSchemaRoot();
            out.allocateNew();
            int n = in.getRowCount();
            VarCharVector ids = (VarCharVector) in.getVector(TableSchema.ID);
            FieldVector values = in.getVector(TableSchema.METADATA);
            FieldVector types = in.getVector(TableSchema.METADATA_TYPES);
            VarCharVector outIds = (VarCharVector) out.getVector(TableSchema.ID);
            BigIntVector epoch = (BigIntVector) out.getVector(PromotedKeys.EPOCH_COLUMN);
            for (int i = 0; i < n; i++) {
                outIds.setSafe(i, ids.get(i));
                epoch.setSafe(i, promoted.epoch());
                String json = SearchResultReader.string(values, i);
                Map<String, Object> metadata = json == null ? Map.of()
                        : MetadataCodec.decode(json, SearchResultReader.string(types, i));
                for (PromotedKeys.PromotedKey key : promoted.keys().values()) {
                    Object value = metadata.get(key.key());
                    ValueCategory category = null;
                    if (value != null) {
                        try {
                            category = ValueCategory.of(MetadataType.of(key.key(), value));
                        } catch (IllegalArgumentException notComparable) {
                            category = null; // e.g. a nested object written by another tool
                        }
                    }
                    for (ValueCategory c : key.sinceEpoch().keySet()) {
                        RowBatchReader.setValue(out.getVector(key.column(c)), i,
                                c == category ? c.columnValue(value) : null);
                    }
                }
            }
            for (FieldVector v : out.getFieldVectors()) {
                v.setValueCount(n);
            }
            out.setRowCount(n);
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
