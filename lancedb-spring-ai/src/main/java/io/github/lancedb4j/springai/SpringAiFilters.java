package io.github.lancedb4j.springai;

import io.github.lancedb4j.store.filter.MetadataFilter;
import io.github.lancedb4j.store.filter.MetadataFilter.Comparison;
import io.github.lancedb4j.store.filter.MetadataFilter.Comparison.Operator;
import java.util.Collection;
import java.util.List;
import org.springframework.ai.vectorstore.filter.Filter;

/**
 * Translates a Spring AI {@link Filter.Expression} into the core's {@link MetadataFilter}; the core renders the SQL,
 * escaping every key and value and parenthesising every operand.
 */
final class SpringAiFilters {

    private SpringAiFilters() {
    }

    static MetadataFilter toMetadataFilter(Filter.Operand operand) {
        if (operand instanceof Filter.Group group) {
            return toMetadataFilter(group.content());
        }
        if (!(operand instanceof Filter.Expression e)) {
            throw new IllegalArgumentException("Expected a filter expression, got " + operand);
        }
        return switch (e.type()) {
            case AND -> new MetadataFilter.And(toMetadataFilter(e.left()), toMetadataFilter(required(e)));
            case OR -> new MetadataFilter.Or(toMetadataFilter(e.left()), toMetadataFilter(required(e)));
            case NOT -> new MetadataFilter.Not(toMetadataFilter(e.left()));
            case EQ -> comparison(e, Operator.EQUAL);
            case NE -> comparison(e, Operator.NOT_EQUAL);
            case GT -> comparison(e, Operator.GREATER_THAN);
            case GTE -> comparison(e, Operator.GREATER_THAN_OR_EQUAL);
            case LT -> comparison(e, Operator.LESS_THAN);
            case LTE -> comparison(e, Operator.LESS_THAN_OR_EQUAL);
            case IN -> new MetadataFilter.In(key(e), values(e), false);
            case NIN -> new MetadataFilter.In(key(e), values(e), true);
            case ISNULL -> new MetadataFilter.IsNull(key(e));
            case ISNOTNULL -> new MetadataFilter.Not(new MetadataFilter.IsNull(key(e)));
        };
    }

    private static MetadataFilter comparison(Filter.Expression e, Operator operator) {
        Object value = value(e);
        if (value instanceof Collection<?>) {
            throw new IllegalArgumentException("Filter on metadata key '" + key(e) + "': " + e.type()
                    + " takes a single value, not a list; use IN");
        }
        return new Comparison(key(e), operator, value);
    }

    private static List<Object> values(Filter.Expression e) {
        Object value = value(e);
        return value instanceof Collection<?> c ? List.copyOf(c) : List.of(value);
    }

    private static Object value(Filter.Expression e) {
        if (!(e.right() instanceof Filter.Value v) || v.value() == null) {
            throw new IllegalArgumentException("Filter " + e.type() + " on '" + e.left() + "' needs a value");
        }
        return v.value();
    }

    private static Filter.Operand required(Filter.Expression e) {
        if (e.right() == null) {
            throw new IllegalArgumentException("Filter " + e.type() + " needs two operands");
        }
        return e.right();
    }

    /** The key, without the quotes the text grammar keeps around identifiers such as {@code "foo bar 1"}. */
    static String key(Filter.Expression e) {
        if (!(e.left() instanceof Filter.Key k)) {
            throw new IllegalArgumentException("Filter " + e.type() + " needs a metadata key on its left, got " + e.left());
        }
        String key = k.key();
        if (key.length() >= 2 && (key.startsWith("\"") && key.endsWith("\"") || key.startsWith("'") && key.endsWith("'"))) {
            return key.substring(1, key.length() - 1);
        }
        return key;
    }
}
