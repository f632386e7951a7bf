package io.github.lancedb4j.spark.internal;

import io.github.lancedb4j.spark.EmbeddingSpec;
import io.github.lancedb4j.store.MetadataCodec;
import io.github.lancedb4j.store.MetadataColumn;
import io.github.lancedb4j.store.MetadataType;
import io.github.lancedb4j.store.TableSchema;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.internal.RowBatchReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.sql.Row;

/**
 * The rows of one Spark partition as Arrow batches in the store's table schema, produced only when Lance asks for
 * the next batch: a batch of documents is split, embedded and encoded (by the core's {@link MetadataCodec} and
 * {@link RowBatchReader}, so the bytes are exactly what the stores write), so a task holds one batch at a time.
 */
final class EmbeddingBatchReader extends ArrowReader {

    private final Iterator<Row> documents;
    private final Chunker chunker;
    private final EmbeddingSpec embedding;
    private final double requestsPerSecondHere;
    private final VectorColumn column;
    private final List<VectorColumn> tableVectorColumns;
    private final List<MetadataColumn> metadataColumns;
    private final int batchRows;
    private final IngestMetrics metrics;
    private final Schema schema;
    private long rows;
    private RuntimeException failure;

    EmbeddingBatchReader(BufferAllocator allocator, Iterator<Row> documents, Chunker chunker, EmbeddingSpec embedding,
            double requestsPerSecondHere, VectorColumn column, List<VectorColumn> tableVectorColumns,
            List<MetadataColumn> metadataColumns, int batchRows, IngestMetrics metrics) {
        super(allocator);
        this.documents = documents;
        this.chunker = chunker;
        this.embedding = embedding;
        this.requestsPerSecondHere = requestsPerSecondHere;
        this.column = column;
        this.tableVectorColumns = tableVectorColumns;
        this.metadataColumns = metadataColumns;
        this.batchRows = batchRows;
        this.metrics = metrics;
        this.schema = TableSchema.forWrite(tableVectorColumns, metadataColumns);
    }

    long rows() {
        return rows;
    }

    /** The exception that stopped this reader, if any: Lance reports it only as text. */
    RuntimeException failure() {
        return failure;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        try {
            return load();
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    private boolean load() throws IOException {
        List<Chunker.Chunk> chunks = new ArrayList<>();
        while (chunks.size() < batchRows && documents.hasNext()) {
            List<Chunker.Chunk> of = chunker.chunks(documents.next());
            metrics.document(of.size());
            chunks.addAll(of);
        }
        if (chunks.isEmpty()) {
            return false;
        }
        List<String> texts = new ArrayList<>(chunks.size());
        chunks.forEach(c -> texts.add(c.text()));
        List<float[]> vectors = Embedders.embed(embedding, requestsPerSecondHere, texts, metrics);
        List<io.github.lancedb4j.store.Row> batch = new ArrayList<>(chunks.size());
        List<MetadataCodec.Encoded> encoded = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            Chunker.Chunk c = chunks.get(i);
            column.validate(vectors.get(i), "vector of chunk " + c.metadata().get(Chunker.CHUNK_INDEX) + " of document '"
                    + c.metadata().get(Chunker.DOCUMENT_ID) + "'");
            checkMetadataColumns(c);
            batch.add(new io.github.lancedb4j.store.Row(c.id(), c.text(), c.metadata(), Map.of(column.name(), vectors.get(i))));
            encoded.add(MetadataCodec.encode(c.metadata()));
        }
        try (RowBatchReader encoder = new RowBatchReader(allocator, batch, encoded, tableVectorColumns, metadataColumns,
                batch.size())) {
            encoder.loadNextBatch();
            try (ArrowRecordBatch arrow = new VectorUnloader(encoder.getVectorSchemaRoot()).getRecordBatch()) {
                new VectorLoader(getVectorSchemaRoot()).load(arrow);
            }
        }
        rows += batch.size();
        return true;
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

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
