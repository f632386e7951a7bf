package io.github.lancedb4j.store;

import java.util.Map;

/**
 * One search result.
 *
 * @param metadata   the row's metadata, or null for a row stored without a segment/document
 * @param vector     the row's vector in the searched column, when the query asked for it
 * @param distance   Lance's distance (ascending is better; see {@link DistanceMetric}), or null when the hit did not
 *                   come from a vector search
 * @param similarity the cosine-like similarity from {@link DistanceMetric#similarity(double)}, or null with distance
 * @param score      the hit's rank score in its query's terms, higher is better: the similarity for a vector search
 *                   (other kinds of search, such as fused ones, put their own score here)
 */
public record SearchHit(String id, String text, Map<String, Object> metadata, float[] vector, Double distance,
        Double similarity, double score) {

    /** A hit of a vector search: its score is its similarity. */
    public static SearchHit ofVector(String id, String text, Map<String, Object> metadata, float[] vector,
            double distance, double similarity) {
        return new SearchHit(id, text, metadata, vector, distance, similarity, similarity);
    }
}
