package io.github.lancedb4j.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    private MetadataCodec() {
    }

    /** The stored form of one row's metadata. */
    public record Encoded(String valuesJson, String typesJson) {
    }

    public static Encoded encode(Map<String, ?> metadata) {
        // One generator at a time: Jackson recycles its buffers per thread only for a single open generator
        // (two open at once made the second allocate ~9 KB per row).
        String[] keys = new String[metadata.size()];
        MetadataType[] types = new MetadataType[metadata.size()];
        int n = 0;
        for (Map.Entry<String, ?> e : metadata.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("Metadata keys must be non-empty, got " + (key == null ? "null" : "''"));
            }
            keys[n] = key;
            types[n++] = MetadataType.of(key, e.getValue());
        }
        StringWriter values = new StringWriter(64 + 32 * n);
        try (JsonGenerator v = JSON.createGenerator(values)) {
            v.writeStartObject();
            for (int i = 0; i < n; i++) {
                v.writeFieldName(keys[i]);
                writeValue(v, keys[i], types[i], metadata.get(keys[i]));
            }
            v.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        StringWriter typeNames = new StringWriter(16 + 24 * n);
        try (JsonGenerator t = JSON.createGenerator(typeNames)) {
            t.writeStartObject();
            for (int i = 0; i < n; i++) {
                t.writeStringField(keys[i], types[i].storedName());
            }
            t.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new Encoded(values.toString(), typeNames.toString());
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
            Map<String, String> types = typesJson == null ? Map.of() : readTypes(typesJson);
            try (JsonParser p = JSON.createParser(valuesJson)) {
                expect(p.nextToken() == JsonToken.START_OBJECT, valuesJson);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken token = p.nextToken();
                    MetadataType type = MetadataType.fromStoredName(types.get(key));
                    Object value = type == null ? natural(p, token) : read(p, token, type);
                    if (value != null) {
                        result.put(key, value);
                    }
                }
            }
            return result;
        } catch (IOException | RuntimeException ex) {
            throw new IllegalStateException("Stored metadata cannot be read: " + valuesJson + " with types " + typesJson, ex);
        }
    }

    private static Map<String, String> readTypes(String typesJson) throws IOException {
        Map<String, String> types = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(typesJson)) {
            expect(p.nextToken() == JsonToken.START_OBJECT, typesJson);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                types.put(key, p.getText());
            }
        }
        return types;
    }

    /** Numbers are parsed from their text, so that -0.0 and the shortest decimal of a float come back exactly. */
    private static Object read(JsonParser p, JsonToken token, MetadataType type) throws IOException {
        return switch (type) {
            case STRING -> p.getText();
            case UUID -> java.util.UUID.fromString(p.getText());
            case INT -> p.getIntValue();
            case LONG -> p.getLongValue();
            case FLOAT -> Float.parseFloat(p.getText());
            case DOUBLE -> Double.parseDouble(p.getText());
            case BOOLEAN -> p.getBooleanValue();
            case STRING_LIST -> {
                List<String> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(p.getText());
                }
                yield List.copyOf(list);
            }
        };
    }

    /**
     * A value without a recorded type (written by another client): text as String, integers as Long, other numbers as
     * Double, booleans as Boolean, a list of strings as List&lt;String&gt;; a nested object or any other list is kept
     * as its JSON text (a String), so that nothing another tool stored is dropped.
     */
    private static Object natural(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NUMBER_FLOAT -> Double.parseDouble(p.getText());
            case VALUE_TRUE, VALUE_FALSE -> p.getBooleanValue();
            case VALUE_NULL -> null;
            case START_ARRAY, START_OBJECT -> nested(p);
            default -> null;
        };
    }

    /** A nested array or object: a List&lt;String&gt; when it is an array of strings, else its JSON text. */
    private static Object nested(JsonParser p) throws IOException {
        StringWriter json = new StringWriter();
        boolean stringList = p.currentToken() == JsonToken.START_ARRAY;
        List<String> strings = new ArrayList<>();
        try (JsonGenerator g = JSON.createGenerator(json)) {
            int depth = 0;
            do {
                JsonToken t = p.currentToken();
                if (depth == 1 && t != JsonToken.END_ARRAY) {
                    if (t == JsonToken.VALUE_STRING) {
                        strings.add(p.getText());
                    } else {
                        stringList = false;
                    }
                } else if (depth > 1) {
                    stringList = false;
                }
                g.copyCurrentEvent(p);
                if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
                    depth++;
                } else if (t == JsonToken.END_ARRAY || t == JsonToken.END_OBJECT) {
                    depth--;
                }
                if (depth > 0) {
                    p.nextToken();
                }
            } while (depth > 0);
        }
        return stringList ? List.copyOf(strings) : json.toString();
    }

    private static void expect(boolean condition, String json) {
        if (!condition) {
            throw new IllegalStateException("Stored metadata is not a JSON object: " + json);
        }
    }
}
