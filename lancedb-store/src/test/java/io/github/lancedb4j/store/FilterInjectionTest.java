package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.store.filter.MetadataFilter;
import io.github.lancedb4j.store.filter.MetadataFilter.And;
import io.github.lancedb4j.store.filter.MetadataFilter.Comparison;
import io.github.lancedb4j.store.filter.MetadataFilter.Comparison.Operator;
import io.github.lancedb4j.store.filter.MetadataFilter.ContainsString;
import io.github.lancedb4j.store.filter.MetadataFilter.In;
import io.github.lancedb4j.store.filter.MetadataFilter.IsNull;
import io.github.lancedb4j.store.filter.MetadataFilter.Not;
import io.github.lancedb4j.store.filter.MetadataFilter.Or;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile keys and values in search filters and in {@code delete(MetadataFilter)} against a real Lance table: the
 * rows matched (and deleted) are exactly those a Java evaluation of the filter selects, never more.
 */
class FilterInjectionTest extends RealTableTestBase {

    private static final String COLUMN = "vector";
    private static final float[] QUERY = {1f, 0f, 0f, 0f};

    private int tables;


    static Stream<String> hostileStrings() {
        return Stream.of(
                "'",
                "O'Brien",
                "' OR 1=1 --",
                "') OR true OR ('",
                "x' OR 'a'='a",
                "') OR (json_get_string(`metadata`, 'k') IS NOT NULL",
                "\\",
                "a\\' OR 1=1 --",
                "ends with backslash\\",
                "` OR 1=1 --",
                "`metadata`",
                "--",
                "; DROP TABLE t; --",
                "'; DROP TABLE t; --",
                "%",
                "_",
                "%_%",
                "\"benign\"",
                "AND OR NOT NULL TRUE",
                "line1\nline2' OR 1=1\n--",
                "\r\n\t",
                "nul\u0000byte",
                "日本語 😀 ünïcödé'ß",
                "$.k",
                "a.b c",
                "'".repeat(2000) + " OR 1=1 --" + "x".repeat(20_000));
    }

    // --------------------------------------------------------------------------------------------------------
    // (a) search and count

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void hostileKeysAndValuesInSearchFiltersMatchExactlyWhatJavaMatches(String h) {
        Map<String, Map<String, Object>> rows = rowsFor(h);
        LanceTable table = newTable(rows);

        for (MetadataFilter filter : filtersFor(h)) {
            Set<String> expected = JavaFilter.select(filter, rows);
            assertThat(searchIds(table, filter)).as("search with %s", filter).isEqualTo(expected);
            assertThat(table.countRows(filter)).as("count with %s", filter).isEqualTo(expected.size());
        }
        assertThat(table.countRows()).isEqualTo(rows.size());
    }

    @Test
    void classicInjectionValuesMatchNothingWhenNoRowHoldsThem() {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        rows.put("a", Map.of("k", "alpha"));
        rows.put("b", Map.of("k", "beta"));
        rows.put("c", Map.of("n", 1));
        LanceTable table = newTable(rows);

        for (String attack : List.of("' OR 1=1 --", "') OR true OR ('", "x' OR 'a'='a", "' OR '1'='1", "a' OR k IS NOT NULL --")) {
            assertThat(searchIds(table, MetadataFilter.eq("k", attack))).as(attack).isEmpty();
            assertThat(searchIds(table, MetadataFilter.eq(attack, "alpha"))).as(attack).isEmpty();
            assertThat(searchIds(table, new ContainsString("k", attack))).as(attack).isEmpty();
            assertThat(table.countRows(new In("k", List.of(attack), false))).as(attack).isZero();
        }
    }

