package io.github.lancedb4j.store;

import java.util.Map;

/**
 * One search result.
 *
 * @param metadata   the row's metadata, or null for a row stored without a segment/document
 * @param vector     the row's vector in the searched column, when the query asked for it
 * @param distance   Lance's distance (ascending is better; see {@link DistanceMetric}), or null when the vector search
 *                   did not return the row (a full-text hit, or a hybrid hit found by the full-text arm only)
 * @param similarity the cosine-like similarity from {@link DistanceMetric#similarity(double)}, or null with distance
 * @param score      the hit's rank score in its query's terms, higher is better: the similarity for a vector search;
 *                   for a full-text search the BM25 score relative to the query's best hit (1 for the best, in
 *                   (0, 1]); for a hybrid search the normalised reciprocal-rank-fusion score in (0, 1] (see
 *                   {@link ReciprocalRankFusion})
 * @param textScore  the BM25 score of the row's text for the query text, or null when the full-text search did not
 *                   return the row (a vector hit, or a hybrid hit found by the vector arm only)
 */
public record SearchHit(String id, String text, Map<String, Object> metadata, float[] vector, Double distance,
        Double similarity, double score, Double textScore) {

    /** A hit without a full-text score. */
    public SearchHit(String id, String text, Map<String, Object> metadata, float[] vector, Double distance,
            Double similarity, double score) {
        this(id, text, metadata, vector, distance, similarity, score, null);
    }

    /** A hit of a vector search: its score is its similarity. */
    public static SearchHit ofVector(String id, String text, Map<String, Object> metadata, float[] vector,
            double distance, double similarity) {
        return new SearchHit(id, text, metadata, vector, distance, similarity, similarity);
    }

    /** This hit with another score (the arms' own scores stay). */
    public SearchHit withScore(double score) {
        return new SearchHit(id, text, metadata, vector, distance, similarity, score, textScore);
    }
}
