package io.github.lancedb4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Where the documents come from: Parquet files, JSON lines, or a folder of text files (one document per file).
 *
 * <p>Parquet and JSON lines need a document id column (default {@code id}) and a text column (default
 * {@code text}); every other column becomes metadata (strings, integers, floating point numbers, booleans, arrays
 * of strings, dates and timestamps as ISO text) unless {@link #metadataColumns} names the ones to keep. For text
 * files the document id is the file's path relative to the folder, and the metadata {@code file_name} and
 * {@code source} (that path).
 */
public final class DocumentSource implements Serializable {

    /** The columns of {@link #load}: the document id, the text, then the metadata columns by their own names. */
    public static final String DOCUMENT_ID = "__document_id";
    public static final String TEXT = "__text";

    public enum Format { PARQUET, JSON_LINES, TEXT_FILES }

    private static final Set<String> METADATA_TYPE_NAMES = Set.of("string", "integer", "long", "short", "byte",
            "float", "double", "boolean", "date", "timestamp", "timestamp_ntz");

    private final Format format;
    private final String path;
    private final String idColumn;
    private final String textColumn;
    private final List<String> metadataColumns;

    private DocumentSource(Format format, String path, String idColumn, String textColumn, List<String> metadata) {
        this.format = Objects.requireNonNull(format, "format");
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("The document source needs a path");
        }
        this.path = path;
        this.idColumn = idColumn;
        this.textColumn = textColumn;
        this.metadataColumns = metadata == null ? null : List.copyOf(metadata);
    }

    public static DocumentSource parquet(String path) {
        return new DocumentSource(Format.PARQUET, path, "id", "text", null);
    }

    public static DocumentSource jsonLines(String path) {
        return new DocumentSource(Format.JSON_LINES, path, "id", "text", null);
    }

    public static DocumentSource textFiles(String folder) {
        return new DocumentSource(Format.TEXT_FILES, folder, null, null, null);
    }

    /** Parses {@code parquet}, {@code json} / {@code jsonl} or {@code text}. */
    public static DocumentSource of(String format, String path) {
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "parquet" -> parquet(path);
            case "json", "jsonl", "json-lines", "json_lines" -> jsonLines(path);
            case "text", "txt", "text-files", "text_files" -> textFiles(path);
            default -> throw new IllegalArgumentException("Unknown document format '" + format
                    + "': use parquet, jsonl or text");
        };
    }

    public DocumentSource idColumn(String column) {
        requireTabular("an id column");
        return new DocumentSource(format, path, column, textColumn, metadataColumns);
    }

    public DocumentSource textColumn(String column) {
        requireTabular("a text column");
        return new DocumentSource(format, path, idColumn, column, metadataColumns);
    }

    /** Only these columns become metadata (default: all but the id and text columns). */
    public DocumentSource metadataColumns(List<String> columns) {
        requireTabular("metadata columns");
        return new DocumentSource(format, path, idColumn, textColumn, columns);
    }

    public Format format() {
        return format;
    }

    public String path() {
        return path;
    }

    private void requireTabular(String what) {
        if (format == Format.TEXT_FILES) {
            throw new IllegalArgumentException("A folder of text files has no columns; " + what + " applies to "
                    + "Parquet and JSON lines only");
        }
    }

    /**
     * Reads the documents as rows of {@value #DOCUMENT_ID}, {@value #TEXT} and the metadata columns.
     *
     * @throws IllegalArgumentException when a named column is missing or a metadata column has a type that metadata
     *                                  cannot hold, naming the column and the columns that exist
     */
    public Dataset<Row> load(SparkSession spark) {
        return switch (format) {
            case TEXT_FILES -> loadTextFiles(spark);
            case PARQUET -> select(spark.read().parquet(path));
            case JSON_LINES -> select(spark.read().json(path));
        };
    }

    private Dataset<Row> loadTextFiles(SparkSession spark) {
        Dataset<Row> files = spark.read().option("wholetext", "true").option("recursiveFileLookup", "true")
                .text(path);
        // The id must not depend on where the folder is mounted: the file's path relative to the folder (without
        // scheme and authority, which Spark and Hadoop spell differently: file:/x, file:///x).
        Column file = functions.regexp_replace(functions.url_decode(functions.col("_metadata.file_path")),
                "^[a-zA-Z][a-zA-Z0-9+.\\-]*:(//[^/]*)?", "");
        String base = folderPath(spark);
        Column relative = functions.regexp_replace(file, "^" + java.util.regex.Pattern.quote(base) + "/?", "");
        return files.select(relative.as(DOCUMENT_ID), functions.col("value").as(TEXT),
                functions.element_at(functions.split(relative, "/"), -1).as("file_name"), relative.as("source"));
    }

    private String folderPath(SparkSession spark) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
            org.apache.hadoop.fs.FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(p)) {
                throw new IllegalArgumentException("The document folder " + path + " does not exist");
            }
            String q = fs.makeQualified(p).toUri().getPath();
            return q.endsWith("/") ? q.substring(0, q.length() - 1) : q;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Cannot read the document folder " + path + ": " + e.getMessage(), e);
        }
    }

    private Dataset<Row> select(Dataset<Row> input) {
        List<String> names = Arrays.asList(input.columns());
        if (names.contains("_corrupt_record")) {
            throw new IllegalArgumentException("The JSON lines at " + path + " contain lines that are not JSON objects "
                    + "(Spark put them in _corrupt_record); fix or remove them");
        }
        requireColumn(names, idColumn, "id");
        requireColumn(names, textColumn, "text");
        StructField text = input.schema().apply(textColumn);
        if (!text.dataType().equals(DataTypes.StringType)) {
            throw new IllegalArgumentException("The text column '" + textColumn + "' of " + path + " has type "
                    + text.dataType().simpleString() + ", expected a string");
        }
        List<Column> out = new ArrayList<>();
        out.add(functions.col(quote(idColumn)).cast(DataTypes.StringType).as(DOCUMENT_ID));
        out.add(functions.col(quote(textColumn)).as(TEXT));
        List<String> metadata = metadataColumns;
        if (metadata == null) {
            metadata = names.stream().filter(n -> !n.equals(idColumn) && !n.equals(textColumn)).toList();
        }
        for (String name : metadata) {
            requireColumn(names, name, "metadata");
            DataType type = input.schema().apply(name).dataType();
            if (!supported(type)) {
                throw new IllegalArgumentException("Column '" + name + "' of " + path + " has type " + type.simpleString()
                        + ", which metadata cannot hold (strings, integers, floating point numbers, booleans, dates, "
                        + "timestamps and arrays of strings); name the metadata columns to keep with metadataColumns");
            }
            out.add(functions.col(quote(name)));
        }
        return input.select(out.toArray(new Column[0]));
    }

    private static boolean supported(DataType type) {
        if (type instanceof ArrayType array) {
            return array.elementType().equals(DataTypes.StringType);
        }
        return METADATA_TYPE_NAMES.contains(type.typeName());
    }

    private void requireColumn(List<String> names, String column, String role) {
        if (!names.contains(column)) {
            throw new IllegalArgumentException("The " + role + " column '" + column + "' is not in " + path
                    + "; its columns are " + names);
        }
    }

    private static String quote(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    @Override
    public String toString() {
        return format + " " + path + (idColumn == null ? "" : " (id: " + idColumn + ", text: " + textColumn + ")");
    }
}