    // --------------------------------------------------------------------------------------------------------
    // (b) delete

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void deleteWithHostileFiltersRemovesExactlyTheMatchingRows(String h) {
        Map<String, Map<String, Object>> rows = rowsFor(h);
        LanceTable table = newTable(rows);
        Map<String, Map<String, Object>> remaining = new LinkedHashMap<>(rows);

        List<MetadataFilter> deletes = List.of(
                MetadataFilter.eq("k", h),                           // the row holding exactly h
                MetadataFilter.eq(h, "v"),                           // the row whose key is h
                new ContainsString("k", h),                          // the row whose value contains h
                new In("k", List.of(h, "absent"), false));           // nothing left to match: a no-op
        for (MetadataFilter filter : deletes) {
            Set<String> doomed = JavaFilter.select(filter, remaining);
            table.delete(filter);
            doomed.forEach(remaining::remove);

            assertThat(allIds(table)).as("survivors after delete(%s)", filter).isEqualTo(new TreeSet<>(remaining.keySet()));
            assertThat(table.countRows()).isEqualTo(remaining.size());
        }
        // Rows that never matched are all still there, with their metadata intact.
        assertThat(remaining.keySet()).contains("other", "bothKeys", "empty", "none", "number");
        for (SearchHit hit : table.search(SearchQuery.nearest(COLUMN, QUERY).limit(100).build(), DistanceMetric.L2)) {
            assertThat(hit.metadata()).as(hit.id()).isEqualTo(remaining.get(hit.id()));
        }
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void deleteWithAHostileValueThatMatchesNoRowDeletesNothing(String h) {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        rows.put("a", Map.of("k", "alpha"));
        rows.put("b", Map.of("k", "beta", "n", 2));
        rows.put("c", Map.of());
        rows.put("d", null);
        LanceTable table = newTable(rows);

        table.delete(MetadataFilter.eq("k", h));
        table.delete(MetadataFilter.eq(h, h));
        table.delete(new ContainsString("k", h + "\u0001"));

        assertThat(allIds(table)).containsExactly("a", "b", "c", "d");
    }

    @Test
    void negatedDeleteWithAnInjectionValueKeepsOnlyTheRowsThatHoldIt() {
        String attack = "') OR true OR ('";
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        rows.put("holds", Map.of("k", attack));
        rows.put("other", Map.of("k", "x"));
        rows.put("missing", Map.of("z", 1));
        rows.put("none", null);
        LanceTable table = newTable(rows);

        table.delete(new Comparison("k", Operator.NOT_EQUAL, attack));

        // NOT_EQUAL is true for "other" and "missing"; rows without metadata never match.
        assertThat(allIds(table)).containsExactly("holds", "none");
    }

    // --------------------------------------------------------------------------------------------------------

    /** Rows that place h as a value, a key, a prefix and next to other types. */
    private static Map<String, Map<String, Object>> rowsFor(String h) {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        rows.put("exact", Map.of("k", h));
        rows.put("other", Map.of("k", "benign"));
        rows.put("prefixed", Map.of("k", "pre" + h + "post"));
        rows.put("hostileKey", Map.of(h.equals("k") ? "k2" : h, "v"));
        rows.put("bothKeys", Map.of("k", "v", "j", h + h));
        rows.put("number", Map.of("k", 1));
        rows.put("empty", Map.of());
        rows.put("none", null);
        return rows;
    }

    private static List<MetadataFilter> filtersFor(String h) {
        return List.of(
                MetadataFilter.eq("k", h),
                new Comparison("k", Operator.NOT_EQUAL, h),
                new Comparison("k", Operator.GREATER_THAN, h),
                new Comparison("k", Operator.LESS_THAN_OR_EQUAL, h),
                new In("k", List.of(h, "benign"), false),
                new In("k", List.of(h, 1), true),
                new ContainsString("k", h),
                new ContainsString("j", h),
                MetadataFilter.eq(h, "v"),
                new Comparison(h, Operator.NOT_EQUAL, "v"),
                new IsNull(h),
                new Not(new IsNull(h)),
                new Or(MetadataFilter.eq("k", h), MetadataFilter.eq(h, "v")),
                new And(new Not(MetadataFilter.eq("k", h)), new ContainsString("k", "e")));
    }

    private LanceTable newTable(Map<String, Map<String, Object>> rows) {
        LanceTable table = db.openTable("t" + (tables++), List.of(VectorColumn.of(COLUMN, 4)), true);
        List<Row> list = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Map<String, Object>> e : rows.entrySet()) {
            list.add(Row.of(e.getKey(), "text " + e.getKey(), e.getValue(), COLUMN, new float[] {1f, 0.01f * i++, 0.5f, 0.25f}));
        }
        table.upsert(list, List.of(COLUMN));
        return table;
    }

