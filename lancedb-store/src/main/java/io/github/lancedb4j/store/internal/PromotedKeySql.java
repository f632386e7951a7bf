package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.filter.FilterSql;
import io.github.lancedb4j.store.filter.MetadataFilter;
import io.github.lancedb4j.store.filter.MetadataFilter.Comparison;
import io.github.lancedb4j.store.filter.MetadataFilter.Comparison.Operator;
import io.github.lancedb4j.store.filter.MetadataFilter.ContainsString;
import io.github.lancedb4j.store.filter.MetadataFilter.In;
import io.github.lancedb4j.store.internal.PromotedKeys.PromotedKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * Filter leaves on keys promoted into typed columns ({@link PromotedKeys}): the same answers as the JSON leaves, read
 * from a typed, BTREE-indexed column. Each typed leaf is two-valued without {@code coalesce} —
 * {@code (col IS NOT NULL AND col = v)} — so that Lance can answer it from the index (a coalesce hides the column
 * from Lance's index planner) and NOT stays exact on rows without the key.
 *
 * <p>When some rows of the version are not covered by a column (epoch below the column's: written by another tool,
 * or during a promotion), the leaf reads those rows from the JSON: {@code (covered AND typed) OR (not covered AND
 * json)} — correct, but scanned instead of indexed until the next promotion restamps them.
 */
public final class PromotedKeySql implements FilterSql.LeafRewrite {

    private final PromotedKeys promoted;
    private final LongPredicate fullyCovered;

    /**
     * @param fullyCovered whether every row of the version has an epoch of at least the given one (asked once per
     *                     epoch and version; the core counts it)
     */
    public PromotedKeySql(PromotedKeys promoted, LongPredicate fullyCovered) {
        this.promoted = promoted;
        this.fullyCovered = fullyCovered;
    }

    /** The leaf read from promoted columns, or null when the key (or a category it needs) is not promoted. */
    @Override
    public String leaf(MetadataFilter leaf, Supplier<String> json) {
        Map<ValueCategory, List<Object>> values = valuesByCategory(leaf);
        if (values == null) {
            return null;
        }
        PromotedKey key = promoted.get(FilterSql.keyOf(leaf));
        Set<ValueCategory> needed = needed(values.keySet());
        if (key == null || !key.has(needed)) {
            return null;
        }
        String typed = typed(leaf, key, values);
        long epoch = key.epochFor(needed);
        if (fullyCovered.test(epoch)) {
            return typed;
        }
        String stamped = "coalesce(`" + PromotedKeys.EPOCH_COLUMN + "`, -1)";
        return "((" + stamped + " >= " + epoch + " AND " + typed + ") OR (" + stamped + " < " + epoch + " AND "
                + json.get() + "))";
    }

    /** The (key, categories) a leaf would read from promoted columns, or null when it never does. */
    public static Map<ValueCategory, List<Object>> valuesByCategory(MetadataFilter leaf) {
        List<Object> values;
        if (leaf instanceof Comparison c) {
            if (c.value() instanceof Boolean && c.operator() != Operator.EQUAL && c.operator() != Operator.NOT_EQUAL) {
                return null; // rejected by the JSON path with a clear message
            }
            values = List.of(c.value());
        } else if (leaf instanceof In in) {
            values = in.values();
        } else if (leaf instanceof ContainsString cs) {
            values = List.of(cs.substring());
        } else {
            return null; // IS NULL: a key may hold a category that is not promoted
        }
        Map<ValueCategory, List<Object>> out = new EnumMap<>(ValueCategory.class);
        for (Object v : values) {
            ValueCategory c = ValueCategory.ofFilterValue(v);
            if (c == null) {
                return null;
            }
            out.computeIfAbsent(c, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    /** Numbers compare across whole and decimal values, so a numeric leaf needs both columns. */
    public static Set<ValueCategory> needed(Set<ValueCategory> categories) {
        Set<ValueCategory> out = EnumSet.noneOf(ValueCategory.class);
        for (ValueCategory c : categories) {
            if (c == ValueCategory.INTEGRAL || c == ValueCategory.FLOATING) {
                out.add(ValueCategory.INTEGRAL);
                out.add(ValueCategory.FLOATING);
            } else {
                out.add(c);
            }
        }
        return out;
    }

    private static String typed(MetadataFilter leaf, PromotedKey key, Map<ValueCategory, List<Object>> values) {
        if (leaf instanceof ContainsString cs) {
            String col = col(key, ValueCategory.TEXT);
            return "(" + col + " IS NOT NULL AND strpos(" + col + ", " + FilterSql.literal(cs.substring()) + ") > 0)";
        }
        if (leaf instanceof Comparison c) {
            String positive = comparison(key, c.key(), c.operator() == Operator.NOT_EQUAL ? Operator.EQUAL
                    : c.operator(), c.value());
            return c.operator() == Operator.NOT_EQUAL ? "(NOT " + positive + ")" : positive;
        }
        In in = (In) leaf;
        List<String> alternatives = new ArrayList<>();
        List<Object> text = values.get(ValueCategory.TEXT);
        if (text != null) {
            alternatives.add(notNullAnd(col(key, ValueCategory.TEXT), " IN " + FilterSql.list(
                    text.stream().map(v -> FilterSql.literal(v.toString())).toList())));
        }
        List<String> integers = new ArrayList<>();
        List<String> decimals = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (ValueCategory c : List.of(ValueCategory.INTEGRAL, ValueCategory.FLOATING)) {
            for (Object v : values.getOrDefault(c, List.of())) {
                String rendered = FilterSql.number(in.key(), (Number) v);
                numbers.add(rendered);
                (c == ValueCategory.INTEGRAL ? integers : decimals).add(rendered);
            }
        }
        if (!integers.isEmpty()) {
            alternatives.add(notNullAnd(col(key, ValueCategory.INTEGRAL), " IN " + FilterSql.list(integers)));
        }
        if (!decimals.isEmpty()) {
            // A whole number equals a decimal only by value: compare it as a double with the decimals.
            String col = col(key, ValueCategory.INTEGRAL);
            alternatives.add("(" + col + " IS NOT NULL AND CAST(" + col + " AS DOUBLE) IN " + FilterSql.list(decimals)
                    + ")");
        }
        if (!numbers.isEmpty()) {
            alternatives.add(notNullAnd(col(key, ValueCategory.FLOATING), " IN " + FilterSql.list(numbers)));
        }
        List<Object> booleans = values.get(ValueCategory.BOOLEAN);
        if (booleans != null) {
            alternatives.add(notNullAnd(col(key, ValueCategory.BOOLEAN), " IN " + FilterSql.list(
                    booleans.stream().map(Object::toString).toList())));
        }
        String positive = "(" + String.join(" OR ", alternatives) + ")";
        return in.negated() ? "(NOT " + positive + ")" : positive;
    }

    private static String comparison(PromotedKey key, String name, Operator operator, Object value) {
        String op = switch (operator) {
            case EQUAL -> "=";
            case GREATER_THAN -> ">";
            case GREATER_THAN_OR_EQUAL -> ">=";
            case LESS_THAN -> "<";
            case LESS_THAN_OR_EQUAL -> "<=";
            case NOT_EQUAL -> throw new IllegalStateException();
        };
        ValueCategory category = ValueCategory.ofFilterValue(value);
        return switch (category) {
            case TEXT -> notNullAnd(col(key, ValueCategory.TEXT), " " + op + " " + FilterSql.literal(value.toString()));
            case BOOLEAN -> notNullAnd(col(key, ValueCategory.BOOLEAN), " = " + value);
            case INTEGRAL, FLOATING -> {
                String number = FilterSql.number(name, (Number) value);
                String integral = col(key, ValueCategory.INTEGRAL);
                // Lance will not compare an Int64 column with a decimal literal: compare the whole numbers as doubles.
                String wholeNumbers = category == ValueCategory.INTEGRAL
                        ? notNullAnd(integral, " " + op + " " + number)
                        : "(" + integral + " IS NOT NULL AND CAST(" + integral + " AS DOUBLE) " + op + " " + number + ")";
                yield "(" + wholeNumbers + " OR " + notNullAnd(col(key, ValueCategory.FLOATING), " " + op + " " + number)
                        + ")";
            }
        };
    }

    private static String notNullAnd(String col, String test) {
        return "(" + col + " IS NOT NULL AND " + col + test + ")";
    }

    private static String col(PromotedKey key, ValueCategory category) {
        return "`" + key.column(category) + "`";
    }
}
