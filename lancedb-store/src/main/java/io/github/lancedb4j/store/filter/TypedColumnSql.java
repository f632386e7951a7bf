package io.github.lancedb4j.store.filter;

import io.github.lancedb4j.store.MetadataColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * Filter leaves on a key mirrored into a typed column ({@link MetadataColumn}). Every row's value for such a key has
 * the column's kind, so a value of another kind matches no row ({@code false}), exactly as the JSON leaves decide.
 */
final class TypedColumnSql {

    private TypedColumnSql() {
    }

    static String comparison(MetadataColumn column, String key, String op, MetadataFilter.Comparison c, Object value) {
        String col = "`" + column.columnName() + "`";
        return switch (column.kind()) {
            case STRING -> FilterSql.isText(value)
                    ? notNullAnd(col, col + " " + op + " " + FilterSql.literal(value.toString())) : "false";
            // Lance will not compare an Int64 column with a decimal literal: compare as doubles then.
            case LONG -> value instanceof Number n ? notNullAnd(col, (FilterSql.isIntegral(n) ? col
                    : "CAST(" + col + " AS DOUBLE)") + " " + op + " " + FilterSql.number(key, n)) : "false";
            case DOUBLE -> value instanceof Number n
                    ? notNullAnd(col, col + " " + op + " " + FilterSql.number(key, n)) : "false";
            case BOOLEAN -> {
                if (!(value instanceof Boolean b)) {
                    yield "false";
                }
                if (!"=".equals(op)) {
                    throw new IllegalArgumentException("Filter on metadata key '" + key + "': a boolean can only be "
                            + "compared for equality, not with " + c.operator());
                }
                yield notNullAnd(col, col + " = " + b);
            }
        };
    }

    /**
     * {@code (col IS NOT NULL AND test)}: two-valued (false, not NULL, on a row without the key, so NOT stays exact)
     * without {@code coalesce}, which would hide the column from Lance's scalar-index planner.
     */
    static String notNullAnd(String col, String test) {
        return "(" + col + " IS NOT NULL AND " + test + ")";
    }

    /** The positive IN expression, never NULL (for NOT IN the caller negates it). */
    static String in(MetadataColumn column, MetadataFilter.In in) {
        String col = "`" + column.columnName() + "`";
        List<String> same = new ArrayList<>();
        List<String> decimals = new ArrayList<>();
        for (Object v : in.values()) {
            switch (column.kind()) {
                case STRING -> {
                    if (FilterSql.isText(v)) {
                        same.add(FilterSql.literal(v.toString()));
                    }
                }
                case LONG -> {
                    if (v instanceof Number n) {
                        (FilterSql.isIntegral(n) ? same : decimals).add(FilterSql.number(in.key(), n));
                    }
                }
                case DOUBLE -> {
                    if (v instanceof Number n) {
                        same.add(FilterSql.number(in.key(), n));
                    }
                }
                case BOOLEAN -> {
                    if (v instanceof Boolean b) {
                        same.add(b.toString());
                    }
                }
            }
            if (!(FilterSql.isText(v) || v instanceof Number || v instanceof Boolean)) {
                throw FilterSql.unsupported(in.key(), v);
            }
        }
        List<String> alternatives = new ArrayList<>();
        if (!same.isEmpty()) {
            alternatives.add(notNullAnd(col, col + " IN " + FilterSql.list(same)));
        }
        if (!decimals.isEmpty()) {
            // Integers compare exactly as integers; only the decimals go through a double.
            alternatives.add(notNullAnd(col, "CAST(" + col + " AS DOUBLE) IN " + FilterSql.list(decimals)));
        }
        return alternatives.isEmpty() ? "false" : "(" + String.join(" OR ", alternatives) + ")";
    }

    static String contains(MetadataColumn column, MetadataFilter.ContainsString cs) {
        if (column.kind() != MetadataColumn.Kind.STRING) {
            return "false";
        }
        String col = "`" + column.columnName() + "`";
        return notNullAnd(col, "strpos(" + col + ", " + FilterSql.literal(cs.substring()) + ") > 0");
    }
}
