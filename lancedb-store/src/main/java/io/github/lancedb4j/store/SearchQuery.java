package io.github.lancedb4j.store;

import io.github.lancedb4j.store.filter.MetadataFilter;
import java.util.Objects;

/**
 * A search of one table, optionally restricted by a metadata filter (applied before ranking), in one of three modes:
 *
 * <ul>
 *   <li>{@code SearchQuery.nearest(column, vector)}: the nearest rows to a query vector in one vector column, with
 *       optional per-query index tuning;</li>
 *   <li>{@code SearchQuery.fullText(text)}: the rows whose text best matches the query text (BM25);</li>
 *   <li>{@code SearchQuery.hybrid(column, vector, text)}: both, on one version of the table, fused by reciprocal
 *       rank fusion.</li>
 * </ul>
 *
 * <p>Built with e.g. {@code SearchQuery.nearest(column, vector).limit(10).filter(f).build()}. The builder is the
 * place where new kinds of search get their parameters, so callers that don't use them are never affected.
 */
public final class SearchQuery {

    private final SearchMode mode;
    private final String column;
    private final float[] vector;
    private final String text;
    private final int limit;
    private final MetadataFilter filter;
    private final boolean includeVector;
    private final SearchTuning tuning;
    private final TextMatch textMatch;
    private final ReciprocalRankFusion fusion;
    private final Integer candidates;

    private SearchQuery(Builder b) {
        this.mode = b.mode;
        this.column = b.column;
        this.vector = b.vector;
        this.text = b.text;
        this.limit = b.limit;
        this.filter = b.filter;
        this.includeVector = b.includeVector;
        this.tuning = b.tuning;
        this.textMatch = b.textMatch;
        this.fusion = b.fusion;
        this.candidates = b.candidates;
    }

    /** A nearest-neighbour search of {@code vector} in the vector column {@code column}. */
    public static Builder nearest(String column, float[] vector) {
        return new Builder(SearchMode.VECTOR, Objects.requireNonNull(column, "column"), vector, null);
    }

    /**
     * A full-text search of the table's text for {@code text}: the words are matched through the table's full-text
     * index (BM25), and are never read as query syntax.
     */
    public static Builder fullText(String text) {
        return new Builder(SearchMode.FULL_TEXT, null, null, Objects.requireNonNull(text, "text"));
    }

    /**
     * A vector search of {@code vector} in {@code column} and a full-text search for {@code text}, on the same version
     * of the table, fused by reciprocal rank fusion. A null or blank {@code text} leaves the full-text arm empty.
     */
    public static Builder hybrid(String column, float[] vector, String text) {
        return new Builder(SearchMode.HYBRID, Objects.requireNonNull(column, "column"), vector, text);
    }

    /** What the search ranks by. */
    public SearchMode mode() {
        return mode;
    }

    /**
     * The vector column to search; for a full-text search, null or the column whose vectors hits carry
     * ({@link Builder#includeVector(String)}).
     */
    public String column() {
        return column;
    }

    /** The query vector (its length must be the column's dimension), or null for a full-text search. */
    public float[] vector() {
        return vector;
    }

    /** The full-text query, or null for a vector search. */
    public String text() {
        return text;
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

    /** How the full-text query's words must appear (default {@link TextMatch#ANY_TERM}). */
    public TextMatch textMatch() {
        return textMatch;
    }

    /** How a hybrid search fuses its two rankings (default {@link ReciprocalRankFusion#DEFAULT}). */
    public ReciprocalRankFusion fusion() {
        return fusion;
    }

    /**
     * The rows each arm of a hybrid search ranks before fusion: the one set, or by default twice the limit and at
     * least 20 (a row just outside one arm's top-k can still win by its rank in the other).
     */
    public int candidates() {
        return candidates != null ? Math.max(candidates, limit) : Math.max(2 * limit, 20);
    }

    public Builder toBuilder() {
        Builder b = new Builder(mode, column, vector, text).limit(limit).filter(filter).includeVector(includeVector)
                .tuning(tuning).textMatch(textMatch).fusion(fusion);
        b.candidates = candidates;
        return b;
    }

    public static final class Builder {
        private final SearchMode mode;
        private String column;
        private final float[] vector;
        private final String text;
        private int limit = 10;
        private MetadataFilter filter;
        private boolean includeVector;
        private SearchTuning tuning;
        private TextMatch textMatch = TextMatch.ANY_TERM;
        private ReciprocalRankFusion fusion = ReciprocalRankFusion.DEFAULT;
        private Integer candidates;

        private Builder(SearchMode mode, String column, float[] vector, String text) {
            this.mode = mode;
            this.column = column;
            this.vector = vector;
            this.text = text;
        }

        /** The number of rows to return, &gt; 0 (default 10). */
        public Builder limit(int limit) {
            if (limit <= 0) {
                throw new IllegalArgumentException("The number of results must be greater than 0, got " + limit);
            }
            this.limit = limit;
            return this;
        }

        /** Only rows matching this metadata filter (null: all rows); a hybrid search applies it to both arms. */
        public Builder filter(MetadataFilter filter) {
            this.filter = filter;
            return this;
        }

        /** Whether hits carry their stored vector (default false: it is the largest column to read). */
        public Builder includeVector(boolean includeVector) {
            this.includeVector = includeVector;
            return this;
        }

        /**
         * Hits carry their stored vector in this vector column: for a full-text search, which names no column (a
         * vector or hybrid search reads the column it searches, so it can only be that one).
         */
        public Builder includeVector(String vectorColumn) {
            Objects.requireNonNull(vectorColumn, "vectorColumn");
            if (mode != SearchMode.FULL_TEXT && !vectorColumn.equals(column)) {
                throw new IllegalArgumentException("A " + mode + " search carries the vectors of the column it "
                        + "searches, '" + column + "', not of '" + vectorColumn + "'");
            }
            this.column = vectorColumn;
            this.includeVector = true;
            return this;
        }

        /** Per-query overrides of the index's nprobes, refine factor and ef (null fields keep the index's). */
        public Builder tuning(SearchTuning tuning) {
            this.tuning = tuning;
            return this;
        }

        /** How the full-text query's words must appear (default {@link TextMatch#ANY_TERM}). */
        public Builder textMatch(TextMatch textMatch) {
            this.textMatch = Objects.requireNonNull(textMatch, "textMatch");
            return this;
        }

        /** How a hybrid search fuses its rankings (default k = 60, equal weights). */
        public Builder fusion(ReciprocalRankFusion fusion) {
            this.fusion = Objects.requireNonNull(fusion, "fusion");
            return this;
        }

        /** The rows each arm of a hybrid search ranks before fusion (default: twice the limit, at least 20). */
        public Builder candidates(int candidates) {
            if (candidates <= 0) {
                throw new IllegalArgumentException("The number of candidates must be greater than 0, got "
                        + candidates);
            }
            this.candidates = candidates;
            return this;
        }

        public SearchQuery build() {
            return new SearchQuery(this);
        }
    }
}
