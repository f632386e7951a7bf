package io.github.lancedb4j.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a metadata map into the two JSON documents a row stores — the values, as plain JSON that any LanceDB
 * client can read and filter, and the type of each value — and back again, losslessly.
 *
 * <p>Floats and doubles are written with their shortest decimal form ({@link Float#toString(float)}), so
 * {@code 1.1f} is stored as {@code 1.1}: it reads back as the same float, and a filter on {@code 1.1f} compares
 * with the decimal the user wrote rather than with {@code 1.100000023841858}.
 */
public final class MetadataCodec {

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper READER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private MetadataCodec() {
    }

    /** The stored form of one row's metadata. */
    public record Encoded(String valuesJson, String typesJson) {
    }

    public static Encoded encode(Map<String, ?> metadata) {
        StringWriter values = new StringWriter();
        StringWriter types = new StringWriter();
        try (JsonGenerator v = JSON.createGenerator(values); JsonGenerator t = JSON.createGenerator(types)) {
            v.writeStartObject();
            t.writeStartObject();
            for (Map.Entry<String, ?> e : metadata.entrySet()) {
                String key = e.getKey();
                if (key == null || key.isEmpty()) {
                    throw new IllegalArgumentException("Metadata keys must be non-empty, got " + (key == null ? "null" : "''"));
                }
                Object value = e.getValue();
                MetadataType type = MetadataType.of(key, value);
                v.writeFieldName(key);
                writeValue(v, key, type, value);
                t.writeStringField(key, type.storedName());
            }
            v.writeEndObject();
            t.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new Encoded(values.toString(), types.toString());
    }

    private static void writeValue(JsonGenerator g, String key, MetadataType type, Object value) throws IOException {
        switch (type) {
            case STRING -> g.writeString((String) value);
            case UUID -> g.writeString(value.toString());
            case INT -> g.writeNumber(((Number) value).intValue());
            case LONG -> g.writeNumber((Long) value);
            case FLOAT -> g.writeNumber(finite(key, (Float) value).toString());
            case DOUBLE -> g.writeNumber(finite(key, (Double) value).toString());
            case BOOLEAN -> g.writeBoolean((Boolean) value);
            case STRING_LIST -> {
                g.writeStartArray();
                for (Object item : (List<?>) value) {
                    g.writeString((String) item);
                }
                g.writeEndArray();
            }
        }
    }

    private static <N extends Number> N finite(String key, N n) {
        if (!Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException("Metadata key '" + key + "' has the non-finite value " + n
                    + ", which JSON cannot hold");
        }
        return n;
    }

    /**
     * Reads a row's metadata back. A key without a recorded type (a table written by another client) is read as the
     * natural JSON type: text as String, integers as Long, other numbers as Double, booleans as Boolean.
     */
    public static Map<String, Object> decode(String valuesJson, String typesJson) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (valuesJson == null) {
            return result;
        }
        try {
            JsonNode values = READER.readTree(valuesJson);
            JsonNode types = typesJson == null ? null : READER.readTree(typesJson);
            Iterator<Map.Entry<String, JsonNode>> fields = values.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                JsonNode typeNode = types == null ? null : types.get(f.getKey());
                MetadataType type = typeNode == null ? null : MetadataType.fromStoredName(typeNode.asText());
                Object value = type == null ? natural(f.getValue()) : read(f.getValue(), type);
                if (value != null) {
                    result.put(f.getKey(), value);
                }
            }
            return result;
        } catch (IOException ex) {
            throw new UncheckedIOException("Stored metadata is not valid JSON: " + valuesJson, ex);
        }
    }

    private static Object read(JsonNode node, MetadataType type) {
        return switch (type) {
            case STRING -> node.asText();
            case UUID -> UUID.fromString(node.asText());
            case INT -> node.intValue();
            case LONG -> node.longValue();
            // Parse the decimal text: a float goes through its shortest decimal, never through a widened double.
            case FLOAT -> Float.parseFloat(node.decimalValue().toString());
            case DOUBLE -> Double.parseDouble(node.decimalValue().toString());
            case BOOLEAN -> node.booleanValue();
            case STRING_LIST -> {
                List<String> list = new ArrayList<>();
                node.forEach(item -> list.add(item.asText()));
                yield List.copyOf(list);
            }
        };
    }

    private static Object natural(JsonNode node) {
        if (node.isTextual()) return node.asText();
        if (node.isIntegralNumber()) return node.longValue();
        if (node.isNumber()) return node.doubleValue();
        if (node.isBoolean()) return node.booleanValue();
        if (node.isArray()) {
            List<String> list = new ArrayList<>();
            node.forEach(item -> list.add(item.isTextual() ? item.asText() : item.toString()));
            return List.copyOf(list);
        }
        if (node.isNull()) return null;
        return node.toString();
    }
}
