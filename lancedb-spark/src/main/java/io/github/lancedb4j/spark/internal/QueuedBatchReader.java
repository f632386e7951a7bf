package io.github.lancedb4j.spark.internal;

import io.github.lancedb4j.store.MetadataColumn;
import io.github.lancedb4j.store.internal.TableSchema;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.internal.RowBatchReader;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow side of a task's write: Lance's writer thread takes prepared batches from a small queue (filled by the
 * task thread) and gets them as Arrow in the store's table schema, encoded by the core's {@link RowBatchReader} —
 * the same bytes the stores write. A bounded queue keeps at most a couple of batches in memory.
 */
final class QueuedBatchReader extends ArrowReader {

    /** Put on the queue after the last batch. */
    static final Object END = new Object();

    /** Put on the queue when the producer failed: the write must fail, not end early. */
    static final Object FAILED = new Object();

    private final BlockingQueue<Object> queue;
    private final List<VectorColumn> vectorColumns;
    private final List<MetadataColumn> metadataColumns;
    private final Schema schema;
    private long rows;

    QueuedBatchReader(BufferAllocator allocator, BlockingQueue<Object> queue, List<VectorColumn> vectorColumns,
            List<MetadataColumn> metadataColumns) {
        super(allocator);
        this.queue = queue;
        this.vectorColumns = vectorColumns;
        this.metadataColumns = metadataColumns;
        this.schema = TableSchema.forWrite(vectorColumns, metadataColumns);
    }

    long rows() {
        return rows;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        Object next;
        try {
            next = queue.poll(1, TimeUnit.HOURS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for the next embedded batch", e);
        }
        if (next == END) {
            return false;
        }
        if (next == FAILED || next == null) {
            throw new IOException("The Spark task stopped producing rows (see its error)");
        }
        BatchPreparer.Prepared batch = (BatchPreparer.Prepared) next;
        try (RowBatchReader encoder = new RowBatchReader(allocator, batch.rows(), batch.metadata(), vectorColumns,
                metadataColumns, batch.rows().size())) {
            encoder.loadNextBatch();
            try (ArrowRecordBatch arrow = new VectorUnloader(encoder.getVectorSchemaRoot()).getRecordBatch()) {
                new VectorLoader(getVectorSchemaRoot()).load(arrow);
            }
        }
        rows += batch.rows().size();
        return true;
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
