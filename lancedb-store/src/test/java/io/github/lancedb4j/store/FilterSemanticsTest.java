package io.github.lancedb4j.store;

import static io.github.lancedb4j.store.filter.MetadataFilter.and;
import static io.github.lancedb4j.store.filter.MetadataFilter.eq;
import static io.github.lancedb4j.store.filter.MetadataFilter.not;
import static io.github.lancedb4j.store.filter.MetadataFilter.or;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.store.FilterInjectionTest.JavaFilter;
import io.github.lancedb4j.store.filter.MetadataFilter;
import io.github.lancedb4j.store.filter.MetadataFilter.Comparison;
import io.github.lancedb4j.store.filter.MetadataFilter.Comparison.Operator;
import io.github.lancedb4j.store.filter.MetadataFilter.ContainsString;
import io.github.lancedb4j.store.filter.MetadataFilter.In;
import io.github.lancedb4j.store.filter.MetadataFilter.IsNull;
import io.github.lancedb4j.store.filter.MetadataFilter.Not;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@link MetadataFilter} selects from a real Lance table: two-valued NULL logic, type-strict comparisons,
 * numeric precision, literal substring matching and operator precedence. Every filter is run as a prefiltered
 * vector search, as {@code countRows(filter)}, and checked against a Java evaluation of the same filter.
 */
class FilterSemanticsTest extends RealTableTestBase {

    private static final String COLUMN = "vector";
    private static final float[] QUERY = {1f, 0f, 0f, 0f};

    private LanceTable table;
    private Map<String, Map<String, Object>> rows;


    @BeforeEach
    void openTable() {
        table = db.openTable("semantics", List.of(VectorColumn.of(COLUMN, 4)), true);
        rows = new LinkedHashMap<>();
    }

    // --------------------------------------------------------------------------------------------------------
    // Missing keys and rows without metadata

    @Test
    void aRowLackingTheKeyFailsEveryPositiveLeaf() {
        put("has", Map.of("color", "red", "n", 5));
        put("lacks", Map.of("other", "x"));
        write();

        assertMatches(eq("color", "red"), "has");
        assertMatches(new Comparison("n", Operator.GREATER_THAN, 1), "has");
        assertMatches(new Comparison("n", Operator.LESS_THAN, 100), "has");
        assertMatches(new In("color", List.of("red", "blue"), false), "has");
        assertMatches(new ContainsString("color", "e"), "has");
        assertMatches(eq("color", true));
    }

    @Test
    void aRowLackingTheKeyPassesNotEqualNotInAndNot() {
        put("red", Map.of("color", "red"));
        put("blue", Map.of("color", "blue"));
        put("lacks", Map.of("other", "x"));
        put("empty", Map.of());
        write();

        assertMatches(new Comparison("color", Operator.NOT_EQUAL, "red"), "blue", "lacks", "empty");
        assertMatches(new In("color", List.of("red"), true), "blue", "lacks", "empty");
        assertMatches(not(eq("color", "red")), "blue", "lacks", "empty");
        assertMatches(not(new Comparison("color", Operator.GREATER_THAN, "a")), "lacks", "empty");
        assertMatches(not(new ContainsString("color", "r")), "blue", "lacks", "empty");
        // NOT over a missing key is two-valued: NOT(NOT(x)) = x.
        assertMatches(not(not(eq("color", "red"))), "red");
    }

    @Test
    void rowsStoredWithoutMetadataNeverMatchAnyFilterNotEvenANegatedOne() {
        put("none", null);
        put("empty", Map.of());
        put("tagged", Map.of("k", "v"));
        write();

        assertMatches(eq("k", "v"), "tagged");
        assertMatches(new Comparison("k", Operator.NOT_EQUAL, "v"), "empty");
        assertMatches(new In("k", List.of("v"), true), "empty");
        assertMatches(not(eq("k", "v")), "empty");
        assertMatches(new IsNull("k"), "empty");
        assertMatches(not(new IsNull("k")), "tagged");
        assertMatches(or(new IsNull("k"), not(new IsNull("k"))), "empty", "tagged");
        assertThat(table.countRows()).isEqualTo(3);

        table.delete(not(eq("k", "nothing")));
        assertThat(FilterInjectionTest.allIds(table)).containsExactly("none");
    }

