package io.github.lancedb4j.store;

/**
 * How a hybrid search merges its two ranked lists: each row scores {@code Σ weight / (k + rank)} over the lists it
 * appears in (rank 1 is the best), the sum LanceDB and most search engines use. A larger {@code k} flattens the
 * difference between the first ranks; a weight of 0 turns an arm off.
 *
 * <p>{@link SearchHit#score()} of a hybrid hit is this sum divided by its largest possible value
 * ({@code Σ weight / (k + 1)}): 1 for a row ranked first by both searches, about 0.5 for a row ranked first by one
 * and missed by the other (with equal weights), lower further down.
 *
 * @param k            the rank constant, &gt; 0 (default 60)
 * @param vectorWeight the weight of the vector search's ranking, &ge; 0 (default 1)
 * @param textWeight   the weight of the full-text search's ranking, &ge; 0 (default 1)
 */
public record ReciprocalRankFusion(int k, double vectorWeight, double textWeight) {

    public static final int DEFAULT_K = 60;

    /** k = 60 with equal weights. */
    public static final ReciprocalRankFusion DEFAULT = new ReciprocalRankFusion(DEFAULT_K, 1.0, 1.0);

    public ReciprocalRankFusion {
        if (k <= 0) {
            throw new IllegalArgumentException("Reciprocal rank fusion: k must be positive, got " + k);
        }
        weight("vectorWeight", vectorWeight);
        weight("textWeight", textWeight);
        if (vectorWeight == 0 && textWeight == 0) {
            throw new IllegalArgumentException("Reciprocal rank fusion: at least one weight must be positive");
        }
    }

    public static ReciprocalRankFusion defaults() {
        return DEFAULT;
    }

    public ReciprocalRankFusion withK(int k) {
        return new ReciprocalRankFusion(k, vectorWeight, textWeight);
    }

    public ReciprocalRankFusion withWeights(double vectorWeight, double textWeight) {
        return new ReciprocalRankFusion(k, vectorWeight, textWeight);
    }

    private static void weight(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("Reciprocal rank fusion: " + name + " must be a finite number >= 0, got "
                    + value);
        }
    }
}
