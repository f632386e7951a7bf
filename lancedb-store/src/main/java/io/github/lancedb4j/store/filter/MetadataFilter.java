package io.github.lancedb4j.store.filter;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A framework-neutral filter on metadata. Both adapters translate their framework's filter into this tree, and
 * {@link FilterSql} renders it as a Lance (DataFusion) predicate.
 *
 * <p>Semantics are two-valued: a leaf on a key that a row lacks is {@code false}; the negative forms
 * ({@link Comparison.Operator#NOT_EQUAL}, {@link In} with {@code negated}, {@link Not}) are therefore {@code true}
 * on such a row. Values compare only with values of the same kind: text (String, UUID) with text, numbers with
 * numbers (integers exactly, floating point by decimal value), booleans with booleans.
 */
public sealed interface MetadataFilter {

    record Comparison(String key, Operator operator, Object value) implements MetadataFilter {
        public enum Operator { EQUAL, NOT_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL }

        public Comparison {
            requireKey(key);
            Objects.requireNonNull(operator, "operator");
            if (value == null) {
                throw new IllegalArgumentException("Filter on metadata key '" + key + "': the comparison value is null");
            }
        }
    }

    /** Membership in a list of values; {@code negated} gives NOT IN. */
    record In(String key, List<Object> values, boolean negated) implements MetadataFilter {
        public In {
            requireKey(key);
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("Filter on metadata key '" + key + "': the IN list is empty");
            }
            if (values.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("Filter on metadata key '" + key + "': the IN list contains null");
            }
            values = List.copyOf(values);
        }

        public In(String key, Collection<?> values, boolean negated) {
            this(key, values == null ? null : List.<Object>copyOf(values), negated);
        }
    }

    /** The text value contains {@code substring} literally and case-sensitively. */
    record ContainsString(String key, String substring) implements MetadataFilter {
        public ContainsString {
            requireKey(key);
            Objects.requireNonNull(substring, "substring");
        }
    }

    /** The row has no value for the key. */
    record IsNull(String key) implements MetadataFilter {
        public IsNull {
            requireKey(key);
        }
    }

    record And(MetadataFilter left, MetadataFilter right) implements MetadataFilter {
        public And {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    record Or(MetadataFilter left, MetadataFilter right) implements MetadataFilter {
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    record Not(MetadataFilter expression) implements MetadataFilter {
        public Not {
            Objects.requireNonNull(expression, "expression");
        }
    }

    static Comparison eq(String key, Object value) {
        return new Comparison(key, Comparison.Operator.EQUAL, value);
    }

    static MetadataFilter and(MetadataFilter left, MetadataFilter right) {
        return new And(left, right);
    }

    static MetadataFilter or(MetadataFilter left, MetadataFilter right) {
        return new Or(left, right);
    }

    static MetadataFilter not(MetadataFilter expression) {
        return new Not(expression);
    }

    private static void requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("A metadata filter needs a non-empty key");
        }
    }
}