    @Test
    void isNullMatchesExactlyTheRowsWithoutTheKey() {
        put("has", Map.of("k", "v"));
        put("hasNumber", Map.of("k", 0));
        put("hasEmptyString", Map.of("k", ""));
        put("hasEmptyList", Map.of("k", List.of()));
        put("lacks", Map.of("j", "v"));
        put("none", null);
        write();

        assertMatches(new IsNull("k"), "lacks");
        assertMatches(not(new IsNull("k")), "has", "hasNumber", "hasEmptyString", "hasEmptyList");
    }

    // --------------------------------------------------------------------------------------------------------
    // Types never cross-match

    @Test
    void textAndNumbersNeverCrossMatch() {
        put("text3", Map.of("k", "3"));
        put("int3", Map.of("k", 3));
        put("long3", Map.of("k", 3L));
        put("float3", Map.of("k", 3.0f));
        put("double3", Map.of("k", 3.0d));
        put("bool", Map.of("k", true));
        put("textTrue", Map.of("k", "true"));
        put("list3", Map.of("k", List.of("3")));
        write();

        assertMatches(eq("k", "3"), "text3");
        assertMatches(eq("k", 3), "int3", "long3", "float3", "double3");
        assertMatches(eq("k", 3.0), "int3", "long3", "float3", "double3");
        assertMatches(new In("k", List.of("3"), false), "text3");
        assertMatches(new In("k", List.of(3L), false), "int3", "long3", "float3", "double3");
        assertMatches(eq("k", true), "bool");
        assertMatches(eq("k", "true"), "textTrue");
        assertMatches(new ContainsString("k", "3"), "text3");
        assertMatches(new Comparison("k", Operator.GREATER_THAN_OR_EQUAL, 3), "int3", "long3", "float3", "double3");
        assertMatches(new Comparison("k", Operator.GREATER_THAN_OR_EQUAL, "3"), "text3", "textTrue");
    }

    @Test
    void aStoredFractionIsNeverRoundedToMatchAnInteger() {
        put("twoAndAHalf", Map.of("k", 2.5));
        put("twoAndAHalfFloat", Map.of("k", 2.5f));
        put("three", Map.of("k", 3));
        put("two", Map.of("k", 2L));
        write();

        assertMatches(eq("k", 3), "three");
        assertMatches(eq("k", 2), "two");
        assertMatches(eq("k", 2.5), "twoAndAHalf", "twoAndAHalfFloat");
        assertMatches(new Comparison("k", Operator.GREATER_THAN, 2), "twoAndAHalf", "twoAndAHalfFloat", "three");
        assertMatches(new Comparison("k", Operator.LESS_THAN, 3), "twoAndAHalf", "twoAndAHalfFloat", "two");
        assertMatches(new Comparison("k", Operator.LESS_THAN, 2.6f), "twoAndAHalf", "twoAndAHalfFloat", "two");
        assertMatches(new In("k", List.of(3, 2), false), "three", "two");
        assertMatches(new In("k", List.of(3, 2), true), "twoAndAHalf", "twoAndAHalfFloat");
    }

