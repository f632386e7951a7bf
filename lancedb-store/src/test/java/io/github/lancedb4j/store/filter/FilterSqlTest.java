package io.github.lancedb4j.store.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lancedb4j.store.filter.MetadataFilter.And;
import io.github.lancedb4j.store.filter.MetadataFilter.Comparison;
import io.github.lancedb4j.store.filter.MetadataFilter.Comparison.Operator;
import io.github.lancedb4j.store.filter.MetadataFilter.ContainsString;
import io.github.lancedb4j.store.filter.MetadataFilter.In;
import io.github.lancedb4j.store.filter.MetadataFilter.IsNull;
import io.github.lancedb4j.store.filter.MetadataFilter.Not;
import io.github.lancedb4j.store.filter.MetadataFilter.Or;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Pure unit tests of the SQL that {@link FilterSql} renders: structure, quoting, and rejected inputs. */
class FilterSqlTest {

    /**
     * Strings that would change the meaning of the predicate if they ever left a single-quoted literal. (NUL and
     * characters outside the BMP are covered against a real table in FilterInjectionTest: Lance's JNI cannot take
     * them inside a filter string, so they may need a different rendering.)
     */
    static Stream<String> hostileStrings() {
        return Stream.of(
                "'",
                "''",
                "O'Brien",
                "' OR 1=1 --",
                "') OR true OR ('",
                "x' OR 'a'='a",
                "\\",
                "\\'",
                "a\\' OR 1=1 --",
                "`metadata`",
                "` OR 1=1 --",
                "--",
                "/* c */",
                ";",
                "'; DROP TABLE t; --",
                "%",
                "_",
                "%_%",
                "SELECT",
                "AND",
                "OR NOT NULL",
                "line1\nline2' OR 1=1\n--",
                "\r\n\t",
                "\"quoted\"",
                "日本語",
                "ünïcödé'ß",
                "$.a.b",
                "a.b c");
    }

    // --------------------------------------------------------------------------------------------------------
    // Structure: every composite is parenthesised, NOT applies to its whole operand.

    @Test
    void andOfOrIsRenderedWithTheOrGroupedSoItCannotBeReadAsOrOfAnd() {
        MetadataFilter a = MetadataFilter.eq("a", 1);
        MetadataFilter b = MetadataFilter.eq("b", 2);
        MetadataFilter c = MetadataFilter.eq("c", 3);

        String sql = FilterSql.render(new And(new Or(a, b), c));

        assertThat(sql).isEqualTo("((" + FilterSql.render(a) + " OR " + FilterSql.render(b) + ") AND "
                + FilterSql.render(c) + ")");
        assertThat(sql).isNotEqualTo(FilterSql.render(new Or(a, new And(b, c))));
    }

    @Test
    void orOfAndIsRenderedWithTheAndGrouped() {
        MetadataFilter a = MetadataFilter.eq("a", "x");
        MetadataFilter b = MetadataFilter.eq("b", "y");
        MetadataFilter c = MetadataFilter.eq("c", "z");

        assertThat(FilterSql.render(new Or(a, new And(b, c))))
                .isEqualTo("(" + FilterSql.render(a) + " OR (" + FilterSql.render(b) + " AND " + FilterSql.render(c) + "))");
    }

    @Test
    void notWrapsItsWholeOperandInParentheses() {
        MetadataFilter a = MetadataFilter.eq("a", 1);
        MetadataFilter b = MetadataFilter.eq("b", 2);

        assertThat(FilterSql.render(new Not(new And(a, b))))
                .isEqualTo("(NOT (" + FilterSql.render(a) + " AND " + FilterSql.render(b) + "))");
        assertThat(FilterSql.render(new Not(new Not(a)))).isEqualTo("(NOT (NOT " + FilterSql.render(a) + "))");
    }

