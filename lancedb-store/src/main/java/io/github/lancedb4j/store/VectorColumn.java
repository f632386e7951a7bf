package io.github.lancedb4j.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named vector column: {@code FixedSizeList<Float32>[dimension]}, one per embedding model.
 *
 * <p>A dimension of {@code null} means "take it from the existing table"; creating a table or adding the
 * column to an existing one needs a dimension.
 */
public record VectorColumn(String name, Integer dimension) {

    /** Column names stay plain identifiers so that they can never alter a filter or a projection. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    public static final String DEFAULT_NAME = "vector";

    /** The table's own columns: id, text, metadata and metadata_types. */
    public static final java.util.Set<String> RESERVED_NAMES = java.util.Set.of("id", "text", "metadata",
            "metadata_types");

    public VectorColumn {
        Objects.requireNonNull(name, "vector column name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Vector column name '" + name
                    + "' is not valid: use letters, digits and '_' (starting with a letter or '_'), at most 128 characters");
        }
        if (RESERVED_NAMES.contains(name) || name.startsWith("_")) {
            throw new IllegalArgumentException("Vector column name '" + name
                    + "' is reserved: the names " + RESERVED_NAMES + " and names starting with '_' are used by the table itself");
        }
        if (dimension != null && dimension <= 0) {
            throw new IllegalArgumentException("Vector column '" + name + "': dimension must be positive, got " + dimension);
        }
    }

    public static VectorColumn of(String name, int dimension) {
        return new VectorColumn(name, dimension);
    }

    /** A column whose dimension is read from the existing table. */
    public static VectorColumn existing(String name) {
        return new VectorColumn(name, null);
    }

    public boolean hasDimension() {
        return dimension != null;
    }

    /**
     * Checks a vector against this column: its length and that every component is finite.
     *
     * @param what what the vector is, for the message ("query vector", "vector of id 'x'")
     */
    public void validate(float[] vector, String what) {
        if (vector == null) {
            throw new IllegalArgumentException("Vector column '" + name + "': " + what + " is null");
        }
        if (dimension != null && vector.length != dimension) {
            throw new IllegalArgumentException("Vector column '" + name + "' has dimension " + dimension
                    + " but the " + what + " has dimension " + vector.length);
        }
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                throw new IllegalArgumentException("Vector column '" + name + "': the " + what
                        + " has a non-finite component " + vector[i] + " at index " + i);
            }
        }
    }
}
