package io.github.lancedb4j.store;

/**
 * A vector index as it stands.
 *
 * @param metric        the distance the index was built for; a search with another metric cannot use it
 * @param partitions    the number of IVF partitions (null when Lance does not report it)
 * @param unindexedRows rows appended since the last build or optimize: searched too, but by brute force
 */
public record VectorIndexInfo(String name, String column, VectorIndexType type, DistanceMetric metric,
        Integer partitions, long indexedRows, long unindexedRows) {
}