    @Test
    void everyRenderedFilterIsBalancedAndFullyParenthesised() {
        MetadataFilter deep = new Or(new And(new Not(MetadataFilter.eq("a", 1)), new In("b", List.of("x", 2, true), true)),
                new And(new ContainsString("c", "z"), new Or(new IsNull("d"),
                        new Comparison("e", Operator.LESS_THAN_OR_EQUAL, 2.5))));

        String sql = FilterSql.render(deep);
        String skeleton = skeleton(sql);

        assertThat(skeleton).startsWith("(").endsWith(")");
        assertThat(depthNeverNegativeAndEndsAtZero(skeleton)).isTrue();
        // The outermost parenthesis closes only at the very end: the whole expression is one group.
        assertThat(firstTopLevelClose(skeleton)).isEqualTo(skeleton.length() - 1);
    }

    @Test
    void whereRestrictsToRowsWithMetadataAndParenthesisesTheFilter() {
        MetadataFilter f = new Or(MetadataFilter.eq("a", 1), MetadataFilter.eq("b", 2));

        assertThat(FilterSql.where(f)).isEqualTo("(`metadata` IS NOT NULL AND " + FilterSql.render(f) + ")");
    }

    @Test
    void everyLeafCanNeverEvaluateToNull() {
        // A leaf is either wrapped in coalesce(…, false) or is an IS NULL test, so NOT is two-valued.
        List<MetadataFilter> leaves = List.of(
                MetadataFilter.eq("k", "v"),
                MetadataFilter.eq("k", 1),
                MetadataFilter.eq("k", true),
                new Comparison("k", Operator.GREATER_THAN, 1.5),
                new In("k", List.of("a", 1, false), false),
                new ContainsString("k", "x"));
        for (MetadataFilter leaf : leaves) {
            assertThat(FilterSql.render(leaf)).as(leaf.toString()).startsWith("coalesce(").endsWith(", false)");
        }
        assertThat(FilterSql.render(new IsNull("k"))).endsWith(" IS NULL)");
        assertThat(FilterSql.render(new In("k", List.of("a"), true))).startsWith("(NOT coalesce(");
        assertThat(FilterSql.render(new Comparison("k", Operator.NOT_EQUAL, "a")))
                .isEqualTo("(NOT " + FilterSql.render(MetadataFilter.eq("k", "a")) + ")");
    }

    @Test
    void everyLeafChecksTheStoredTypeOfTheKey() {
        assertThat(FilterSql.render(MetadataFilter.eq("k", "3")))
                .contains("json_get_string(`metadata_types`, 'k') IN ('string', 'uuid')")
                .doesNotContain("json_get_int");
        assertThat(FilterSql.render(MetadataFilter.eq("k", 3)))
                .contains("json_get_string(`metadata_types`, 'k') IN ('int', 'long')")
                .contains("json_get_string(`metadata_types`, 'k') IN ('float', 'double')")
                .doesNotContain("json_get_string(`metadata`");
        assertThat(FilterSql.render(MetadataFilter.eq("k", true)))
                .contains("json_get_string(`metadata_types`, 'k') = 'boolean'");
    }

