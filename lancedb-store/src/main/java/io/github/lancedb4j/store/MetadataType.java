package io.github.lancedb4j.store;

import java.util.List;
import java.util.Locale;

/**
 * The value types metadata can hold. The type of every value is stored next to it (column
 * {@code metadata_types}) so that a value reads back as exactly the type that was written, and so that
 * filters compare numbers with numbers and text with text.
 */
public enum MetadataType {
    STRING,
    UUID,
    INT,
    LONG,
    FLOAT,
    DOUBLE,
    BOOLEAN,
    STRING_LIST;

    /** The name written into the types column. */
    public String storedName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MetadataType fromStoredName(String stored) {
        for (MetadataType t : values()) {
            if (t.storedName().equals(stored)) {
                return t;
            }
        }
        return null;
    }

    public boolean isText() {
        return this == STRING || this == UUID;
    }

    public boolean isIntegral() {
        return this == INT || this == LONG;
    }

    public boolean isFloatingPoint() {
        return this == FLOAT || this == DOUBLE;
    }

    public boolean isNumeric() {
        return isIntegral() || isFloatingPoint();
    }

    /**
     * The type of a value, or an {@link IllegalArgumentException} naming the key and the unsupported Java type.
     */
    public static MetadataType of(String key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("Metadata key '" + key + "' has a null value; remove the key instead");
        }
        if (value instanceof String) return STRING;
        if (value instanceof java.util.UUID) return UUID;
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) return INT;
        if (value instanceof Long) return LONG;
        if (value instanceof Float) return FLOAT;
        if (value instanceof Double) return DOUBLE;
        if (value instanceof Boolean) return BOOLEAN;
        if (value instanceof List<?> list && list.stream().allMatch(e -> e instanceof String)) return STRING_LIST;
        throw new IllegalArgumentException("Metadata key '" + key + "' has a value of type " + value.getClass().getName()
                + ", which cannot be stored; supported types: String, UUID, Integer, Long, Float, Double, Boolean and List<String>"
                + (value instanceof List<?> ? " (a list may hold only strings)" : ""));
    }

}
