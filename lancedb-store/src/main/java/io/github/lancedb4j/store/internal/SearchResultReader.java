package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.MetadataCodec;
import io.github.lancedb4j.store.SearchHit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowReader;

/** Copies search results out of Arrow batches (the reader reuses its root between batches). */
public final class SearchResultReader {

    public static final String DISTANCE = "_distance";

    private SearchResultReader() {
    }

    public static List<SearchHit> read(ArrowReader reader, String vectorColumn, boolean includeVector,
            DistanceMetric metric) throws IOException {
        List<SearchHit> hits = new ArrayList<>();
        while (reader.loadNextBatch()) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            FieldVector ids = root.getVector(TableSchema.ID);
            FieldVector texts = root.getVector(TableSchema.TEXT);
            FieldVector metadata = root.getVector(TableSchema.METADATA);
            FieldVector types = root.getVector(TableSchema.METADATA_TYPES);
            Float4Vector distances = (Float4Vector) root.getVector(DISTANCE);
            FixedSizeListVector vectors = includeVector ? (FixedSizeListVector) root.getVector(vectorColumn) : null;
            for (int i = 0; i < root.getRowCount(); i++) {
                String json = string(metadata, i);
                Map<String, Object> meta = json == null ? null : MetadataCodec.decode(json, string(types, i));
                double distance = distances.get(i);
                hits.add(SearchHit.ofVector(string(ids, i), string(texts, i), meta,
                        vectors == null ? null : floats(vectors, i), distance, metric.similarity(distance)));
            }
        }
        return hits;
    }

    /** Rows without distances or vectors (a plain scan). */
    public static List<io.github.lancedb4j.store.StoredRow> readRows(ArrowReader reader) throws IOException {
        List<io.github.lancedb4j.store.StoredRow> rows = new ArrayList<>();
        while (reader.loadNextBatch()) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            FieldVector ids = root.getVector(TableSchema.ID);
            FieldVector texts = root.getVector(TableSchema.TEXT);
            FieldVector metadata = root.getVector(TableSchema.METADATA);
            FieldVector types = root.getVector(TableSchema.METADATA_TYPES);
            for (int i = 0; i < root.getRowCount(); i++) {
                String json = string(metadata, i);
                rows.add(new io.github.lancedb4j.store.StoredRow(string(ids, i), string(texts, i),
                        json == null ? null : MetadataCodec.decode(json, string(types, i))));
            }
        }
        return rows;
    }

    static String string(FieldVector vector, int index) {
        if (vector == null || vector.isNull(index)) {
            return null;
        }
        Object value = vector.getObject(index);
        if (value instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return value.toString();
    }

    static float[] floats(FixedSizeListVector list, int index) {
        if (list.isNull(index)) {
            return null;
        }
        int dim = list.getListSize();
        Float4Vector values = (Float4Vector) list.getDataVector();
        float[] out = new float[dim];
        int start = index * dim;
        for (int k = 0; k < dim; k++) {
            out[k] = values.get(start + k);
        }
        return out;
    }
}
