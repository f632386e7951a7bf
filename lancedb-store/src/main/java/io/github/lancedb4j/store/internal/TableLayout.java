package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.MetadataColumn;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.filter.FilterSql;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;
import org.lance.Dataset;

/**
 * What a version's schema and config mean to the store: its vector columns with their dimensions, the metadata keys
 * mirrored into typed columns (declared ones, and those promoted because filters use them), and the filter
 * translator over the declared columns. Derived once per schema and config and never changed, so a search sees the
 * columns of the very version it runs on.
 */
public record TableLayout(Schema schema, Map<String, String> config, Map<String, Integer> vectorColumns,
        Map<String, MetadataColumn> metadataColumns, PromotedKeys promotedKeys, FilterSql filterSql) {

    public static TableLayout of(Schema schema, Map<String, String> config) {
        Map<String, MetadataColumn> mirrored = TableSchema.metadataColumns(schema);
        return new TableLayout(schema, Map.copyOf(config), Map.copyOf(TableSchema.vectorColumns(schema)), mirrored,
                PromotedKeys.read(config, schema), FilterSql.withColumns(mirrored));
    }

    /** The layout of a dataset's version (reads its schema and config). */
    public static TableLayout of(Dataset dataset) {
        return of(dataset.getSchema(), dataset.getConfig());
    }

    /** This layout when {@code dataset} has the same schema and config, else a new one. */
    public TableLayout forVersion(Dataset dataset) {
        Schema s = dataset.getSchema();
        Map<String, String> c = dataset.getConfig();
        return schema.equals(s) && config.equals(c) ? this : of(s, c);
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
