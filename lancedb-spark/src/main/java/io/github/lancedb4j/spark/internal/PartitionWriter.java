package io.github.lancedb4j.spark.internal;

import io.github.lancedb4j.spark.EmbeddingSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
        List<FragmentMetadata> fragments;
        long rows;
        try (BufferAllocator allocator = new RootAllocator();
                EmbeddingBatchReader reader = new EmbeddingBatchReader(allocator, documents, chunker, embedding,
                        requestsPerSecondPerExecutor, target.column(), target.tableVectorColumns(),
                        target.tableMetadataColumns(), batchRows, metrics);
                ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            Data.exportArrayStream(allocator, reader, stream);
            WriteParams params = new WriteParams.Builder()
                    .withMode(WriteParams.WriteMode.APPEND)
                    .withDataStorageVersion(target.fileFormatVersion())
                    .withMaxRowsPerFile(target.maxRowsPerFile())
                    .withStorageOptions(target.storageOptions())
                    .build();
            try {
                fragments = Fragment.create(target.tableUri(), stream, params);
            } catch (RuntimeException e) {
                // An exception thrown while Lance pulled a batch (embedding, bad metadata) comes back as native
                // error text: rethrow the original, which names the document.
                RuntimeException original = reader.failure();
                if (original != null) {
                    original.addSuppressed(e);
                    throw original;
                }
                throw e;
            }
            rows = reader.rows();
        }
        long nanos = System.nanoTime() - started;
        metrics.written(rows, fragments.size(), nanos);
        log.info("Partition {} (attempt {}): wrote {} rows in {} fragment(s) of {} in {} ms", partition, attempt, rows,
                fragments.size(), target.tableUri(), nanos / 1_000_000);
        return List.of(new Written(partition, attempt, rows, new ArrayList<>(fragments))).iterator();
    }
}