    @Test
    void theSameKeyHoldingDifferentTypesInOneWriteIsFilteredByType() {
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        put("text", Map.of("v", "abc"));
        put("int", Map.of("v", 7));
        put("long", Map.of("v", 7_000_000_000L));
        put("double", Map.of("v", 7.5));
        put("float", Map.of("v", 7.25f));
        put("bool", Map.of("v", true));
        put("list", Map.of("v", List.of("abc", "def")));
        put("uuid", Map.of("v", uuid));
        write(); // one write: all of these land in the same fragment and the same batch

        assertMatches(eq("v", "abc"), "text");
        assertMatches(eq("v", 7), "int");
        assertMatches(eq("v", 7_000_000_000L), "long");
        assertMatches(eq("v", 7.5), "double");
        assertMatches(eq("v", 7.25f), "float");
        assertMatches(eq("v", true), "bool");
        assertMatches(eq("v", uuid), "uuid");
        assertMatches(new Comparison("v", Operator.GREATER_THAN, 7), "long", "double", "float");
        assertMatches(new Comparison("v", Operator.NOT_EQUAL, 7), "text", "long", "double", "float", "bool", "list", "uuid");
        assertMatches(new ContainsString("v", "bc"), "text");
        assertMatches(new ContainsString("v", "e89b"), "uuid");
        assertMatches(new Comparison("v", Operator.LESS_THAN, "b"), "text", "uuid");
    }

    @Test
    void inAndNotInWithMixedTypesCompareEachValueWithItsOwnKind() {
        put("text", Map.of("v", "7"));
        put("int", Map.of("v", 7));
        put("double", Map.of("v", 7.5));
        put("bool", Map.of("v", false));
        put("otherText", Map.of("v", "x"));
        put("lacks", Map.of());
        write();

        assertMatches(new In("v", List.of("7", 7.5, false), false), "text", "double", "bool");
        assertMatches(new In("v", List.of("7", 7.5, false), true), "int", "otherText", "lacks");
        assertMatches(new In("v", List.of(7, "x"), false), "int", "otherText");
        assertMatches(new In("v", List.of(7L, 7.5f), false), "int", "double");
        assertMatches(new In("v", List.of(true), false));
    }

    @Test
    void inWithALargeLongAndAFractionStillComparesIntegersExactly() {
        put("stored", Map.of("n", 1746714878034235396L));
        write();

        // 1746714878034235397 is not 1746714878034235396, whatever else is in the list.
        assertMatches(new In("n", List.of(1746714878034235397L), false));
        assertMatches(new In("n", List.of(1746714878034235397L, 0.5), false));
        assertMatches(new In("n", List.of(1746714878034235397L, 0.5), true), "stored");
        assertMatches(new In("n", List.of(1746714878034235396L, 0.5), false), "stored");
    }

    // --------------------------------------------------------------------------------------------------------
    // Numbers

    @Test
    void integerLongFloatAndDoubleOneAreAllEqual() {
        put("int", Map.of("n", 1));
        put("long", Map.of("n", 1L));
        put("float", Map.of("n", 1.0f));
        put("double", Map.of("n", 1.0d));
        put("two", Map.of("n", 2));
        write();

        for (Object one : List.<Object>of(1, 1L, 1.0f, 1.0d, (short) 1, (byte) 1)) {
            assertMatches(eq("n", one), "int", "long", "float", "double");
            assertMatches(new In("n", List.of(one), false), "int", "long", "float", "double");
            assertMatches(new Comparison("n", Operator.GREATER_THAN, one), "two");
            assertMatches(new Comparison("n", Operator.LESS_THAN_OR_EQUAL, one), "int", "long", "float", "double");
        }
    }

