package io.github.lancedb4j.spark.internal;

import io.github.lancedb4j.spark.EmbeddingSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.lance.Fragment;
import org.lance.FragmentMetadata;
import org.lance.WriteParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Spark task: splits, embeds and writes its partition's documents as Lance data files of the target table,
 * and returns their fragment metadata without committing anything. Only the driver commits, and only the output
 * of successful task attempts reaches it: the files of a failed or speculative attempt are never part of the
 * table, so a retried task cannot leave duplicate rows.
 */
public final class PartitionWriter implements FlatMapFunction<Iterator<Row>, PartitionWriter.Written> {

    private static final Logger log = LoggerFactory.getLogger(PartitionWriter.class);

    /** What one task wrote. */
    public record Written(int partition, int attempt, long rows, List<FragmentMetadata> fragments)
            implements Serializable {
    }

    private final WriteTarget target;
    private final Chunker chunker;
    private final EmbeddingSpec embedding;
    private final double requestsPerSecondPerExecutor;
    private final int batchRows;
    private final IngestMetrics metrics;

    public PartitionWriter(WriteTarget target, Chunker chunker, EmbeddingSpec embedding,
            double requestsPerSecondPerExecutor, int batchRows, IngestMetrics metrics) {
        this.target = target;
        this.chunker = chunker;
        this.embedding = embedding;
        this.requestsPerSecondPerExecutor = requestsPerSecondPerExecutor;
        this.batchRows = batchRows;
        this.metrics = metrics;
    }

    @Override
    public Iterator<Written> call(Iterator<Row> documents) throws Exception {
        TaskContext task = TaskContext.get();
        int partition = task == null ? 0 : task.partitionId();
        int attempt = task == null ? 0 : task.attemptNumber();
        if (!documents.hasNext()) {
            return List.<Written>of().iterator();
        }
        long started = System.nanoTime();
        BatchPreparer preparer = new BatchPreparer(documents, chunker, embedding, requestsPerSecondPerExecutor,
                target.column(), target.tableMetadataColumns(), batchRows, metrics);
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);
        List<FragmentMetadata> fragments;
        long rows;
        ExecutorService writerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lancedb-fragment-writer-" + partition + "." + attempt);
            t.setDaemon(true);
            return t;
        });
        try (BufferAllocator allocator = new RootAllocator();
                QueuedBatchReader reader = new QueuedBatchReader(allocator, queue, target.tableVectorColumns(),
                        target.tableMetadataColumns());
                ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            Data.exportArrayStream(allocator, reader, stream);
            WriteParams params = new WriteParams.Builder()
                    .withMode(WriteParams.WriteMode.APPEND)
                    .withDataStorageVersion(target.fileFormatVersion())
                    .withMaxRowsPerFile(target.maxRowsPerFile())
                    .withStorageOptions(target.storageOptions())
                    .build();
            Future<List<FragmentMetadata>> write = writerThread.submit(
                    () -> Fragment.create(target.tableUri(), stream, params));
            // Embedding runs here, on the task thread (TaskContext, class loader, interruption); Lance writes
            // the previous batch meanwhile.
            try {
                BatchPreparer.Prepared batch;
                while ((batch = preparer.next()) != null) {
                    offer(queue, batch, write);
                }
                offer(queue, QueuedBatchReader.END, write);
            } catch (RuntimeException | InterruptedException e) {
                queue.clear();
                queue.offer(QueuedBatchReader.FAILED);
                try {
                    write.get();
                } catch (ExecutionException ignored) {
                    // the write fails because we stopped it; the cause is e
                }
                throw e;
            }
            try {
                fragments = write.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            rows = reader.rows();
        } finally {
            writerThread.shutdownNow();
        }
        long nanos = System.nanoTime() - started;
        metrics.written(rows, fragments.size(), nanos);
        log.info("Partition {} (attempt {}): wrote {} rows in {} fragment(s) of {} in {} ms", partition, attempt, rows,
                fragments.size(), target.tableUri(), nanos / 1_000_000);
        return List.of(new Written(partition, attempt, rows, new ArrayList<>(fragments))).iterator();
    }

    /** Hands a batch to the writer, unless the writer has already failed (then its error is thrown). */
    private static void offer(BlockingQueue<Object> queue, Object item, Future<List<FragmentMetadata>> write)
            throws Exception {
        while (!queue.offer(item, 200, TimeUnit.MILLISECONDS)) {
            if (write.isDone()) {
                try {
                    write.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
                throw new IllegalStateException("Lance stopped reading rows before the end of the partition");
            }
        }
    }
}
