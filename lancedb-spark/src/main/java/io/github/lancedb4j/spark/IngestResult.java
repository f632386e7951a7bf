package io.github.lancedb4j.spark;

import java.util.Map;

/**
 * What an ingest did.
 *
 * @param rowsReplaced     rows of the existing table that new rows with the same id replaced
 * @param phaseMillis      wall time of each phase, in order: validate, embed and write, find replaced rows, commit,
 *                         vector index, full-text index
 * @param vectorIndex      what was done about the vector index ("none" when disabled)
 * @param fullTextIndex    what was done about the full-text index ("none" when disabled)
 */
public record IngestResult(String tableUri, long version, long documents, long chunks, long rowsEmbedded,
        long rowsWritten, long rowsReplaced, long fragments, long embeddingRequests, Map<String, Long> phaseMillis,
        String vectorIndex, String fullTextIndex) {

    /** Rows written per second of the embed-and-write phase. */
    public double rowsPerSecond() {
        long ms = phaseMillis.getOrDefault(LanceIngest.PHASE_WRITE, 0L);
        return ms == 0 ? 0 : rowsWritten * 1000.0 / ms;
    }

    public long totalMillis() {
        return phaseMillis.values().stream().mapToLong(Long::longValue).sum();
    }
}