    // --------------------------------------------------------------------------------------------------------
    // Quoting: hostile keys and values stay inside single-quoted literals.

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void hostileKeysAndValuesOnlyEverAppearInsideSingleQuotedLiterals(String hostile) {
        List<Function<String, MetadataFilter>> shapes = List.of(
                s -> MetadataFilter.eq(s, s),
                s -> new Comparison(s, Operator.NOT_EQUAL, s),
                s -> new Comparison(s, Operator.GREATER_THAN, s),
                s -> new Comparison(s, Operator.LESS_THAN_OR_EQUAL, 5L),
                s -> MetadataFilter.eq(s, true),
                s -> new In(s, List.of(s, 1), false),
                s -> new In(s, List.of(s), true),
                s -> new ContainsString(s, s),
                s -> new IsNull(s),
                s -> new Not(new And(MetadataFilter.eq(s, s), new Or(new IsNull(s), new ContainsString("k", s)))));

        for (Function<String, MetadataFilter> shape : shapes) {
            String benignSql = FilterSql.where(shape.apply("benign"));
            String hostileSql = FilterSql.where(shape.apply(hostile));

            // Outside the literals, the SQL is exactly what a benign key/value gives: nothing leaked into the code.
            assertThat(skeleton(hostileSql)).as(hostileSql).isEqualTo(skeleton(benignSql));
            // The literal holds the exact string, with ' doubled and nothing else changed.
            assertThat(literals(hostileSql)).contains(hostile);
            assertThat(hostileSql).contains("'" + hostile.replace("'", "''") + "'");
        }
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void literalDoublesSingleQuotesAndChangesNothingElse(String s) {
        String literal = FilterSql.literal(s);

        assertThat(literal).startsWith("'").endsWith("'");
        assertThat(literal.substring(1, literal.length() - 1)).isEqualTo(s.replace("'", "''"));
        assertThat(literals(literal)).containsExactly(s);
        assertThat(skeleton(literal)).isEqualTo("?");
    }

    @Test
    void backslashIsNotTreatedAsAnEscape() {
        // Lance's dialect has no backslash escapes: a trailing backslash must not swallow the closing quote.
        assertThat(FilterSql.literal("a\\")).isEqualTo("'a\\'");
        assertThat(FilterSql.literal("\\'")).isEqualTo("'\\'''");
    }

    @Test
    void uuidValuesAreRenderedAsTextLiterals() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

        assertThat(FilterSql.render(MetadataFilter.eq("k", id)))
                .isEqualTo(FilterSql.render(MetadataFilter.eq("k", id.toString())));
    }

    // --------------------------------------------------------------------------------------------------------
    // Numbers.

    static Stream<Arguments> numberLiterals() {
        return Stream.of(
                Arguments.of(5, "5"),
                Arguments.of(-1, "-1"),
                Arguments.of((short) 7, "7"),
                Arguments.of((byte) -3, "-3"),
                Arguments.of(Integer.MIN_VALUE, "-2147483648"),
                Arguments.of(Long.MAX_VALUE, "9223372036854775807"),
                Arguments.of(Long.MIN_VALUE, "(-9223372036854775807 - 1)"), // the literal alone would parse as a double
                Arguments.of(1746714878034235396L, "1746714878034235396"),
                Arguments.of(1.1f, "1.1"),
                Arguments.of(1.0f, "1.0"),
                Arguments.of(Float.MIN_VALUE, "1.4e-45"),
                Arguments.of(Float.MAX_VALUE, "3.4028235e38"),
                Arguments.of(0.1d, "0.1"),
                Arguments.of(1e10d, "1.0e10"),
                Arguments.of(Double.MIN_VALUE, "4.9e-324"),
                Arguments.of(-Double.MAX_VALUE, "-1.7976931348623157e308"));
    }

    @ParameterizedTest
    @MethodSource("numberLiterals")
    void numbersAreRenderedExactlyAsTheirShortestDecimal(Number value, String expected) {
        String sql = FilterSql.render(MetadataFilter.eq("k", value));

        assertThat(sql).contains(" = " + expected + ")");
        // A float is never widened to its binary double expansion.
        assertThat(sql).doesNotContain("1.100000023841858");
    }