    @Test
    void floatsCompareByTheDecimalTheyWereWrittenAs() {
        put("f11", Map.of("x", 1.1f));
        put("d11", Map.of("x", 1.1d));
        put("f01", Map.of("x", 0.1f));
        put("fTiny", Map.of("x", Float.MIN_VALUE));
        put("fMax", Map.of("x", Float.MAX_VALUE));
        write();

        assertMatches(new Comparison("x", Operator.GREATER_THAN, 1.1f), "fMax");
        assertMatches(eq("x", 1.1f), "f11", "d11");
        assertMatches(eq("x", 1.1d), "f11", "d11");
        assertMatches(new Comparison("x", Operator.GREATER_THAN_OR_EQUAL, 1.1f), "f11", "d11", "fMax");
        assertMatches(new Comparison("x", Operator.LESS_THAN, 1.1f), "f01", "fTiny");
        assertMatches(eq("x", 0.1), "f01");
        assertMatches(new Comparison("x", Operator.GREATER_THAN, 0.1f), "f11", "d11", "fMax");
        assertMatches(eq("x", Float.MIN_VALUE), "fTiny");
        assertMatches(new Comparison("x", Operator.GREATER_THAN, 0), "f11", "d11", "f01", "fTiny", "fMax");
        assertMatches(eq("x", Float.MAX_VALUE), "fMax");
        assertMatches(new Comparison("x", Operator.LESS_THAN, Float.MAX_VALUE), "f11", "d11", "f01", "fTiny");
    }

    @Test
    void longExtremesCompareExactly() {
        put("min", Map.of("n", Long.MIN_VALUE));
        put("minPlus1", Map.of("n", Long.MIN_VALUE + 1));
        put("max", Map.of("n", Long.MAX_VALUE));
        put("maxMinus1", Map.of("n", Long.MAX_VALUE - 1));
        put("zero", Map.of("n", 0));
        put("intMin", Map.of("n", Integer.MIN_VALUE));
        put("intMax", Map.of("n", Integer.MAX_VALUE));
        write();

        assertMatches(eq("n", Long.MIN_VALUE), "min");
        assertMatches(eq("n", Long.MAX_VALUE), "max");
        assertMatches(eq("n", Long.MAX_VALUE - 1), "maxMinus1");
        assertMatches(new Comparison("n", Operator.GREATER_THAN, Long.MAX_VALUE - 1), "max");
        assertMatches(new Comparison("n", Operator.GREATER_THAN_OR_EQUAL, Long.MAX_VALUE), "max");
        assertMatches(new Comparison("n", Operator.LESS_THAN, Long.MIN_VALUE + 1), "min");
        assertMatches(new Comparison("n", Operator.LESS_THAN_OR_EQUAL, Long.MIN_VALUE), "min");
        assertMatches(new Comparison("n", Operator.GREATER_THAN, Long.MIN_VALUE),
                "minPlus1", "max", "maxMinus1", "zero", "intMin", "intMax");
        assertMatches(eq("n", Integer.MIN_VALUE), "intMin");
        assertMatches(eq("n", Integer.MAX_VALUE), "intMax");
        assertMatches(new Comparison("n", Operator.GREATER_THAN, Integer.MAX_VALUE), "max", "maxMinus1");
        assertMatches(new In("n", List.of(Long.MIN_VALUE, Long.MAX_VALUE), false), "min", "max");
    }

    @Test
    void neighbouringLargeLongsAreDistinguished() {
        put("a396", Map.of("t", 1746714878034235396L));
        put("a397", Map.of("t", 1746714878034235397L));
        put("a398", Map.of("t", 1746714878034235398L));
        write();

        assertMatches(eq("t", 1746714878034235396L), "a396");
        assertMatches(eq("t", 1746714878034235397L), "a397");
        assertMatches(new Comparison("t", Operator.NOT_EQUAL, 1746714878034235397L), "a396", "a398");
        assertMatches(new Comparison("t", Operator.GREATER_THAN, 1746714878034235396L), "a397", "a398");
        assertMatches(new Comparison("t", Operator.LESS_THAN, 1746714878034235397L), "a396");
        assertMatches(new In("t", List.of(1746714878034235396L, 1746714878034235398L), false), "a396", "a398");
    }

    // --------------------------------------------------------------------------------------------------------
    // Text, booleans, UUIDs

