package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.MetadataCodec;
import io.github.lancedb4j.store.MetadataColumn;
import io.github.lancedb4j.store.MetadataType;
import io.github.lancedb4j.store.Row;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.filter.FilterSql;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.Dataset;
import org.lance.WriteParams;
import org.lance.merge.MergeInsertParams;
import org.lance.merge.MergeInsertResult;

/**
 * The row writes of one table, as plans for the {@link TableWriter}: each validates its input against the layout of
 * the version it will commit on (so validation and the write use the same columns) and returns the native step.
 */
public final class WritePlans {

    /** Rows per Arrow batch on writes; bounds the Arrow memory one write holds at a time. */
    public static final int WRITE_BATCH_ROWS = 8192;

    private final TableContext context;

    public WritePlans(TableContext context) {
        this.context = context;
    }

    /**
     * Inserts rows or replaces the rows with the same id; the last row with a given id wins. Only the base columns,
     * {@code columnsWritten} and the typed metadata columns are written: a row's vectors in other columns are kept.
     */
    public Function<TableLayout, TableWriter.NativeStep> upsert(List<Row> rows, Collection<String> columnsWritten) {
        return upsert(rows, layout -> columnsWritten);
    }

    /** As {@link #upsert(List, Collection)}, with the vector columns chosen from the layout it commits on. */
    public Function<TableLayout, TableWriter.NativeStep> upsert(List<Row> rows,
            Function<TableLayout, Collection<String>> columnsWritten) {
        List<Row> unique = lastPerId(rows);
        return layout -> {
            List<VectorColumn> columns = resolve(layout, columnsWritten.apply(layout));
            List<MetadataCodec.Encoded> metadata = validate(unique, columns, layout);
            List<MetadataColumn> mirrored = List.copyOf(layout.metadataColumns().values());
            return writer -> merge(writer, new MergeInsertParams(List.of(TableSchema.ID)).withMatchedUpdateAll()
                    .withNotMatched(MergeInsertParams.WhenNotMatched.InsertAll),
                    new RowBatchReader(context.allocator(), unique, metadata, columns, mirrored,
                            layout.promotedKeys(), WRITE_BATCH_ROWS));
        };
    }

    /** Appends rows whose ids are new: no join on id. Rows get no vector in columns they do not mention. */
    public Function<TableLayout, TableWriter.NativeStep> append(List<Row> rows) {
        Set<String> seen = new LinkedHashSet<>();
        for (Row r : rows) {
            if (!seen.add(r.id())) {
                throw new IllegalArgumentException("Append to table '" + context.name() + "': id '" + r.id()
                        + "' occurs twice; use upsert for ids that may repeat");
            }
        }
        return layout -> {
            List<VectorColumn> columns = resolve(layout, layout.vectorColumns().keySet());
            List<MetadataCodec.Encoded> metadata = validate(rows, columns, layout);
            List<MetadataColumn> mirrored = List.copyOf(layout.metadataColumns().values());
            return writer -> {
                try (ArrowReader reader = new RowBatchReader(context.allocator(), rows, metadata, columns, mirrored,
                        layout.promotedKeys(), WRITE_BATCH_ROWS);
                        ArrowArrayStream stream = ArrowArrayStream.allocateNew(context.allocator())) {
                    Data.exportArrayStream(context.allocator(), reader, stream);
                    return Dataset.write().allocator(context.allocator()).stream(stream).uri(context.uri())
                            .mode(WriteParams.WriteMode.APPEND).storageOptions(context.storageOptions())
                            .session(context.session()).execute();
                }
            };
        };
    }

    /** Sets one column's vectors of existing rows, leaving every other column as it is; unknown ids are ignored. */
    public Function<TableLayout, TableWriter.NativeStep> updateVectors(String column, Map<String, float[]> vectorsById) {
        List<Row> rows = new ArrayList<>(vectorsById.size());
        vectorsById.forEach((id, v) -> rows.add(Row.of(id, null, null, column, v)));
        return layout -> {
            VectorColumn col = layout.vectorColumn(context.name(), column);
            vectorsById.forEach((id, v) -> col.validate(v, "vector of id '" + id + "'"));
            return writer -> merge(writer, new MergeInsertParams(List.of(TableSchema.ID)).withMatchedUpdateAll()
                    .withNotMatched(MergeInsertParams.WhenNotMatched.DoNothing),
                    RowBatchReader.vectorsOnly(context.allocator(), rows, col, WRITE_BATCH_ROWS));
        };
    }

