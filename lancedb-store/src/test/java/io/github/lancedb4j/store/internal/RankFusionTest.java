package io.github.lancedb4j.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lancedb4j.store.ReciprocalRankFusion;
import io.github.lancedb4j.store.SearchHit;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RankFusionTest {

    private static final Offset<Double> EXACT = Offset.offset(1e-12);

    @Test
    void scoresEachRowBySumOfReciprocalRanksNormalisedToTheBestPossible() {
        List<SearchHit> vector = List.of(vectorHit("a", 0.1), vectorHit("b", 0.2), vectorHit("c", 0.3));
        List<SearchHit> text = List.of(textHit("c", 9.0), textHit("a", 5.0), textHit("d", 1.0));

        List<SearchHit> fused = RankFusion.fuse(vector, text, ReciprocalRankFusion.DEFAULT, 10);

        double best = 2.0 / 61;
        assertThat(fused).extracting(SearchHit::id).containsExactly("a", "c", "b", "d");
        assertThat(fused.get(0).score()).isCloseTo((1.0 / 61 + 1.0 / 62) / best, EXACT);
        assertThat(fused.get(1).score()).isCloseTo((1.0 / 63 + 1.0 / 61) / best, EXACT);
        assertThat(fused.get(2).score()).isCloseTo((1.0 / 62) / best, EXACT);
        assertThat(fused.get(3).score()).isCloseTo((1.0 / 63) / best, EXACT);
    }

    @Test
    void aRowFirstInBothScoresOneAndKeepsEachArmsScores() {
        List<SearchHit> fused = RankFusion.fuse(List.of(vectorHit("a", 0.25)), List.of(textHit("a", 7.5)),
                ReciprocalRankFusion.DEFAULT, 5);

        SearchHit a = fused.get(0);
        assertThat(a.score()).isCloseTo(1.0, EXACT);
        assertThat(a.distance()).isEqualTo(0.25);
        assertThat(a.similarity()).isEqualTo(0.75);
        assertThat(a.textScore()).isEqualTo(7.5);
        assertThat(a.vector()).containsExactly(1f, 2f);
    }

    @Test
    void rowsFoundByOneArmHaveNoScoreOfTheOther() {
        List<SearchHit> fused = RankFusion.fuse(List.of(vectorHit("v", 0.1)), List.of(textHit("t", 3.0)),
                ReciprocalRankFusion.DEFAULT, 5);

        assertThat(fused).extracting(SearchHit::id).containsExactly("v", "t"); // a tie goes to the vector ranking
        assertThat(fused.get(0).textScore()).isNull();
        assertThat(fused.get(1).distance()).isNull();
        assertThat(fused.get(1).similarity()).isNull();
        assertThat(fused).allSatisfy(h -> assertThat(h.score()).isCloseTo(0.5, EXACT));
    }

    @Test
    void weightsShiftTheOrderAndAZeroWeightIgnoresAnArm() {
        List<SearchHit> vector = List.of(vectorHit("a", 0.1), vectorHit("b", 0.2));
        List<SearchHit> text = List.of(textHit("b", 9.0), textHit("c", 1.0));

        assertThat(RankFusion.fuse(vector, text, new ReciprocalRankFusion(60, 1, 3), 10)).extracting(SearchHit::id)
                .containsExactly("b", "c", "a");
        assertThat(RankFusion.fuse(vector, text, new ReciprocalRankFusion(60, 1, 0), 10)).extracting(SearchHit::id)
                .containsExactly("a", "b");
        List<SearchHit> textOnly = RankFusion.fuse(vector, text, new ReciprocalRankFusion(60, 0, 1), 10);
        assertThat(textOnly).extracting(SearchHit::id).containsExactly("b", "c");
        assertThat(textOnly.get(0).score()).isCloseTo(1.0, EXACT);
    }

    @Test
    void theLimitCutsTheFusedList() {
        List<SearchHit> vector = List.of(vectorHit("a", 0.1), vectorHit("b", 0.2), vectorHit("c", 0.3));
        assertThat(RankFusion.fuse(vector, List.of(), ReciprocalRankFusion.DEFAULT, 2)).extracting(SearchHit::id)
                .containsExactly("a", "b");
        assertThat(RankFusion.fuse(List.of(), List.of(), ReciprocalRankFusion.DEFAULT, 2)).isEmpty();
    }

    @Test
    void aSmallerKWidensTheGapBetweenRanks() {
        List<SearchHit> vector = List.of(vectorHit("a", 0.1), vectorHit("b", 0.2));
        double gapK60 = gap(RankFusion.fuse(vector, List.of(), ReciprocalRankFusion.DEFAULT, 2));
        double gapK1 = gap(RankFusion.fuse(vector, List.of(), ReciprocalRankFusion.DEFAULT.withK(1), 2));
        assertThat(gapK1).isGreaterThan(gapK60);
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> new ReciprocalRankFusion(0, 1, 1)).hasMessageContaining("k must be positive");
        assertThatThrownBy(() -> new ReciprocalRankFusion(60, -1, 1)).hasMessageContaining("vectorWeight");
        assertThatThrownBy(() -> new ReciprocalRankFusion(60, 1, Double.NaN)).hasMessageContaining("textWeight");
        assertThatThrownBy(() -> new ReciprocalRankFusion(60, 0, 0)).hasMessageContaining("at least one weight");
    }

    private static double gap(List<SearchHit> hits) {
        return hits.get(0).score() - hits.get(1).score();
    }

    private static SearchHit vectorHit(String id, double distance) {
        return SearchHit.ofVector(id, "text " + id, null, new float[] {1f, 2f}, distance, 1 - distance);
    }

    private static SearchHit textHit(String id, double bm25) {
        return new SearchHit(id, "text " + id, null, null, null, null, bm25, bm25);
    }
}
