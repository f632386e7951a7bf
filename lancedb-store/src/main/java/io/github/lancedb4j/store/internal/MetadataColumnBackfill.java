package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.MetadataColumn;
import io.github.lancedb4j.store.Row;
import io.github.lancedb4j.store.StoredRow;
import io.github.lancedb4j.store.filter.FilterSql;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.Dataset;
import org.lance.index.IndexOptions;
import org.lance.index.IndexParams;
import org.lance.index.IndexType;
import org.lance.index.scalar.ScalarIndexParams;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.ScanOptions;
import org.lance.merge.MergeInsertParams;

/**
 * Mirrors a metadata key into a typed column with a scalar index: adds the empty column (no data rewritten), fills it
 * from the rows that hold the key (a merge on id — Lance's add-column expressions cannot call the JSON functions),
 * and indexes it (BTREE; BITMAP for booleans).
 */
public final class MetadataColumnBackfill {

    private final TableContext context;

    public MetadataColumnBackfill(TableContext context) {
        this.context = context;
    }

    /** The predicate matching rows whose value for the key is not of the column's kind. */
    public static String conflictingRows(MetadataColumn column) {
        return "json_get_string(`" + TableSchema.METADATA_TYPES + "`, " + FilterSql.literal(column.key())
                + ") NOT IN " + column.storedTypesSql();
    }

    public Function<TableLayout, TableWriter.NativeStep> plan(MetadataColumn column) {
        return layout -> {
            if (layout.metadataColumns().containsKey(column.key())) {
                return writer -> writer; // another writer added it meanwhile
            }
            return writer -> add(writer, column);
        };
    }

    private Dataset add(Dataset writer, MetadataColumn column) throws Exception {
        writer.addColumns(List.of(TableSchema.metadataField(column)));
        List<Row> holders = new ArrayList<>();
        ScanOptions scan = new ScanOptions.Builder()
                .columns(List.of(TableSchema.ID, TableSchema.TEXT, TableSchema.METADATA, TableSchema.METADATA_TYPES))
                .filter("json_get_string(`" + TableSchema.METADATA_TYPES + "`, " + FilterSql.literal(column.key())
                        + ") IS NOT NULL")
                .build();
        try (LanceScanner scanner = writer.newScan(scan); ArrowReader reader = scanner.scanBatches()) {
            for (StoredRow r : SearchResultReader.readRows(reader)) {
                holders.add(new Row(r.id(), null, Map.of(column.key(), r.metadata().get(column.key())), null));
            }
        }
        Dataset filled = writer;
        if (!holders.isEmpty()) {
            filled = WritePlans.merge(writer, new MergeInsertParams(List.of(TableSchema.ID)).withMatchedUpdateAll()
                    .withNotMatched(MergeInsertParams.WhenNotMatched.DoNothing),
                    RowBatchReader.metadataColumnOnly(context.allocator(), holders, column,
                            WritePlans.WRITE_BATCH_ROWS), context);
            writer.close();
        }
        boolean bitmap = column.kind() == MetadataColumn.Kind.BOOLEAN;
        try {
            filled.createIndex(IndexOptions.builder(List.of(column.columnName()),
                            bitmap ? IndexType.BITMAP : IndexType.BTREE,
                            IndexParams.builder().setScalarIndexParams(
                                    ScalarIndexParams.create(bitmap ? "bitmap" : "btree")).build())
                    .withIndexName(column.indexName()).replace(true).build());
            return filled;
        } catch (Exception e) {
            if (filled != writer) {
                filled.close();
            }
            throw e;
        }
    }
}