    static Stream<Number> nonFiniteNumbers() {
        return Stream.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    @ParameterizedTest
    @MethodSource("nonFiniteNumbers")
    void nonFiniteNumbersAreRejectedNamingTheKey(Number value) {
        for (Operator op : Operator.values()) {
            assertThatThrownBy(() -> FilterSql.render(new Comparison("price", op, value)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'price'");
        }
        assertThatThrownBy(() -> FilterSql.render(new In("price", List.of(1, value), false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'price'");
        assertThatThrownBy(() -> FilterSql.where(new And(MetadataFilter.eq("ok", 1), new Not(MetadataFilter.eq("price", value)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'price'");
    }

    // --------------------------------------------------------------------------------------------------------
    // Rejected inputs.

    static Stream<Object> unsupportedValues() {
        return Stream.of(new Object(), List.of("a"), Map.of("a", 1), 'c', LocalDate.of(2024, 1, 1), new int[] {1},
                new java.util.concurrent.atomic.AtomicLong(1));
    }

    @ParameterizedTest
    @MethodSource("unsupportedValues")
    void unsupportedValueTypesAreRejectedNamingTheKey(Object value) {
        assertThatThrownBy(() -> FilterSql.render(MetadataFilter.eq("color", value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'color'");
        assertThatThrownBy(() -> FilterSql.render(new Comparison("color", Operator.NOT_EQUAL, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'color'");
        assertThatThrownBy(() -> FilterSql.render(new In("color", List.of("a", value), false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'color'");
    }

    @Test
    void booleanOrderingIsRejectedButEqualityAndInequalityAreNot() {
        for (Operator op : List.of(Operator.GREATER_THAN, Operator.GREATER_THAN_OR_EQUAL, Operator.LESS_THAN,
                Operator.LESS_THAN_OR_EQUAL)) {
            assertThatThrownBy(() -> FilterSql.render(new Comparison("flag", op, true)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'flag'")
                    .hasMessageContaining(op.name());
        }
        assertThat(FilterSql.render(new Comparison("flag", Operator.EQUAL, false))).contains("false");
        assertThat(FilterSql.render(new Comparison("flag", Operator.NOT_EQUAL, true))).startsWith("(NOT ");
    }

    @Test
    void filtersWithoutKeyValueOrListAreRejectedWhenBuilt() {
        assertThatThrownBy(() -> MetadataFilter.eq("", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetadataFilter.eq(null, "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetadataFilter.eq("k", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'k'");
        assertThatThrownBy(() -> new In("k", List.of(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'k'");
        List<Object> withNull = new ArrayList<>();
        withNull.add("a");
        withNull.add(null);
        assertThatThrownBy(() -> new In("k", withNull, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'k'");
        assertThatThrownBy(() -> new ContainsString("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IsNull("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inListIsCopiedSoLaterChangesDoNotAlterTheFilter() {
        List<Object> values = new ArrayList<>(List.of("a"));
        In in = new In("k", values, false);
        String before = FilterSql.render(in);

        values.add("' OR 1=1 --");

        assertThat(FilterSql.render(in)).isEqualTo(before);
    }

    @Test
    void bigDecimalValuesAreRenderedAsNumbersNotText() {
        assertThat(FilterSql.render(MetadataFilter.eq("k", new BigDecimal("2.50")))).contains(" = 2.50)");
    }

    // --------------------------------------------------------------------------------------------------------
    // A tiny lexer for Lance's dialect: single-quoted literals with '' as the only escape.

    /** The SQL with every string literal replaced by {@code ?}; fails if a literal is not terminated. */
    static String skeleton(String sql) {
        StringBuilder out = new StringBuilder();
        lex(sql, out, new ArrayList<>());
        return out.toString();
    }

    /** The decoded contents of every string literal, in order. */
    static List<String> literals(String sql) {
        List<String> result = new ArrayList<>();
        lex(sql, new StringBuilder(), result);
        return result;
    }

    private static void lex(String sql, StringBuilder code, List<String> literals) {
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c != '\'') {
                code.append(c);
                i++;
                continue;
            }
            StringBuilder lit = new StringBuilder();
            i++;
            while (true) {
                if (i >= sql.length()) {
                    throw new AssertionError("Unterminated string literal in: " + sql);
                }
                char d = sql.charAt(i);
                if (d == '\'') {
                    if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                        lit.append('\'');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                lit.append(d);
                i++;
            }
            literals.add(lit.toString());
            code.append('?');
        }
    }

    private static boolean depthNeverNegativeAndEndsAtZero(String skeleton) {
        int depth = 0;
        for (char c : skeleton.toCharArray()) {
            if (c == '(') depth++;
            if (c == ')') depth--;
            if (depth < 0) return false;
        }
        return depth == 0;
    }

    private static int firstTopLevelClose(String skeleton) {
        int depth = 0;
        for (int i = 0; i < skeleton.length(); i++) {
            char c = skeleton.charAt(i);
            if (c == '(') depth++;
            if (c == ')' && --depth == 0) return i;
        }
        return -1;
    }
}
