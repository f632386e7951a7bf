package io.github.lancedb4j.store;

import io.github.lancedb4j.store.internal.PromotedKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.lance.merge.MergeInsertParams;

/**
 * As {@link PromotedKeyFilterSemanticsTest}, with every other row no longer covered by the promoted columns — as
 * when another tool rewrote it without them: those rows are read from the JSON, and every answer stays the same.
 */
class UncoveredRowsFilterSemanticsTest extends PromotedKeyFilterSemanticsTest {

    @Override
    void afterWrite(LanceTable table, Map<String, Map<String, Object>> rows) {
        super.afterWrite(table, rows);
        if (table.promotedMetadataKeys().isEmpty()) {
            return;
        }
        List<String> uncovered = new ArrayList<>();
        int i = 0;
        for (String id : rows.keySet()) {
            if (i++ % 2 == 0) {
                uncovered.add(id);
            }
        }
        table.withDataset(ds -> {
            try (BufferAllocator allocator = new RootAllocator();
                    ArrowReader source = new EpochCleared(allocator, uncovered);
                    ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
                Data.exportArrayStream(allocator, source, stream);
                ds.mergeInsert(new MergeInsertParams(List.of("id")).withMatchedUpdateAll()
                        .withNotMatched(MergeInsertParams.WhenNotMatched.DoNothing), stream).dataset().close();
                return null;
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        table.refresh();
    }

    /** (id, epoch = null) for the given ids. */
    private static final class EpochCleared extends ArrowReader {
        private final List<String> ids;
        private boolean done;

        EpochCleared(BufferAllocator allocator, List<String> ids) {
            super(allocator);
            this.ids = ids;
        }

        @Override
        public boolean loadNextBatch() throws java.io.IOException {
            if (done) {
                return false;
            }
            done = true;
            VectorSchemaRoot root = getVectorSchemaRoot();
            root.allocateNew();
            VarCharVector id = (VarCharVector) root.getVector("id");
            BigIntVector epoch = (BigIntVector) root.getVector(PromotedKeys.EPOCH_COLUMN);
            for (int i = 0; i < ids.size(); i++) {
                id.setSafe(i, ids.get(i).getBytes(StandardCharsets.UTF_8));
                epoch.setNull(i);
            }
            id.setValueCount(ids.size());
            epoch.setValueCount(ids.size());
            root.setRowCount(ids.size());
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
            return new Schema(List.of(Field.notNullable("id", ArrowType.Utf8.INSTANCE),
                    Field.nullable(PromotedKeys.EPOCH_COLUMN, new ArrowType.Int(64, true))));
        }
    }
}
