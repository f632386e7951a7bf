package io.github.lancedb4j.spark.internal;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import io.github.lancedb4j.spark.DocumentSource;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * Turns one document row into its chunks: the text split by LangChain4j's recursive splitter (paragraphs, lines,
 * sentences, words), each chunk with a stable id and the document's metadata plus {@code document_id} and
 * {@code chunk_index}.
 *
 * <p>A chunk's id is a name-based UUID of (document id, chunk index): re-ingesting a document produces the same
 * ids, so the write replaces its rows instead of adding copies.
 */
public final class Chunker implements Serializable {

    public static final String DOCUMENT_ID = "document_id";
    public static final String CHUNK_INDEX = "chunk_index";

    private final int maxChars;
    private final int overlapChars;
    private transient DocumentSplitter splitter;

    /** {@code maxChars <= 0}: one chunk per document. */
    public Chunker(int maxChars, int overlapChars) {
        if (maxChars > 0 && (overlapChars < 0 || overlapChars >= maxChars)) {
            throw new IllegalArgumentException("Chunk overlap must be >= 0 and smaller than the chunk size "
                    + maxChars + ", got " + overlapChars);
        }
        this.maxChars = maxChars;
        this.overlapChars = overlapChars;
    }

    /** A chunk before embedding. */
    public record Chunk(String id, String text, Map<String, Object> metadata) {
    }

    public List<Chunk> chunks(Row document) {
        String documentId = document.getString(0);
        String text = document.getString(1);
        Map<String, Object> metadata = metadata(document, documentId);
        List<String> pieces = split(text);
        List<Chunk> chunks = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            Map<String, Object> m = new LinkedHashMap<>(metadata);
            m.put(DOCUMENT_ID, documentId);
            m.put(CHUNK_INDEX, i);
            chunks.add(new Chunk(chunkId(documentId, i), pieces.get(i), m));
        }
        return chunks;
    }

    public static String chunkId(String documentId, int index) {
        return UUID.nameUUIDFromBytes((documentId + '\u0000' + index).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private List<String> split(String text) {
        if (maxChars <= 0 || text.length() <= maxChars) {
            return List.of(text);
        }
        if (splitter == null) {
            splitter = DocumentSplitters.recursive(maxChars, overlapChars);
        }
        List<String> out = new ArrayList<>();
        for (TextSegment s : splitter.split(Document.from(text))) {
            out.add(s.text());
        }
        return out.isEmpty() ? List.of(text) : out;
    }

    private static Map<String, Object> metadata(Row document, String documentId) {
        Map<String, Object> m = new LinkedHashMap<>();
        StructField[] fields = document.schema().fields();
        for (int i = 2; i < fields.length; i++) {
            Object value = document.get(i);
            if (value != null) {
                m.put(fields[i].name(), convert(fields[i].name(), value, documentId));
            }
        }
        return m;
    }

    /** Spark values to the types the store's metadata holds. */
    static Object convert(String key, Object value, String documentId) {
        if (value instanceof String || value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof Float || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        if (value instanceof java.util.Date || value instanceof java.time.temporal.Temporal) {
            return value.toString();
        }
        if (value instanceof scala.collection.Iterable<?> seq) {
            List<String> list = new ArrayList<>();
            scala.collection.Iterator<?> it = seq.iterator();
            while (it.hasNext()) {
                Object item = it.next();
                if (item == null) {
                    throw new IllegalArgumentException("Document '" + documentId + "': metadata column '" + key
                            + "' holds a null array element, which metadata cannot hold");
                }
                list.add(item.toString());
            }
            return List.copyOf(list);
        }
        throw new IllegalArgumentException("Document '" + documentId + "': metadata column '" + key + "' holds a "
                + value.getClass().getName() + ", which metadata cannot hold");
    }

    /** The index of the id column in rows from {@link DocumentSource#load}. */
    static int idIndex() {
        return 0;
    }
}
