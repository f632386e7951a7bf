package io.github.lancedb4j.spark.internal;

import io.github.lancedb4j.spark.EmbeddingSpec;
import io.github.lancedb4j.store.MetadataCodec;
import io.github.lancedb4j.store.MetadataColumn;
import io.github.lancedb4j.store.MetadataType;
import io.github.lancedb4j.store.Row;
import io.github.lancedb4j.store.VectorColumn;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Runs on the Spark task thread: splits the next documents, embeds the chunks and encodes their metadata with the
 * core's {@link MetadataCodec}. (Lance pulls Arrow batches on a native thread of its own, which has no
 * {@code TaskContext} and no context class loader — the ONNX model cannot even load there — so no model runs
 * inside that callback.)
 */
final class BatchPreparer {

    /** One batch, ready to become Arrow. */
    record Prepared(List<Row> rows, List<MetadataCodec.Encoded> metadata) {
    }

    private final Iterator<org.apache.spark.sql.Row> documents;
    private final Chunker chunker;
    private final EmbeddingSpec embedding;
    private final double requestsPerSecondHere;
    private final VectorColumn column;
    private final List<MetadataColumn> metadataColumns;
    private final int batchRows;
    private final IngestMetrics metrics;

    BatchPreparer(Iterator<org.apache.spark.sql.Row> documents, Chunker chunker, EmbeddingSpec embedding,
            double requestsPerSecondHere, VectorColumn column, List<MetadataColumn> metadataColumns, int batchRows,
            IngestMetrics metrics) {
        this.documents = documents;
        this.chunker = chunker;
        this.embedding = embedding;
        this.requestsPerSecondHere = requestsPerSecondHere;
        this.column = column;
        this.metadataColumns = metadataColumns;
        this.batchRows = batchRows;
        this.metrics = metrics;
    }

    /** The next batch, or null when the partition is exhausted. */
    Prepared next() {
        List<Chunker.Chunk> chunks = new ArrayList<>();
        while (chunks.size() < batchRows && documents.hasNext()) {
            List<Chunker.Chunk> of = chunker.chunks(documents.next());
            metrics.document(of.size());
            chunks.addAll(of);
        }
        if (chunks.isEmpty()) {
            return null;
        }
        List<String> texts = new ArrayList<>(chunks.size());
        chunks.forEach(c -> texts.add(c.text()));
        List<float[]> vectors = Embedders.embed(embedding, requestsPerSecondHere, texts, metrics);
        List<Row> rows = new ArrayList<>(chunks.size());
        List<MetadataCodec.Encoded> encoded = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            Chunker.Chunk c = chunks.get(i);
            column.validate(vectors.get(i), "vector of chunk " + c.metadata().get(Chunker.CHUNK_INDEX)
                    + " of document '" + c.metadata().get(Chunker.DOCUMENT_ID) + "'");
            checkMetadataColumns(c);
            rows.add(new Row(c.id(), c.text(), c.metadata(), Map.of(column.name(), vectors.get(i))));
            encoded.add(MetadataCodec.encode(c.metadata()));
        }
        return new Prepared(rows, encoded);
    }

    private void checkMetadataColumns(Chunker.Chunk c) {
        for (MetadataColumn mc : metadataColumns) {
            Object value = c.metadata().get(mc.key());
            if (value != null && !mc.kind().accepts(MetadataType.of(mc.key(), value))) {
                throw new IllegalArgumentException("Metadata key '" + mc.key() + "' has a typed column ("
                        + mc.columnName() + ", " + mc.kind() + ") in the table, but document '"
                        + c.metadata().get(Chunker.DOCUMENT_ID) + "' holds a " + value.getClass().getSimpleName());
            }
        }
    }
}
