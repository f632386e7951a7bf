package io.github.lancedb4j.store;

import io.github.lancedb4j.store.filter.MetadataFilter;

/**
 * A nearest-neighbour query on one vector column.
 *
 * @param column        the vector column to search
 * @param vector        the query vector; its length must be the column's dimension
 * @param limit         the number of nearest rows to return (top-k), &gt; 0
 * @param filter        an optional metadata filter, applied before ranking so that top-k is exact
 * @param includeVector whether hits carry their stored vector
 * @param tuning        overrides of the index's search tuning for this query (null: the index's defaults)
 */
public record VectorQuery(String column, float[] vector, int limit, MetadataFilter filter, boolean includeVector,
        SearchTuning tuning) {

    public VectorQuery {
        if (limit <= 0) {
            throw new IllegalArgumentException("The number of results must be greater than 0, got " + limit);
        }
    }

    public VectorQuery(String column, float[] vector, int limit, MetadataFilter filter, boolean includeVector) {
        this(column, vector, limit, filter, includeVector, null);
    }

    public VectorQuery withTuning(SearchTuning tuning) {
        return new VectorQuery(column, vector, limit, filter, includeVector, tuning);
    }
}
