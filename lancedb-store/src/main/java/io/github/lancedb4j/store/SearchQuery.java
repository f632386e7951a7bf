package io.github.lancedb4j.store;

import io.github.lancedb4j.store.filter.MetadataFilter;
import java.util.Objects;

/**
 * A search of one table: the nearest rows to a query vector in one column, optionally restricted by a metadata
 * filter (applied before ranking), with optional per-query index tuning. Built with
 * {@code SearchQuery.nearest(column, vector).limit(10).filter(f).build()}.
 *
 * <p>The builder is the place where new kinds of search (a text query, an as-of version) get their parameters,
 * so callers that don't use them are never affected.
 */
public final class SearchQuery {

    private final String column;
    private final float[] vector;
    private final int limit;
    private final MetadataFilter filter;
    private final boolean includeVector;
    private final SearchTuning tuning;

    private SearchQuery(Builder b) {
        this.column = b.column;
        this.vector = b.vector;
        this.limit = b.limit;
        this.filter = b.filter;
        this.includeVector = b.includeVector;
        this.tuning = b.tuning;
    }

    /** A nearest-neighbour search of {@code vector} in the vector column {@code column}. */
    public static Builder nearest(String column, float[] vector) {
        return new Builder(column, vector);
    }

    /** The vector column to search. */
    public String column() {
        return column;
    }

    /** The query vector; its length must be the column's dimension. */
    public float[] vector() {
        return vector;
    }

    /** The number of rows to return (top-k). */
    public int limit() {
        return limit;
    }

    /** The metadata filter, or null. */
    public MetadataFilter filter() {
        return filter;
    }

    /** Whether hits carry their stored vector. */
    public boolean includeVector() {
        return includeVector;
    }

    /** Overrides of the index's search tuning for this query, or null (the index's defaults). */
    public SearchTuning tuning() {
        return tuning;
    }

    public Builder toBuilder() {
        return new Builder(column, vector).limit(limit).filter(filter).includeVector(includeVector).tuning(tuning);
    }

    public static final class Builder {
        private final String column;
        private final float[] vector;
        private int limit = 10;
        private MetadataFilter filter;
        private boolean includeVector;
        private SearchTuning tuning;

        private Builder(String column, float[] vector) {
            this.column = Objects.requireNonNull(column, "column");
            this.vector = vector;
        }

        /** The number of rows to return, &gt; 0 (default 10). */
        public Builder limit(int limit) {
            if (limit <= 0) {
                throw new IllegalArgumentException("The number of results must be greater than 0, got " + limit);
            }
            this.limit = limit;
            return this;
        }

        /** Only rows matching this metadata filter (null: all rows). */
        public Builder filter(MetadataFilter filter) {
            this.filter = filter;
            return this;
        }

        /** Whether hits carry their stored vector (default false: it is the largest column to read). */
        public Builder includeVector(boolean includeVector) {
            this.includeVector = includeVector;
            return this;
        }

        /** Per-query overrides of the index's nprobes, refine factor and ef (null fields keep the index's). */
        public Builder tuning(SearchTuning tuning) {
            this.tuning = tuning;
            return this;
        }

        public SearchQuery build() {
            return new SearchQuery(this);
        }
    }
}
