package io.github.lancedb4j.store.internal;

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

/** Copies full-text search results (with Lance's BM25 {@code _score}) out of Arrow batches. */
final class FullTextResultReader {

    static final String SCORE = "_score";

    private FullTextResultReader() {
    }

    /** Hits whose score and text score are the raw BM25 score, in Lance's order. */
    static List<SearchHit> read(ArrowReader reader, String vectorColumn) throws IOException {
        List<SearchHit> hits = new ArrayList<>();
        while (reader.loadNextBatch()) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            FieldVector ids = root.getVector(TableSchema.ID);
            FieldVector texts = root.getVector(TableSchema.TEXT);
            FieldVector metadata = root.getVector(TableSchema.METADATA);
            FieldVector types = root.getVector(TableSchema.METADATA_TYPES);
            Float4Vector scores = (Float4Vector) root.getVector(SCORE);
            FixedSizeListVector vectors = vectorColumn == null ? null : (FixedSizeListVector) root.getVector(vectorColumn);
            for (int i = 0; i < root.getRowCount(); i++) {
                String json = SearchResultReader.string(metadata, i);
                Map<String, Object> meta = json == null ? null
                        : MetadataCodec.decode(json, SearchResultReader.string(types, i));
                double bm25 = scores.get(i);
                hits.add(new SearchHit(SearchResultReader.string(ids, i), SearchResultReader.string(texts, i), meta,
                        vectors == null ? null : SearchResultReader.floats(vectors, i), null, null, bm25, bm25));
            }
        }
        return hits;
    }
}
