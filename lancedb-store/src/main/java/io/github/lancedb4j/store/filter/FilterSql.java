package io.github.lancedb4j.store.filter;

import io.github.lancedb4j.store.MetadataColumn;
import io.github.lancedb4j.store.internal.TableSchema;
import io.github.lancedb4j.store.filter.MetadataFilter.And;
import io.github.lancedb4j.store.filter.MetadataFilter.Comparison;
import io.github.lancedb4j.store.filter.MetadataFilter.Comparison.Operator;
import io.github.lancedb4j.store.filter.MetadataFilter.ContainsString;
import io.github.lancedb4j.store.filter.MetadataFilter.In;
import io.github.lancedb4j.store.filter.MetadataFilter.IsNull;
import io.github.lancedb4j.store.filter.MetadataFilter.Not;
import io.github.lancedb4j.store.filter.MetadataFilter.Or;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Renders a {@link MetadataFilter} as a Lance predicate (DataFusion SQL).
 *
 * <p>Safe by construction: keys and text values only ever appear inside single-quoted literals with {@code '}
 * doubled (Lance's dialect has no backslash escapes), numbers are rendered from Java numbers, and every
 * sub-expression is parenthesised. Every leaf is wrapped in {@code coalesce(…, false)} so that a missing key gives
 * {@code false} rather than SQL's {@code NULL}; {@code NOT} then behaves as in Java.
 *
 * <p>Each leaf checks the stored type of the key (column {@value TableSchema#METADATA_TYPES}) before reading the
 * value, so {@code "3"} never equals {@code 3} and {@code 2.5} is never rounded to match {@code 3}.
 */
public final class FilterSql {

    private static final String TEXT_TYPES = "('string', 'uuid')";
    private static final String INTEGRAL_TYPES = "('int', 'long')";
    private static final String FLOATING_TYPES = "('float', 'double')";

    /**
     * The predicate for a filter, restricted to rows that carry metadata (rows stored without a text segment or
     * document never match a metadata filter, not even a negated one).
     */
    public static String where(MetadataFilter filter) {
        return PLAIN.predicate(filter);
    }

    /** As {@link #where}, for a table whose metadata keys {@code columns} are mirrored into typed columns. */
    public static FilterSql withColumns(Map<String, MetadataColumn> columns) {
        return columns.isEmpty() ? PLAIN : new FilterSql(Map.copyOf(columns), null);
    }

    /**
     * As {@link #withColumns}, also reading keys that filters promoted into typed columns (internal: the core builds
     * this per table version, with the version's coverage of the promoted columns).
     */
    public static FilterSql withPromotedKeys(Map<String, MetadataColumn> columns, LeafRewrite promoted) {
        return new FilterSql(Map.copyOf(columns), promoted);
    }

    /**
     * Reads one comparison leaf another way (the core reads promoted keys from typed columns); returns null to keep
     * the JSON expression, which {@code json} renders on demand.
     */
    @FunctionalInterface
    public interface LeafRewrite {
        /** The leaf's SQL, or null when this rewrite does not apply to it. */
        String leaf(MetadataFilter leaf, java.util.function.Supplier<String> json);
    }

    private static final FilterSql PLAIN = new FilterSql(Map.of(), null);

    private final Map<String, MetadataColumn> columns;
    private final LeafRewrite promoted;

    private FilterSql(Map<String, MetadataColumn> columns, LeafRewrite promoted) {
        this.columns = columns;
        this.promoted = promoted;
    }

    /**
     * The predicate for a filter, restricted to rows that carry metadata; keys with a typed column are read from it
     * (and its scalar index) instead of the JSON.
     */
    public String predicate(MetadataFilter filter) {
        return "(`" + TableSchema.METADATA + "` IS NOT NULL AND " + expression(filter) + ")";
    }

    /** The predicate for a filter alone; never evaluates to NULL. */
    public static String render(MetadataFilter filter) {
        return PLAIN.expression(filter);
    }

    private String expression(MetadataFilter filter) {
        if (promoted != null && !(filter instanceof And || filter instanceof Or || filter instanceof Not)
                && !columns.containsKey(keyOf(filter))) {
            String fast = promoted.leaf(filter, () -> PLAIN.expression(filter));
            if (fast != null) {
                return fast;
            }
        }
        if (filter instanceof Comparison c) {
            return comparison(c);
        }
        if (filter instanceof In in) {
            String positive = columns.containsKey(in.key()) ? TypedColumnSql.in(columns.get(in.key()), in)
                    : coalesce(in(in));
            return in.negated() ? "(NOT " + positive + ")" : positive;
        }
        if (filter instanceof ContainsString cs) {
            if (columns.containsKey(cs.key())) {
                return TypedColumnSql.contains(columns.get(cs.key()), cs);
            }
            return coalesce("(" + type(cs.key()) + " IN " + TEXT_TYPES + " AND strpos(" + text(cs.key()) + ", "
                    + literal(cs.substring()) + ") > 0)");
        }
        if (filter instanceof IsNull n) {
            if (columns.containsKey(n.key())) {
                return "(`" + columns.get(n.key()).columnName() + "` IS NULL)";
            }
            return "(" + type(n.key()) + " IS NULL)";
        }
        if (filter instanceof And || filter instanceof Or) {
            List<MetadataFilter> terms = operands(filter);
            List<String> rendered = new ArrayList<>(terms.size());
            for (MetadataFilter term : terms) {
                rendered.add(expression(term));
            }
            return balanced(rendered, filter instanceof And ? " AND " : " OR ", 0, rendered.size());
        }
        if (filter instanceof Not not) {
            return "(NOT " + expression(not.expression()) + ")";
        }
        throw new IllegalArgumentException("Unsupported filter: " + filter);
    }

    /**
     * The operands of a chain of the same operator ({@code a AND b AND c …}, however the tree nests them), in order;
     * iterative, so a chain of any length cannot overflow the stack.
     */
    private static List<MetadataFilter> operands(MetadataFilter chain) {
        Class<?> kind = chain.getClass();
        List<MetadataFilter> out = new ArrayList<>();
        java.util.ArrayDeque<MetadataFilter> pending = new java.util.ArrayDeque<>();
        pending.push(chain);
        while (!pending.isEmpty()) {
            MetadataFilter f = pending.pop();
            if (f.getClass() == kind && f instanceof And and) {
                pending.push(and.right());
                pending.push(and.left());
            } else if (f.getClass() == kind && f instanceof Or or) {
                pending.push(or.right());
                pending.push(or.left());
            } else {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Operands joined as a balanced tree of parenthesised pairs: Lance's SQL parser refuses nesting deeper than
     * about 40 levels, so a chain of n terms must nest log2(n) deep, not n (1,000 terms: 10 levels).
     */
    private static String balanced(List<String> terms, String operator, int from, int to) {
        if (to - from == 1) {
            return terms.get(from);
        }
        int mid = (from + to) >>> 1;
        return "(" + balanced(terms, operator, from, mid) + operator + balanced(terms, operator, mid, to) + ")";
    }

    private String comparison(Comparison c) {
        if (c.operator() == Operator.NOT_EQUAL) {
            return "(NOT " + comparison(new Comparison(c.key(), Operator.EQUAL, c.value())) + ")";
        }
        String op = switch (c.operator()) {
            case EQUAL -> "=";
            case GREATER_THAN -> ">";
            case GREATER_THAN_OR_EQUAL -> ">=";
            case LESS_THAN -> "<";
            case LESS_THAN_OR_EQUAL -> "<=";
            case NOT_EQUAL -> throw new IllegalStateException();
        };
        Object v = c.value();
        String key = c.key();
        if (columns.containsKey(key)) {
            return TypedColumnSql.comparison(columns.get(key), key, op, c, v);
        }
        if (isText(v)) {
            return coalesce("(" + type(key) + " IN " + TEXT_TYPES + " AND " + text(key) + " " + op + " "
                    + literal(v.toString()) + ")");
        }
        if (v instanceof Number n) {
            String number = number(key, n);
            return coalesce("((" + type(key) + " IN " + INTEGRAL_TYPES + " AND " + integral(key) + " " + op + " " + number
                    + ") OR (" + type(key) + " IN " + FLOATING_TYPES + " AND " + floating(key) + " " + op + " " + number
                    + "))");
        }
        if (v instanceof Boolean b) {
            if (c.operator() != Operator.EQUAL) {
                throw new IllegalArgumentException("Filter on metadata key '" + key + "': a boolean can only be compared"
                        + " for equality, not with " + c.operator());
            }
            return coalesce("(" + type(key) + " = 'boolean' AND " + bool(key) + " = " + literal(b.toString()) + ")");
        }
        throw unsupported(key, v);
    }

    private String in(In in) {
        String key = in.key();
        List<String> texts = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        List<String> integers = new ArrayList<>();
        List<String> decimals = new ArrayList<>();
        List<String> booleans = new ArrayList<>();
        for (Object v : in.values()) {
            if (isText(v)) {
                texts.add(literal(v.toString()));
            } else if (v instanceof Number n) {
                String rendered = number(key, n);
                numbers.add(rendered);
                (isIntegral(n) ? integers : decimals).add(rendered);
            } else if (v instanceof Boolean b) {
                booleans.add(literal(b.toString()));
            } else {
                throw unsupported(key, v);
            }
        }
        List<String> alternatives = new ArrayList<>();
        if (!texts.isEmpty()) {
            alternatives.add("(" + type(key) + " IN " + TEXT_TYPES + " AND " + text(key) + " IN " + list(texts) + ")");
        }
        if (!numbers.isEmpty()) {
            // Separate lists: one decimal in an IN list makes DataFusion compare every item as a double.
            if (!integers.isEmpty()) {
                alternatives.add("(" + type(key) + " IN " + INTEGRAL_TYPES + " AND " + integral(key) + " IN " + list(integers) + ")");
            }
            if (!decimals.isEmpty()) {
                // json_get_float, not json_get_int: an identical expression would let DataFusion merge both lists.
                alternatives.add("(" + type(key) + " IN " + INTEGRAL_TYPES + " AND "
                        + guarded(key, INTEGRAL_TYPES, "json_get_float") + " IN " + list(decimals) + ")");
            }
            alternatives.add("(" + type(key) + " IN " + FLOATING_TYPES + " AND " + floating(key) + " IN " + list(numbers) + ")");
        }
        if (!booleans.isEmpty()) {
            alternatives.add("(" + type(key) + " = 'boolean' AND " + bool(key) + " IN " + list(booleans) + ")");
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    /** The metadata key a comparison leaf reads. */
    public static String keyOf(MetadataFilter leaf) {
        if (leaf instanceof Comparison c) {
            return c.key();
        }
        if (leaf instanceof In in) {
            return in.key();
        }
        if (leaf instanceof ContainsString cs) {
            return cs.key();
        }
        if (leaf instanceof IsNull n) {
            return n.key();
        }
        return null;
    }

    static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    static boolean isText(Object v) {
        return v instanceof String || v instanceof UUID;
    }

    static String coalesce(String expression) {
        return "coalesce(" + expression + ", false)";
    }

    /** A SQL list {@code (a, b, …)} of rendered literals, without repeats. */
    public static String list(List<String> items) {
        return items.stream().distinct().collect(Collectors.joining(", ", "(", ")"));
    }

    private static String type(String key) {
        return "json_get_string(`" + TableSchema.METADATA_TYPES + "`, " + literal(key) + ")";
    }

    /**
     * Reads a value only on rows whose stored type is one of {@code types}: Lance's json_get_* functions fail the
     * whole query on a value of another JSON type, and DataFusion evaluates both sides of AND over a batch, whereas
     * CASE evaluates THEN only on the rows where WHEN holds. (THEN must not be boolean-typed, or the optimizer turns
     * the CASE back into an AND.)
     */
    private static String guarded(String key, String types, String function) {
        return "(CASE WHEN " + type(key) + " IN " + types + " THEN " + function + "(`" + TableSchema.METADATA + "`, "
                + literal(key) + ") END)";
    }

    private static String text(String key) {
        return guarded(key, TEXT_TYPES, "json_get_string");
    }

    private static String integral(String key) {
        return guarded(key, INTEGRAL_TYPES, "json_get_int");
    }

    private static String floating(String key) {
        return guarded(key, FLOATING_TYPES, "json_get_float");
    }

    /** A boolean as the text 'true' / 'false' (json_get_bool would make the CASE boolean-typed). */
    private static String bool(String key) {
        return guarded(key, "('boolean')", "json_get_string");
    }

    /** A SQL string literal: the only escape in Lance's dialect is a doubled single quote. */
    public static String literal(String s) {
        // Lance's JNI reads filter strings as modified UTF-8, which cannot carry NUL or characters outside the BMP:
        // those are spliced in with chr(code point).
        StringBuilder out = new StringBuilder("'");
        boolean spliced = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0 || cp > 0xFFFF) {
                out.append("' || chr(").append(cp).append(") || '");
                spliced = true;
            } else if (cp == '\'') {
                out.append("''");
            } else {
                out.appendCodePoint(cp);
            }
        }
        out.append('\'');
        return spliced ? "(" + out + ")" : out.toString();
    }

    /**
     * A numeric SQL literal for a filter value on {@code key}; rejects NaN and infinities naming the key.
     */
    public static String number(String key, Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            // -9223372036854775808 parses as minus a literal that does not fit a long (so: a double).
            return n.longValue() == Long.MIN_VALUE ? "(-9223372036854775807 - 1)" : Long.toString(n.longValue());
        }
        if (n instanceof Float f) {
            requireFinite(key, f);
            return decimal(Float.toString(f));
        }
        if (n instanceof Double d) {
            requireFinite(key, d);
            return decimal(Double.toString(d));
        }
        if (n instanceof java.math.BigDecimal || n instanceof java.math.BigInteger) {
            return decimal(n.toString());
        }
        throw unsupported(key, n);
    }

    /** Java's shortest decimal ("1.1", "1.0E10") in a form DataFusion reads as a float literal. */
    private static String decimal(String javaText) {
        String s = javaText.replace("E", "e");
        return s.contains(".") || s.contains("e") ? s : s + ".0";
    }

    private static void requireFinite(String key, Number n) {
        if (!Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException("Filter on metadata key '" + key + "': the value " + n + " is not finite");
        }
    }

    static IllegalArgumentException unsupported(String key, Object value) {
        return new IllegalArgumentException("Filter on metadata key '" + key + "': values of type "
                + value.getClass().getName() + " cannot be compared; use String, UUID, Integer, Long, Float, Double or Boolean");
    }
}
