package io.github.lancedb4j.store;

import java.util.Map;
import java.util.Objects;

/**
 * One row to write: an id, optional text, optional metadata, and vectors by column name.
 *
 * <p>{@code metadata == null} marks a row stored without a text segment/document; such rows never match a
 * metadata filter. An empty map is "a document with no metadata".
 */
public record Row(String id, String text, Map<String, ?> metadata, Map<String, float[]> vectors) {

    public Row {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("Row id must be a non-empty string");
        }
        vectors = vectors == null ? Map.of() : vectors;
    }

    public static Row of(String id, String text, Map<String, ?> metadata, String column, float[] vector) {
        Objects.requireNonNull(column, "column");
        return new Row(id, text, metadata, vector == null ? Map.of() : Map.of(column, vector));
    }
}
