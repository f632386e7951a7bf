package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.MetadataColumn;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.filter.FilterSql;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What a version's schema means to the store: its vector columns with their dimensions, the metadata keys mirrored
 * into typed columns, and the filter translator that reads those columns. Derived once per schema and never changed,
 * so a search sees the columns of the very version it runs on.
 */
public record TableLayout(Schema schema, Map<String, Integer> vectorColumns, Map<String, MetadataColumn> metadataColumns,
        FilterSql filterSql) {

    public static TableLayout of(Schema schema) {
        Map<String, MetadataColumn> mirrored = TableSchema.metadataColumns(schema);
        return new TableLayout(schema, Map.copyOf(TableSchema.vectorColumns(schema)), mirrored,
                FilterSql.withColumns(mirrored));
    }

    /** This layout when {@code schema} is the one it was derived from, else a new one. */
    public TableLayout forSchema(Schema schema) {
        return this.schema.equals(schema) ? this : of(schema);
    }

    /**
     * The column with its dimension as stored, or an {@link IllegalArgumentException} naming the table's columns.
     */
    public VectorColumn vectorColumn(String table, String column) {
        Integer dim = vectorColumns.get(column);
        if (dim == null) {
            throw new IllegalArgumentException("Table '" + table + "' has no vector column '" + column
                    + "'; its vector columns are " + vectorColumns);
        }
        return VectorColumn.of(column, dim);
    }
}
