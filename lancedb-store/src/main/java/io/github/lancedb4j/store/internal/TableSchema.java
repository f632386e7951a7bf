package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.MetadataColumn;
import io.github.lancedb4j.store.VectorColumn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.lance.util.JsonFields;

/**
 * The layout of a store table: {@code id} (string, unique), {@code text} (nullable), {@code metadata} (JSON),
 * {@code metadata_types} (JSON: the type of each metadata value) and one or more named vector columns
 * ({@code FixedSizeList<Float32>[dim]}, nullable: a row may have been embedded by one model only).
 */
public final class TableSchema {

    public static final String ID = "id";
    public static final String TEXT = "text";
    public static final String METADATA = "metadata";
    public static final String METADATA_TYPES = "metadata_types";
    public static final Set<String> RESERVED_COLUMNS = VectorColumn.RESERVED_NAMES;

    private TableSchema() {
    }

    /** The Arrow schema of a new table with these vector columns (all with a dimension). */
    public static Schema create(List<VectorColumn> vectorColumns) {
        List<Field> fields = new ArrayList<>(baseFields());
        for (VectorColumn column : vectorColumns) {
            if (!column.hasDimension()) {
                throw new IllegalArgumentException("Vector column '" + column.name()
                        + "' needs a dimension to create the table");
            }
            fields.add(vectorField(column));
        }
        return new Schema(fields);
    }

    /** The base columns, in table order. */
    public static List<Field> baseFields() {
        return List.of(
                Field.notNullable(ID, ArrowType.Utf8.INSTANCE),
                Field.nullable(TEXT, ArrowType.Utf8.INSTANCE),
                JsonFields.jsonUtf8(METADATA, true),
                JsonFields.jsonUtf8(METADATA_TYPES, true));
    }

    /** A nullable {@code FixedSizeList<Float32>} with a nullable child, as pyarrow and LanceDB's own SDKs write it. */
    public static Field vectorField(VectorColumn column) {
        Field item = new Field("item", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null);
        return new Field(column.name(), FieldType.nullable(new ArrowType.FixedSizeList(column.dimension())), List.of(item));
    }

    /** The schema a write uses: the base columns, the given vector columns and the metadata columns. */
    public static Schema forWrite(List<VectorColumn> vectorColumns, java.util.Collection<MetadataColumn> metadataColumns) {
        return forWrite(vectorColumns, metadataColumns, PromotedKeys.NONE);
    }

    /** As {@link #forWrite(List, java.util.Collection)}, plus the promoted keys' columns and the epoch. */
    public static Schema forWrite(List<VectorColumn> vectorColumns, java.util.Collection<MetadataColumn> metadataColumns,
            PromotedKeys promoted) {
        List<Field> fields = new ArrayList<>(baseFields());
        vectorColumns.forEach(c -> fields.add(vectorField(c)));
        metadataColumns.forEach(c -> fields.add(metadataField(c)));
        if (!promoted.isEmpty()) {
            fields.add(epochField());
            promoted.keys().values().forEach(k -> k.sinceEpoch().keySet().forEach(c -> fields.add(promotedField(k, c))));
        }
        return new Schema(fields);
    }

    public static Field epochField() {
        return Field.nullable(PromotedKeys.EPOCH_COLUMN, new ArrowType.Int(64, true));
    }

    public static Field promotedField(PromotedKeys.PromotedKey key, ValueCategory category) {
        return Field.nullable(key.column(category), category.arrowType());
    }

    /** The Arrow field of a metadata key's typed column. */
    public static Field metadataField(MetadataColumn column) {
        ArrowType type = switch (column.kind()) {
            case STRING -> ArrowType.Utf8.INSTANCE;
            case LONG -> new ArrowType.Int(64, true);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
        };
        return Field.nullable(column.columnName(), type);
    }

