package io.github.lancedb4j.spark.internal;

import io.github.lancedb4j.store.MetadataColumn;
import io.github.lancedb4j.store.VectorColumn;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the executors need to know about the table they write fragments for (the store's types are not
 * serializable, so they travel as names).
 *
 * @param vectorColumns   every vector column of the table, in table order, with its dimension
 * @param metadataColumns the table's typed metadata columns: key to kind
 */
public record WriteTarget(String tableUri, Map<String, String> storageOptions, String fileFormatVersion,
        String vectorColumn, LinkedHashMap<String, Integer> vectorColumns, LinkedHashMap<String, String> metadataColumns,
        int maxRowsPerFile) implements Serializable {

    public VectorColumn column() {
        return VectorColumn.of(vectorColumn, vectorColumns.get(vectorColumn));
    }

    public List<VectorColumn> tableVectorColumns() {
        List<VectorColumn> out = new ArrayList<>();
        vectorColumns.forEach((name, dim) -> out.add(VectorColumn.of(name, dim)));
        return out;
    }

    public List<MetadataColumn> tableMetadataColumns() {
        List<MetadataColumn> out = new ArrayList<>();
        metadataColumns.forEach((key, kind) -> out.add(MetadataColumn.of(key, MetadataColumn.Kind.valueOf(kind))));
        return out;
    }

    public static LinkedHashMap<String, String> kinds(Map<String, MetadataColumn> columns) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        columns.forEach((key, c) -> out.put(key, c.kind().name()));
        return out;
    }

    @Override
    public String toString() {
        return "WriteTarget[" + tableUri + ", column=" + vectorColumn + ", storageOptions=" + storageOptions.keySet() + "]";
    }
}
