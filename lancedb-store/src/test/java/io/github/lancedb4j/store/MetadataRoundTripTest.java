package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.ScanOptions;

/** Metadata written to a real table reads back as exactly the same Java values, and is stored as plain JSON. */
class MetadataRoundTripTest extends RealTableTestBase {

    private static final String COLUMN = "vector";
    private static final float[] VECTOR = {1f, 0.5f, 0.25f, 0.125f};

    private LanceTable table;


    @BeforeEach
    void openTable() {
        table = db.openTable("roundtrip", List.of(VectorColumn.of(COLUMN, 4)), true);
    }

    static Map<String, Object> everySupportedValue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("string", "hello");
        m.put("emptyString", "");
        m.put("space", " ");
        m.put("unicode", "日本語 ünïcödé ß");
        m.put("emoji", "😀👍🏽 family: 👨‍👩‍👧");
        m.put("quotesAndEscapes", "O'Brien \"q\" \\ ` \n\t\r");
        m.put("jsonLookalike", "{\"a\": 1}");
        m.put("numericText", "3");
        m.put("uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        m.put("intMin", Integer.MIN_VALUE);
        m.put("intMax", Integer.MAX_VALUE);
        m.put("intMinusOne", -1);
        m.put("intZero", 0);
        m.put("longMin", Long.MIN_VALUE);
        m.put("longMax", Long.MAX_VALUE);
        m.put("longNanos", 1746714878034235396L);
        m.put("longSmall", 5L);
        m.put("floatMostNegative", -Float.MAX_VALUE);
        m.put("floatMinValue", Float.MIN_VALUE);
        m.put("floatPrecise", 1.23456789f);
        m.put("floatMax", Float.MAX_VALUE);
        m.put("floatOnePointOne", 1.1f);
        m.put("floatWhole", 3.0f);
        m.put("doubleMinValue", Double.MIN_VALUE);
        m.put("doubleMax", Double.MAX_VALUE);
        m.put("doubleMinusOne", -1.0d);
        m.put("doubleTiny", 1e-300);
        m.put("doubleTenth", 0.1d);
        m.put("doubleWhole", 2.0d);
        m.put("booleanTrue", true);
        m.put("booleanFalse", false);
        m.put("list", List.of("a", "b'c", "", "😀"));
        m.put("emptyList", List.of());
        return m;
    }

    @Test
    void everySupportedValueReadsBackAsTheSameJavaValueAndType() {
        Map<String, Object> written = everySupportedValue();
        table.upsert(List.of(Row.of("r", "text", written, COLUMN, VECTOR)), List.of(COLUMN));

        Map<String, Object> read = onlyHit().metadata();

        assertThat(read).isEqualTo(written);
        written.forEach((key, value) -> assertThat(read.get(key)).as(key).isInstanceOf(value.getClass().isAnonymousClass()
                ? Object.class : expectedClass(value)).isEqualTo(value));
    }

    @Test
    void negativeZeroKeepsItsSign() {
        // Float.equals/Double.equals compare bits: -0.0 is not 0.0 in a Java map, so a lossless store keeps the sign.
        Map<String, Object> written = Map.of("f", -0.0f, "d", -0.0d);
        table.upsert(List.of(Row.of("r", "text", written, COLUMN, VECTOR)), List.of(COLUMN));

        assertThat(onlyHit().metadata()).isEqualTo(written);
    }

    @Test
    void keysWithQuotesDotsSpacesAndUnicodeReadBackUnchanged() {
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("it's", "quote");
        written.put("a.b.c", "dots");
        written.put("$.path", "dollar");
        written.put("with space", "space");
        written.put(" ", "only space");
        written.put("`tick`", "backtick");
        written.put("\"dq\"", "double quotes");
        written.put("back\\slash", "backslash");
        written.put("ключ", "cyrillic");
        written.put("鍵🔑", "cjk and emoji");
        written.put("new\nline", "newline");
        table.upsert(List.of(Row.of("r", null, written, COLUMN, VECTOR)), List.of(COLUMN));

        assertThat(onlyHit().metadata()).isEqualTo(written);
    }