    static Set<String> searchIds(LanceTable table, MetadataFilter filter) {
        return table.search(SearchQuery.nearest(COLUMN, QUERY).limit(10_000).filter(filter).build(), DistanceMetric.L2).stream()
                .map(SearchHit::id).collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> allIds(LanceTable table) {
        return searchIds(table, null);
    }

    /**
     * The filter semantics of {@link MetadataFilter} evaluated in Java: two-valued, missing key = false for positive
     * leaves, rows without metadata never match, text only against text (String and UUID by their text), numbers
     * only against numbers (integers exactly, otherwise by decimal value as a double), booleans only against booleans.
     */
    static final class JavaFilter {

        private JavaFilter() {
        }

        static Set<String> select(MetadataFilter filter, Map<String, ? extends Map<String, ?>> rows) {
            Set<String> ids = new TreeSet<>();
            rows.forEach((id, meta) -> {
                if (meta != null && matches(filter, meta)) {
                    ids.add(id);
                }
            });
            return ids;
        }

        static boolean matches(MetadataFilter filter, Map<String, ?> meta) {
            if (filter instanceof Comparison c) {
                if (c.operator() == Operator.NOT_EQUAL) {
                    return !matches(MetadataFilter.eq(c.key(), c.value()), meta);
                }
                Integer cmp = compare(meta.get(c.key()), c.value());
                if (cmp == null) {
                    return false;
                }
                if (meta.get(c.key()) instanceof Boolean && c.operator() != Operator.EQUAL) {
                    throw new IllegalArgumentException("boolean ordering");
                }
                return switch (c.operator()) {
                    case EQUAL -> cmp == 0;
                    case GREATER_THAN -> cmp > 0;
                    case GREATER_THAN_OR_EQUAL -> cmp >= 0;
                    case LESS_THAN -> cmp < 0;
                    case LESS_THAN_OR_EQUAL -> cmp <= 0;
                    case NOT_EQUAL -> throw new IllegalStateException();
                };
            }
            if (filter instanceof In in) {
                Object stored = meta.get(in.key());
                boolean any = in.values().stream().anyMatch(v -> Integer.valueOf(0).equals(compare(stored, v)));
                return in.negated() != any;
            }
            if (filter instanceof ContainsString cs) {
                Object stored = meta.get(cs.key());
                return isText(stored) && stored.toString().contains(cs.substring());
            }
            if (filter instanceof IsNull n) {
                return !meta.containsKey(n.key());
            }
            if (filter instanceof And and) {
                return matches(and.left(), meta) && matches(and.right(), meta);
            }
            if (filter instanceof Or or) {
                return matches(or.left(), meta) || matches(or.right(), meta);
            }
            if (filter instanceof Not not) {
                return !matches(not.expression(), meta);
            }
            throw new IllegalArgumentException(String.valueOf(filter));
        }

        /** stored compared with value, or null when they are not comparable (missing, or different kinds). */
        static Integer compare(Object stored, Object value) {
            if (stored == null) {
                return null;
            }
            if (isText(stored) && isText(value)) {
                byte[] a = stored.toString().getBytes(StandardCharsets.UTF_8);
                byte[] b = value.toString().getBytes(StandardCharsets.UTF_8);
                return Integer.signum(Arrays.compareUnsigned(a, b));
            }
            if (stored instanceof Number s && value instanceof Number v) {
                if (isIntegral(s) && isIntegral(v)) {
                    return Long.compare(s.longValue(), v.longValue());
                }
                double a = decimal(s);
                double b = decimal(v);
                return a < b ? -1 : a > b ? 1 : 0;
            }
            if (stored instanceof Boolean s && value instanceof Boolean v) {
                return s.equals(v) ? 0 : 1;
            }
            return null;
        }

        private static boolean isText(Object o) {
            return o instanceof String || o instanceof UUID;
        }

        private static boolean isIntegral(Number n) {
            return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
        }

        private static double decimal(Number n) {
            return n instanceof Float f ? Double.parseDouble(Float.toString(f)) : n.doubleValue();
        }
    }
}