    /** The metadata column a {@code meta_<key>} field with a supported type holds, or null. */
    static MetadataColumn metadataColumn(Field f) {
        String key = MetadataColumn.keyOfColumnName(f.getName());
        if (key == null) {
            return null;
        }
        ArrowType t = f.getType();
        MetadataColumn.Kind kind = t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8
                ? MetadataColumn.Kind.STRING
                : t instanceof ArrowType.Int i && i.getBitWidth() == 64 ? MetadataColumn.Kind.LONG
                : t instanceof ArrowType.FloatingPoint fp && fp.getPrecision() == FloatingPointPrecision.DOUBLE
                        ? MetadataColumn.Kind.DOUBLE
                : t instanceof ArrowType.Bool ? MetadataColumn.Kind.BOOLEAN : null;
        return kind == null ? null : MetadataColumn.of(key, kind);
    }

    /** The metadata keys an existing table mirrors into typed columns, by key. */
    public static Map<String, MetadataColumn> metadataColumns(Schema schema) {
        Map<String, MetadataColumn> result = new LinkedHashMap<>();
        for (Field f : schema.getFields()) {
            MetadataColumn c = metadataColumn(f);
            if (c != null) {
                result.put(c.key(), c);
            }
        }
        return result;
    }

    /** The vector columns of an existing table, by name, with their dimensions. */
    public static Map<String, Integer> vectorColumns(Schema schema) {
        Map<String, Integer> result = new LinkedHashMap<>();
        for (Field f : schema.getFields()) {
            Integer dim = float32ListDimension(f);
            if (dim != null) {
                result.put(f.getName(), dim);
            }
        }
        return result;
    }

    /**
     * Checks that an existing table has the base columns with usable types; returns the differences found, each a
     * sentence (empty when the table fits).
     */
    public static List<String> baseColumnProblems(Schema schema) {
        List<String> problems = new ArrayList<>();
        Map<String, Field> byName = new LinkedHashMap<>();
        schema.getFields().forEach(f -> byName.put(f.getName(), f));
        requireText(byName.get(ID), ID, problems);
        requireText(byName.get(TEXT), TEXT, problems);
        requireJson(byName.get(METADATA), METADATA, problems);
        requireJson(byName.get(METADATA_TYPES), METADATA_TYPES, problems);
        return problems;
    }

    private static void requireText(Field f, String name, List<String> problems) {
        if (f == null) {
            problems.add("column '" + name + "' is missing (expected a string column)");
        } else if (!(f.getType() instanceof ArrowType.Utf8 || f.getType() instanceof ArrowType.LargeUtf8)) {
            problems.add("column '" + name + "' has type " + f.getType() + ", expected a string (Utf8)");
        }
    }

    private static void requireJson(Field f, String name, List<String> problems) {
        if (f == null) {
            problems.add("column '" + name + "' is missing (expected a JSON column)");
            return;
        }
        ArrowType t = f.getType();
        boolean stringOrJsonb = t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8
                || t instanceof ArrowType.LargeBinary || t instanceof ArrowType.Binary;
        String extension = f.getMetadata() == null ? null : f.getMetadata().get("ARROW:extension:name");
        boolean json = extension != null && extension.contains("json");
        if (!stringOrJsonb || !json) {
            problems.add("column '" + name + "' has type " + t + (extension == null ? "" : " (" + extension + ")")
                    + ", expected a JSON column (arrow.json)");
        }
    }

    /** The dimension of a {@code FixedSizeList<Float32>} field, or null when the field is something else. */
    public static Integer float32ListDimension(Field f) {
        if (!(f.getType() instanceof ArrowType.FixedSizeList list) || f.getChildren().size() != 1) {
            return null;
        }
        ArrowType child = f.getChildren().get(0).getType();
        if (child instanceof ArrowType.FloatingPoint fp && fp.getPrecision() == FloatingPointPrecision.SINGLE) {
            return list.getListSize();
        }
        return null;
    }

    /** Describes an existing field for error messages. */
    public static String describe(Field f) {
        return f == null ? "absent" : f.getType().toString()
                + (f.getChildren().isEmpty() ? "" : "<" + f.getChildren().get(0).getType() + ">");
    }
}