    @Test
    void emptyMetadataAndNoMetadataStayDistinct() {
        table.upsert(List.of(Row.of("empty", "t", Map.of(), COLUMN, VECTOR),
                Row.of("none", null, null, COLUMN, new float[] {0.5f, 1f, 0f, 0f})), List.of(COLUMN));

        Map<String, SearchHit> hits = new HashMap<>();
        table.search(SearchQuery.nearest(COLUMN, VECTOR).limit(10).build(), DistanceMetric.COSINE).forEach(h -> hits.put(h.id(), h));

        assertThat(hits.get("empty").metadata()).isEmpty();
        assertThat(hits.get("none").metadata()).isNull();
        assertThat(hits.get("none").text()).isNull();
    }

    static Stream<Object> unsupportedValues() {
        Map<String, Object> nested = new HashMap<>();
        nested.put("a", 1);
        return Stream.of(nested, List.of(1, 2), List.of("a", 1), new Object(), new StringBuilder("sb"),
                new java.math.BigDecimal("1.5"), new java.util.Date(0), 'c', new int[] {1});
    }

    @ParameterizedTest
    @MethodSource("unsupportedValues")
    void unsupportedValueTypesAreRejectedNamingTheKeyBeforeAnythingIsWritten(Object value) {
        table.upsert(List.of(Row.of("existing", "t", Map.of("k", "v"), COLUMN, VECTOR)), List.of(COLUMN));
        long version = table.version();

        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("fine", "ok");
        bad.put("the-bad-key", value);
        List<Row> rows = List.of(Row.of("good", "t", Map.of("k", "v2"), COLUMN, VECTOR),
                Row.of("bad", "t", bad, COLUMN, VECTOR));

        assertThatThrownBy(() -> table.upsert(rows, List.of(COLUMN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'the-bad-key'");
        assertUnchanged(version);
    }

    @Test
    void aNullValueIsRejectedNamingTheKeyBeforeAnythingIsWritten() {
        table.upsert(List.of(Row.of("existing", "t", Map.of("k", "v"), COLUMN, VECTOR)), List.of(COLUMN));
        long version = table.version();
        Map<String, Object> bad = new HashMap<>();
        bad.put("nullKey", null);

        assertThatThrownBy(() -> table.upsert(List.of(Row.of("bad", "t", bad, COLUMN, VECTOR)), List.of(COLUMN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nullKey'");
        assertThatThrownBy(() -> table.append(List.of(Row.of("bad", "t", bad, COLUMN, VECTOR))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nullKey'");
        assertUnchanged(version);
    }

    @Test
    void anEmptyKeyIsRejectedBeforeAnythingIsWritten() {
        table.upsert(List.of(Row.of("existing", "t", Map.of("k", "v"), COLUMN, VECTOR)), List.of(COLUMN));
        long version = table.version();

        assertThatThrownBy(() -> table.upsert(List.of(Row.of("bad", "t", Map.of("", "v"), COLUMN, VECTOR)), List.of(COLUMN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("''");
        assertUnchanged(version);
    }

    static Stream<Object> nonFiniteValues() {
        return Stream.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    @ParameterizedTest
    @MethodSource("nonFiniteValues")
    void nonFiniteNumbersAreRejectedNamingTheKeyBeforeAnythingIsWritten(Object value) {
        table.upsert(List.of(Row.of("existing", "t", Map.of("k", "v"), COLUMN, VECTOR)), List.of(COLUMN));
        long version = table.version();
        List<Row> rows = List.of(Row.of("good", "t", Map.of("k", 1), COLUMN, VECTOR),
                Row.of("bad", "t", Map.of("score", value), COLUMN, VECTOR));

        assertThatThrownBy(() -> table.upsert(rows, List.of(COLUMN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'score'");
        assertThatThrownBy(() -> table.append(rows))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'score'");
        assertUnchanged(version);
    }

    @Test
    void theMetadataColumnIsPlainJsonWithNaturalTypes() throws Exception {
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("s", "text");
        written.put("n", 42);
        written.put("big", 1746714878034235396L);
        written.put("f", 1.1f);
        written.put("d", 0.1d);
        written.put("b", true);
        written.put("u", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        written.put("tags", List.of("x", "y"));
        written.put("q", "O'Brien \"x\"");
        table.upsert(List.of(Row.of("r", "t", written, COLUMN, VECTOR)), List.of(COLUMN));

        List<String> raw = rawColumn("metadata");
        assertThat(raw).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(raw.get(0));

        assertThat(json.isObject()).isTrue();
        assertThat(json.size()).isEqualTo(written.size());
        assertThat(json.get("s").isTextual()).isTrue();
        assertThat(json.get("s").asText()).isEqualTo("text");
        assertThat(json.get("n").isIntegralNumber()).isTrue();
        assertThat(json.get("n").intValue()).isEqualTo(42);
        assertThat(json.get("big").isIntegralNumber()).isTrue();
        assertThat(json.get("big").longValue()).isEqualTo(1746714878034235396L);
        assertThat(json.get("f").isNumber()).isTrue();
        assertThat(json.get("f").decimalValue()).isEqualByComparingTo("1.1");
        assertThat(json.get("d").isNumber()).isTrue();
        assertThat(json.get("d").decimalValue()).isEqualByComparingTo("0.1");
        assertThat(json.get("b").isBoolean()).isTrue();
        assertThat(json.get("b").booleanValue()).isTrue();
        assertThat(json.get("u").isTextual()).isTrue();
        assertThat(json.get("u").asText()).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
        assertThat(json.get("tags").isArray()).isTrue();
        assertThat(json.get("tags").get(0).asText()).isEqualTo("x");
        assertThat(json.get("q").asText()).isEqualTo("O'Brien \"x\"");

        // The types column says what each value was, for lossless reads by this library.
        JsonNode types = new ObjectMapper().readTree(rawColumn("metadata_types").get(0));
        assertThat(types.get("n").asText()).isEqualTo("int");
        assertThat(types.get("big").asText()).isEqualTo("long");
        assertThat(types.get("f").asText()).isEqualTo("float");
        assertThat(types.get("u").asText()).isEqualTo("uuid");
        assertThat(types.get("tags").asText()).isEqualTo("string_list");
    }

    @Test
    void metadataWrittenByAnotherClientWithoutTypesReadsAsNaturalJavaTypes() {
        Map<String, Object> decoded = MetadataCodec.decode("{\"s\":\"x\",\"n\":3,\"d\":2.5,\"b\":false,\"a\":[\"p\"]}", null);

        assertThat(decoded).containsExactly(Map.entry("s", "x"), Map.entry("n", 3L), Map.entry("d", 2.5),
                Map.entry("b", false), Map.entry("a", List.of("p")));
    }

    // --------------------------------------------------------------------------------------------------------

    private static Class<?> expectedClass(Object value) {
        return value instanceof List<?> ? List.class : value.getClass();
    }

    private SearchHit onlyHit() {
        List<SearchHit> hits = table.search(SearchQuery.nearest(COLUMN, VECTOR).limit(10).build(), DistanceMetric.COSINE);
        assertThat(hits).hasSize(1);
        return hits.get(0);
    }

    private void assertUnchanged(long version) {
        assertThat(table.version()).isEqualTo(version);
        assertThat(table.countRows()).isEqualTo(1);
        assertThat(FilterInjectionTest.allIds(table)).containsExactly("existing");
    }

    private List<String> rawColumn(String column) {
        return table.withDataset(ds -> {
            List<String> values = new ArrayList<>();
            ScanOptions options = new ScanOptions.Builder().columns(List.of(column)).build();
            try (LanceScanner scanner = ds.newScan(options); ArrowReader reader = scanner.scanBatches()) {
                while (reader.loadNextBatch()) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    FieldVector v = root.getVector(column);
                    for (int i = 0; i < root.getRowCount(); i++) {
                        Object o = v.getObject(i);
                        values.add(o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : o.toString());
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return values;
        });
    }
}
