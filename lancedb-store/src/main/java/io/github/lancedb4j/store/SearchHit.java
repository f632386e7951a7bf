package io.github.lancedb4j.store;

import java.util.Map;

/**
 * One search result.
 *
 * @param metadata   the row's metadata, or null for a row stored without a segment/document
 * @param vector     the row's vector in the searched column, when the query asked for it
 * @param distance   Lance's distance (ascending is better); see {@link DistanceMetric}
 * @param similarity the cosine-like similarity from {@link DistanceMetric#similarity(double)}
 */
public record SearchHit(String id, String text, Map<String, Object> metadata, float[] vector, double distance,
        double similarity) {
}
