package io.github.lancedb4j.spark.internal;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * The job's counters as named Spark accumulators: they show on each stage's page of the Spark UI and are summed
 * once per successful task (a failed attempt's counts are dropped, like its output).
 */
public final class IngestMetrics implements Serializable {

    private final LongAccumulator documents;
    private final LongAccumulator chunks;
    private final LongAccumulator embedded;
    private final LongAccumulator embeddingRequests;
    private final LongAccumulator embeddingMillis;
    private final LongAccumulator written;
    private final LongAccumulator fragments;
    private final LongAccumulator writeMillis;

    public IngestMetrics(SparkContext sc) {
        documents = sc.longAccumulator("lancedb: documents read");
        chunks = sc.longAccumulator("lancedb: chunks");
        embedded = sc.longAccumulator("lancedb: rows embedded");
        embeddingRequests = sc.longAccumulator("lancedb: embedding requests");
        embeddingMillis = sc.longAccumulator("lancedb: embedding ms");
        written = sc.longAccumulator("lancedb: rows written");
        fragments = sc.longAccumulator("lancedb: fragments written");
        writeMillis = sc.longAccumulator("lancedb: write ms (incl. embedding)");
    }

    void document(int chunkCount) {
        documents.add(1);
        chunks.add(chunkCount);
    }

    void embedded(int rows, long nanos) {
        embedded.add(rows);
        embeddingRequests.add(1);
        embeddingMillis.add(nanos / 1_000_000);
    }

    void written(long rows, int fragmentCount, long nanos) {
        written.add(rows);
        fragments.add(fragmentCount);
        writeMillis.add(nanos / 1_000_000);
    }

    public long documents() {
        return documents.value();
    }

    public long chunks() {
        return chunks.value();
    }

    public long embedded() {
        return embedded.value();
    }

    public long embeddingRequests() {
        return embeddingRequests.value();
    }

    public long embeddingMillis() {
        return embeddingMillis.value();
    }

    public long written() {
        return written.value();
    }

    public long fragments() {
        return fragments.value();
    }
}