    @Test
    void containsStringIsLiteralAndCaseSensitive() {
        put("percent", Map.of("s", "100% sure"));
        put("noPercent", Map.of("s", "100 percent"));
        put("underscore", Map.of("s", "a_b"));
        put("anyChar", Map.of("s", "aXb"));
        put("backslash", Map.of("s", "C:\\dir\\file"));
        put("quote", Map.of("s", "O'Brien"));
        put("upper", Map.of("s", "Hello World"));
        put("lower", Map.of("s", "hello world"));
        put("bracket", Map.of("s", "[abc]"));
        put("number", Map.of("s", 100));
        put("empty", Map.of("s", ""));
        put("lacks", Map.of());
        write();

        assertMatches(new ContainsString("s", "%"), "percent");
        assertMatches(new ContainsString("s", "0%"), "percent");
        assertMatches(new ContainsString("s", "_"), "underscore");
        assertMatches(new ContainsString("s", "a_b"), "underscore");
        assertMatches(new ContainsString("s", "\\"), "backslash");
        assertMatches(new ContainsString("s", "\\dir\\"), "backslash");
        assertMatches(new ContainsString("s", "'"), "quote");
        assertMatches(new ContainsString("s", "O'B"), "quote");
        assertMatches(new ContainsString("s", "Hello"), "upper");
        assertMatches(new ContainsString("s", "hello"), "lower");
        assertMatches(new ContainsString("s", "[a"), "bracket");
        assertMatches(new ContainsString("s", "100"), "percent", "noPercent");
        assertMatches(new ContainsString("s", ""), "percent", "noPercent", "underscore", "anyChar", "backslash",
                "quote", "upper", "lower", "bracket", "empty");
    }

    @Test
    void booleansMatchOnlyBooleansOfTheSameValue() {
        put("t", Map.of("b", true));
        put("f", Map.of("b", false));
        put("textTrue", Map.of("b", "true"));
        put("one", Map.of("b", 1));
        put("zero", Map.of("b", 0));
        put("lacks", Map.of());
        write();

        assertMatches(eq("b", true), "t");
        assertMatches(eq("b", false), "f");
        assertMatches(new Comparison("b", Operator.NOT_EQUAL, true), "f", "textTrue", "one", "zero", "lacks");
        assertMatches(new In("b", List.of(true, false), false), "t", "f");
        assertMatches(new In("b", List.of(true), true), "f", "textTrue", "one", "zero", "lacks");
    }

    @Test
    void uuidsAndStringsWithTheSameTextAreEqual() {
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        put("storedUuid", Map.of("id", uuid));
        put("storedString", Map.of("id", uuid.toString()));
        put("storedUpper", Map.of("id", uuid.toString().toUpperCase()));
        put("other", Map.of("id", UUID.fromString("00000000-0000-0000-0000-000000000001")));
        write();

        assertMatches(eq("id", uuid), "storedUuid", "storedString");
        assertMatches(eq("id", uuid.toString()), "storedUuid", "storedString");
        assertMatches(new In("id", List.of(uuid), false), "storedUuid", "storedString");
        assertMatches(new ContainsString("id", "e89b"), "storedUuid", "storedString");
        assertMatches(new Comparison("id", Operator.NOT_EQUAL, uuid), "storedUpper", "other");
    }

    @Test
    void stringsOrderByTheirText() {
        put("a", Map.of("s", "apple"));
        put("b", Map.of("s", "banana"));
        put("c", Map.of("s", "cherry"));
        put("upper", Map.of("s", "Zebra"));
        write();

        assertMatches(new Comparison("s", Operator.GREATER_THAN, "banana"), "c");
        assertMatches(new Comparison("s", Operator.GREATER_THAN_OR_EQUAL, "banana"), "b", "c");
        assertMatches(new Comparison("s", Operator.LESS_THAN, "apple"), "upper");
    }

    // --------------------------------------------------------------------------------------------------------
    // Logic