    /** Deletes rows by id (absent ids are ignored). */
    public Function<TableLayout, TableWriter.NativeStep> deleteIds(Collection<String> ids) {
        String predicate = "`" + TableSchema.ID + "` IN "
                + new LinkedHashSet<>(ids).stream().map(FilterSql::literal).collect(Collectors.joining(", ", "(", ")"));
        return deleteWhere(layout -> predicate);
    }

    /** Deletes the rows matching a predicate rendered for the layout (its typed metadata columns). */
    public Function<TableLayout, TableWriter.NativeStep> deleteWhere(Function<TableLayout, String> predicate) {
        return layout -> {
            String sql = predicate.apply(layout);
            return writer -> {
                writer.delete(sql);
                return writer;
            };
        };
    }

    /** Adds an empty vector column (existing rows get no vector in it); nothing when another writer added it. */
    public Function<TableLayout, TableWriter.NativeStep> addVectorColumn(VectorColumn column) {
        return layout -> {
            if (layout.vectorColumns().containsKey(column.name())) {
                return writer -> writer;
            }
            return writer -> {
                writer.addColumns(List.of(TableSchema.vectorField(column)));
                return writer;
            };
        };
    }

    static Dataset merge(Dataset writer, MergeInsertParams params, ArrowReader source, TableContext context)
            throws Exception {
        try (ArrowReader reader = source;
                ArrowArrayStream stream = ArrowArrayStream.allocateNew(context.allocator())) {
            Data.exportArrayStream(context.allocator(), reader, stream);
            MergeInsertResult result = writer.mergeInsert(params, stream);
            return result.dataset();
        }
    }

    private Dataset merge(Dataset writer, MergeInsertParams params, ArrowReader source) throws Exception {
        return merge(writer, params, source, context);
    }

    private List<VectorColumn> resolve(TableLayout layout, Collection<String> names) {
        List<VectorColumn> columns = new ArrayList<>();
        for (String c : names) {
            columns.add(layout.vectorColumn(context.name(), c));
        }
        return columns;
    }

    /** Validates every row before anything is written; returns the rows' encoded metadata. */
    private List<MetadataCodec.Encoded> validate(List<Row> rows, List<VectorColumn> columns, TableLayout layout) {
        List<MetadataCodec.Encoded> metadata = new ArrayList<>(rows.size());
        Set<String> known = columns.stream().map(VectorColumn::name).collect(Collectors.toSet());
        for (Row row : rows) {
            for (String c : row.vectors().keySet()) {
                if (!known.contains(c)) {
                    throw new IllegalArgumentException("Row '" + row.id() + "' has a vector for column '" + c
                            + "', which this write does not cover; table '" + context.name() + "' has "
                            + layout.vectorColumns());
                }
            }
            for (VectorColumn column : columns) {
                float[] v = row.vectors().get(column.name());
                if (v != null) {
                    column.validate(v, "vector of id '" + row.id() + "'");
                }
            }
            metadata.add(row.metadata() == null ? null : MetadataCodec.encode(row.metadata()));
            if (row.metadata() != null) {
                for (MetadataColumn mc : layout.metadataColumns().values()) {
                    Object value = row.metadata().get(mc.key());
                    if (value != null && !mc.kind().accepts(MetadataType.of(mc.key(), value))) {
                        throw new IllegalArgumentException("Metadata key '" + mc.key() + "' of table '"
                                + context.name() + "' has a typed column (" + mc.columnName() + ", " + mc.kind()
                                + ") but row '" + row.id() + "' holds a " + value.getClass().getSimpleName()
                                + " there");
                    }
                }
            }
        }
        return metadata;
    }

    /** The rows with each id's last occurrence only, in order of those occurrences. */
    public static List<Row> lastPerId(List<Row> rows) {
        Map<String, Row> byId = new LinkedHashMap<>();
        for (Row r : rows) {
            byId.remove(r.id());
            byId.put(r.id(), r);
        }
        return byId.size() == rows.size() ? rows : new ArrayList<>(byId.values());
    }
}
