package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.ReciprocalRankFusion;
import io.github.lancedb4j.store.SearchHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion of a vector ranking and a full-text ranking, keyed on row id: a row scores
 * {@code Σ weight / (k + rank)} over the rankings it is in (rank 1 is the best), normalised by the largest possible
 * sum so that a row ranked first by both scores 1. Each fused hit keeps its arms' own scores (distance and similarity
 * from the vector ranking, BM25 from the full-text ranking).
 */
public final class RankFusion {

    private RankFusion() {
    }

    public static List<SearchHit> fuse(List<SearchHit> byVector, List<SearchHit> byText, ReciprocalRankFusion fusion,
            int limit) {
        // An arm with weight 0 is off: its rows must not enter the result with a score of 0.
        byVector = fusion.vectorWeight() > 0 ? byVector : List.of();
        byText = fusion.textWeight() > 0 ? byText : List.of();
        Map<String, Fused> rows = new LinkedHashMap<>();
        for (int i = 0; i < byVector.size(); i++) {
            rows.computeIfAbsent(byVector.get(i).id(), id -> new Fused()).vector(byVector.get(i), i + 1);
        }
        for (int i = 0; i < byText.size(); i++) {
            rows.computeIfAbsent(byText.get(i).id(), id -> new Fused()).text(byText.get(i), i + 1);
        }
        double best = (fusion.vectorWeight() + fusion.textWeight()) / (fusion.k() + 1.0);
        List<Fused> ranked = new ArrayList<>(rows.values());
        for (Fused f : ranked) {
            f.score = (contribution(fusion.vectorWeight(), fusion.k(), f.vectorRank)
                    + contribution(fusion.textWeight(), fusion.k(), f.textRank)) / best;
        }
        // Ties (e.g. a row first by vector against a row first by text, with equal weights) go to the row ranked
        // better by either arm, then to the vector ranking: deterministic between calls.
        ranked.sort(Comparator.comparingDouble((Fused f) -> f.score).reversed()
                .thenComparingInt(f -> Math.min(f.vectorRank, f.textRank))
                .thenComparingInt(f -> f.vectorRank));
        List<SearchHit> fused = new ArrayList<>(Math.min(limit, ranked.size()));
        for (Fused f : ranked) {
            if (fused.size() == limit) {
                break;
            }
            fused.add(f.hit());
        }
        return fused;
    }

    private static double contribution(double weight, int k, int rank) {
        return rank == Integer.MAX_VALUE ? 0.0 : weight / (k + rank);
    }

    private static final class Fused {
        SearchHit vectorHit;
        SearchHit textHit;
        int vectorRank = Integer.MAX_VALUE;
        int textRank = Integer.MAX_VALUE;
        double score;

        void vector(SearchHit hit, int rank) {
            vectorHit = hit;
            vectorRank = rank;
        }

        void text(SearchHit hit, int rank) {
            textHit = hit;
            textRank = rank;
        }

        SearchHit hit() {
            SearchHit base = vectorHit != null ? vectorHit : textHit;
            float[] vector = vectorHit != null && vectorHit.vector() != null ? vectorHit.vector()
                    : textHit == null ? null : textHit.vector();
            return new SearchHit(base.id(), base.text(), base.metadata(), vector,
                    vectorHit == null ? null : vectorHit.distance(), vectorHit == null ? null : vectorHit.similarity(),
                    score, textHit == null ? null : textHit.textScore());
        }
    }
}
