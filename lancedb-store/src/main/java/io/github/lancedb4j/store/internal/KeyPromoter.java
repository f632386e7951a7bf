package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.MetadataCodec;
import io.github.lancedb4j.store.MetadataType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.lance.FragmentMetadata;
import org.lance.Transaction;
import org.lance.fragment.FragmentUpdateResult;
import org.lance.operation.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Promotes metadata keys into typed columns ({@link PromotedKeys}), as one write of the table: adds the missing
 * columns (no data rewritten), recomputes every promoted column of every row from its JSON and stamps the new epoch
 * (a column rewrite, fragment by fragment, that leaves every other column and index in place), rebuilds the
 * columns' scalar indexes (BTREE; BITMAP for the epoch) and records the promotion in the table config. With nothing new to promote it restamps the
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

    /**
     * Adds the missing columns, then rewrites the promoted columns (and the epoch) fragment by fragment — new data
     * files for those columns only, rows where they were — and commits that as one column rewrite. Row addresses do
     * not change, so the vector index (and every other index on other columns) stays valid; a merge on id would
     * rewrite every row and drop the vector index with them.
     */
    private Dataset promote(Dataset writer, PromotedKeys next, List<Field> missing) throws Exception {
        long started = System.nanoTime();
        if (!missing.isEmpty()) {
            writer.addColumns(missing);
        }
        List<FragmentMetadata> updated = new ArrayList<>();
        long[] fieldsModified = null;
        // Read from a second handle on the same version: a handle serves one long native call at a time, and the
        // update pulls the rows while it runs.
        try (Dataset source = context.openVersion(writer.version(), "promote metadata keys")) {
            for (org.lance.Fragment fragment : writer.getFragments()) {
                try (LanceScanner scanner = new org.lance.Fragment(source, fragment.getId()).newScan(
                        new ScanOptions.Builder().batchSize(BATCH_ROWS)
                                .columns(List.of(TableSchema.ID, TableSchema.METADATA, TableSchema.METADATA_TYPES))
                                .build());
                        ArrowReader rows = scanner.scanBatches();
                        ArrowReader stamped = new StampedBatches(context.allocator(), rows, next);
                        ArrowArrayStream stream = ArrowArrayStream.allocateNew(context.allocator())) {
                    Data.exportArrayStream(context.allocator(), stamped, stream);
                    FragmentUpdateResult result = fragment.updateColumns(stream, TableSchema.ID, TableSchema.ID);
                    updated.add(result.getUpdatedFragment());
                    fieldsModified = result.getFieldsModified();
                }
            }
        }
        Dataset rewritten = writer;
        if (!updated.isEmpty()) {
            Update update = Update.builder().updatedFragments(updated).fieldsModified(fieldsModified)
                    .updateMode(Optional.of(Update.UpdateMode.RewriteColumns)).build();
            try (Transaction transaction = new Transaction.Builder().readVersion(writer.version()).operation(update)
                    .build()) {
                rewritten = writer.commitTransaction(transaction);
            }
            writer.close();
        }
        try {
            index(rewritten, PromotedKeys.EPOCH_COLUMN, true);
            for (PromotedKeys.PromotedKey key : next.keys().values()) {
                for (ValueCategory c : key.sinceEpoch().keySet()) {
                    index(rewritten, key.column(c), c == ValueCategory.BOOLEAN);
                }
            }
            TableConfig.put(rewritten, next.toConfig());
        } catch (Exception e) {
            if (rewritten != writer) {
                rewritten.close();
            }
            throw e;
        }
        log.info("Promoted metadata keys {} of table '{}' into typed, indexed columns (epoch {}) in {} ms",
                next.keys().keySet(), context.name(), next.epoch(), (System.nanoTime() - started) / 1_000_000);
        return rewritten;
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
