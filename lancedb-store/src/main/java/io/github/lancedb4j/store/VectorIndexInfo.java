package io.github.lancedb4j.store;

/**
 * A vector index as it stands.
 *
 * @param metric        the distance the index was built for; a search with another metric cannot use it
 * @param partitions    the number of IVF partitions (null when Lance does not report it)
 * @param unindexedRows rows appended since the last build or optimize: searched too, but by brute force
 * @param spec          what the index was built with, as recorded in the table's config by whoever built it
 *                      (another process, an earlier run); {@code VectorIndexSpec.of(type)} when nobody recorded it
 */
public record VectorIndexInfo(String name, String column, VectorIndexType type, DistanceMetric metric,
        Integer partitions, long indexedRows, long unindexedRows, VectorIndexSpec spec) {

    /** The name suffix of an exact index ({@link VectorIndexSpec#exact()}). */
    public static final String EXACT_SUFFIX = "_exact_idx";

    /** Whether this is the exact index: searches probe all its partitions (folding rows in may split them). */
    public boolean exact() {
        return type == VectorIndexType.IVF_FLAT && name.endsWith(EXACT_SUFFIX);
    }

    /** The tuning searches use unless a request overrides it: the spec's, with unset fields derived. */
    public SearchTuning searchTuning() {
        return spec.defaultTuning(partitions == null ? 1 : partitions);
    }
}