    @Test
    void andOfOrIsNotReadAsOrOfAnd() {
        // With a = (x=1), b = (y=1), c = (z=1): row "aOnly" satisfies a OR (b AND c) but not (a OR b) AND c.
        put("aOnly", Map.of("x", 1, "y", 0, "z", 0));
        put("bc", Map.of("x", 0, "y", 1, "z", 1));
        put("ac", Map.of("x", 1, "y", 0, "z", 1));
        put("bOnly", Map.of("x", 0, "y", 1, "z", 0));
        put("none", Map.of("x", 0, "y", 0, "z", 0));
        write();
        MetadataFilter a = eq("x", 1);
        MetadataFilter b = eq("y", 1);
        MetadataFilter c = eq("z", 1);

        assertMatches(and(or(a, b), c), "bc", "ac");
        assertMatches(or(a, and(b, c)), "aOnly", "bc", "ac");
        assertMatches(and(c, or(a, b)), "bc", "ac");
        assertMatches(or(and(a, b), c), "bc", "ac");
    }

    @Test
    void notAppliesToItsWholeOperand() {
        put("both", Map.of("x", 1, "y", 1));
        put("xOnly", Map.of("x", 1, "y", 0));
        put("yOnly", Map.of("x", 0, "y", 1));
        put("neither", Map.of("x", 0, "y", 0));
        write();
        MetadataFilter a = eq("x", 1);
        MetadataFilter b = eq("y", 1);

        assertMatches(not(and(a, b)), "xOnly", "yOnly", "neither");
        assertMatches(and(not(a), b), "yOnly");
        assertMatches(not(or(a, b)), "neither");
        assertMatches(or(not(a), b), "both", "yOnly", "neither");
        assertMatches(new Not(new In("x", List.of(1), true)), "both", "xOnly");
        assertMatches(and(new Comparison("x", Operator.NOT_EQUAL, 1), not(b)), "neither");
    }

    @Test
    void deleteByFilterRemovesExactlyTheRowsASearchWithTheSameFilterReturns() {
        put("red1", Map.of("color", "red", "n", 1));
        put("red2", Map.of("color", "red", "n", 2));
        put("blue", Map.of("color", "blue", "n", 1));
        put("lacks", Map.of("n", 1));
        put("none", null);
        write();
        MetadataFilter filter = or(and(eq("color", "red"), new Comparison("n", Operator.GREATER_THAN, 1)),
                new IsNull("color"));

        Set<String> matched = searchIds(filter);
        table.delete(filter);

        assertThat(matched).containsExactly("lacks", "red2");
        assertThat(FilterInjectionTest.allIds(table)).containsExactly("blue", "none", "red1");
    }

    // --------------------------------------------------------------------------------------------------------

    private void put(String id, Map<String, ?> metadata) {
        rows.put(id, metadata == null ? null : new LinkedHashMap<>(metadata));
    }

    private void write() {
        List<Row> list = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Map<String, Object>> e : rows.entrySet()) {
            list.add(Row.of(e.getKey(), "text", e.getValue(), COLUMN, new float[] {1f, 0.01f * i++, 0.5f, 0.25f}));
        }
        table.upsert(list, List.of(COLUMN));
        afterWrite(table, rows);
    }

    /** Subclasses run the same filters on other layouts of the same rows (e.g. with keys promoted). */
    void afterWrite(LanceTable table, Map<String, Map<String, Object>> rows) {
    }

    private Set<String> searchIds(MetadataFilter filter) {
        return table.search(SearchQuery.nearest(COLUMN, QUERY).limit(10_000).filter(filter).build(), DistanceMetric.COSINE).stream()
                .map(SearchHit::id).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The filter selects exactly these ids, by search and by count, and a Java evaluation agrees. */
    private void assertMatches(MetadataFilter filter, String... expectedIds) {
        Set<String> expected = new TreeSet<>(List.of(expectedIds));
        assertThat(JavaFilter.select(filter, rows)).as("Java evaluation of %s", filter).isEqualTo(expected);
        assertThat(searchIds(filter)).as("search with %s", filter).isEqualTo(expected);
        assertThat(table.countRows(filter)).as("countRows with %s", filter).isEqualTo(expected.size());
    }
}
