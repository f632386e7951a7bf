package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.MetadataType;
import java.util.UUID;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The kinds of metadata value a filter compares — text, whole numbers, decimals, booleans — each with the typed
 * column type that holds it when a key is promoted. Whole numbers and decimals stay apart (a long beyond 2^53 is not a
 * double); a numeric filter reads both.
 */
public enum ValueCategory {
    TEXT("s", ArrowType.Utf8.INSTANCE),
    INTEGRAL("i", new ArrowType.Int(64, true)),
    FLOATING("f", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
    BOOLEAN("b", ArrowType.Bool.INSTANCE);

    private final String suffix;
    private final ArrowType arrowType;

    ValueCategory(String suffix, ArrowType arrowType) {
        this.suffix = suffix;
        this.arrowType = arrowType;
    }

    public String suffix() {
        return suffix;
    }

    public ArrowType arrowType() {
        return arrowType;
    }

    /** The category of a stored value's type, or null for types no filter compares (lists). */
    public static ValueCategory of(MetadataType type) {
        return switch (type) {
            case STRING, UUID -> TEXT;
            case INT, LONG -> INTEGRAL;
            case FLOAT, DOUBLE -> FLOATING;
            case BOOLEAN -> BOOLEAN;
            case STRING_LIST -> null;
        };
    }

    /** The category of a filter's comparison value (numbers: integral or floating by their Java type). */
    public static ValueCategory ofFilterValue(Object value) {
        if (value instanceof String || value instanceof UUID) {
            return TEXT;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof java.math.BigInteger) {
            return INTEGRAL;
        }
        if (value instanceof Number) {
            return FLOATING;
        }
        if (value instanceof Boolean) {
            return BOOLEAN;
        }
        return null;
    }

    /** The column value of a stored metadata value of this category (floats widened by their decimal). */
    public Object columnValue(Object metadataValue) {
        return switch (this) {
            case TEXT -> metadataValue.toString();
            case INTEGRAL -> ((Number) metadataValue).longValue();
            case FLOATING -> metadataValue instanceof Float f ? Double.parseDouble(Float.toString(f))
                    : ((Number) metadataValue).doubleValue();
            case BOOLEAN -> metadataValue;
        };
    }

    public static ValueCategory fromSuffix(String suffix) {
        for (ValueCategory c : values()) {
            if (c.suffix.equals(suffix)) {
                return c;
            }
        }
        return null;
    }
}
