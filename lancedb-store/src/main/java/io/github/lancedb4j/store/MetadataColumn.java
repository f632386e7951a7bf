package io.github.lancedb4j.store;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A metadata key mirrored into a typed, scalar-indexed column ({@code meta_<key>}), so that filters on it read a
 * small typed column with an index instead of parsing every row's JSON. The JSON stays the source of truth; every
 * write fills the column, and every row must hold the key with the declared kind of value, or not at all.
 *
 * <p>Declare the keys an application filters on in most queries (a tenant, a source, a document type): JSON filters
 * cost about 0.3 µs per row, a typed column with a scalar index a small fraction of that (see
 * docs/metadata-storage.md).
 */
public record MetadataColumn(String key, Kind kind) {

    /** The kinds of value a metadata column holds, and the metadata types each accepts. */
    public enum Kind {
        STRING(Set.of(MetadataType.STRING, MetadataType.UUID)),
        LONG(Set.of(MetadataType.INT, MetadataType.LONG)),
        DOUBLE(Set.of(MetadataType.FLOAT, MetadataType.DOUBLE)),
        BOOLEAN(Set.of(MetadataType.BOOLEAN));

        private final Set<MetadataType> accepted;

        Kind(Set<MetadataType> accepted) {
            this.accepted = accepted;
        }

        public boolean accepts(MetadataType type) {
            return accepted.contains(type);
        }

        public static Kind parse(String name) {
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "string", "text", "uuid" -> STRING;
                case "long", "int", "integer" -> LONG;
                case "double", "float", "number" -> DOUBLE;
                case "boolean", "bool" -> BOOLEAN;
                default -> throw new IllegalArgumentException("Unknown metadata column kind '" + name
                        + "': use string, long, double or boolean");
            };
        }
    }

    public static final String PREFIX = "meta_";
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,100}");

    public MetadataColumn {
        Objects.requireNonNull(kind, "kind");
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Metadata key '" + key + "' cannot have a column: use letters, digits "
                    + "and '_' (starting with a letter or '_'), at most 101 characters");
        }
    }

    public static MetadataColumn of(String key, Kind kind) {
        return new MetadataColumn(key, kind);
    }

    public String columnName() {
        return PREFIX + key;
    }

    public String indexName() {
        return columnName() + "_idx";
    }

    /** The column's value for a row's metadata value of an accepted type (floats widened by their decimal). */
    public Object columnValue(Object metadataValue) {
        return switch (kind) {
            case STRING -> metadataValue.toString();
            case LONG -> ((Number) metadataValue).longValue();
            case DOUBLE -> metadataValue instanceof Float f ? Double.parseDouble(Float.toString(f))
                    : ((Number) metadataValue).doubleValue();
            case BOOLEAN -> metadataValue;
        };
    }

    /** The metadata types this column holds, as stored in the types column (for SQL backfills and checks). */
    public String storedTypesSql() {
        StringBuilder sb = new StringBuilder("(");
        for (MetadataType t : MetadataType.values()) {
            if (kind.accepts(t)) {
                sb.append(sb.length() > 1 ? ", " : "").append('\'').append(t.storedName()).append('\'');
            }
        }
        return sb.append(')').toString();
    }

    /** The key a {@code meta_<key>} column name mirrors, or null when the name is not one. */
    public static String keyOfColumnName(String columnName) {
        if (!columnName.startsWith(PREFIX)) {
            return null;
        }
        String key = columnName.substring(PREFIX.length());
        return KEY.matcher(key).matches() ? key : null;
    }
}
