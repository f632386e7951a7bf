package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lancedb4j.store.filter.MetadataFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hybrid search on a real table: a vector arm and a full-text arm on one version, the filter on both, fused by
 * reciprocal rank fusion.
 */
class HybridSearchTest extends RealTableTestBase {

    static final String COLUMN = "vector";
    /** The query vector: near the "semantic" rows, far from the row holding the code. */
    static final float[] QUERY = {1f, 0f, 0f, 0f};

    LanceTable table;

    @BeforeEach
    void openTable() {
        table = db.openTable("docs", List.of(VectorColumn.of(COLUMN, 4)), true);
        table.indexes().fullTextIndexPolicy(IndexPolicy.Mode.AUTO, FullTextIndexSpec.defaults());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // Near the query vector, about payment errors in general.
            rows.add(Row.of("near" + i, "Payment service reported a generic failure number " + i,
                    Map.of("team", i % 2 == 0 ? "red" : "blue"), COLUMN, new float[] {1f, 0.01f * (i + 1), 0f, 0f}));
        }
        rows.add(Row.of("code", "Incident ZX-4521: card tokens rejected", Map.of("team", "red"), COLUMN,
                new float[] {0f, 0f, 1f, 0f}));
        rows.add(Row.of("codeBlue", "Incident ZX-4521 follow-up", Map.of("team", "blue"), COLUMN,
                new float[] {0f, 0f, 0f, 1f}));
        table.upsert(rows, List.of(COLUMN));
    }

    @Test
    void aLiteralCodeIsFoundByFullTextAndHybridButNotByVectorSearch() {
        List<SearchHit> vector = table.search(SearchQuery.nearest(COLUMN, QUERY).limit(5).build(), DistanceMetric.COSINE);
        List<SearchHit> text = table.search(SearchQuery.fullText("ZX-4521").limit(5).build(), DistanceMetric.COSINE);
        List<SearchHit> hybrid = table.search(SearchQuery.hybrid(COLUMN, QUERY, "ZX-4521").limit(5).build(),
                DistanceMetric.COSINE);

        assertThat(vector).extracting(SearchHit::id).doesNotContain("code", "codeBlue");
        assertThat(text).extracting(SearchHit::id).containsExactlyInAnyOrder("code", "codeBlue");
        assertThat(hybrid).extracting(SearchHit::id).contains("code", "codeBlue", "near0");
        assertThat(hybrid).extracting(SearchHit::score).isSortedAccordingTo((a, b) -> Double.compare(b, a))
                .allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
    }

    @Test
    void eachHybridHitKeepsTheScoresOfTheArmsThatFoundIt() {
        List<SearchHit> hybrid = table.search(SearchQuery.hybrid(COLUMN, QUERY, "payment failure ZX-4521")
                .limit(40).candidates(40).build(), DistanceMetric.COSINE);

        SearchHit near0 = hit(hybrid, "near0");
        assertThat(near0.distance()).isNotNull();
        assertThat(near0.similarity()).isNotNull();
        assertThat(near0.textScore()).isNotNull(); // "payment" and "failure" are in its text
        SearchHit code = hit(hybrid, "code");
        assertThat(code.textScore()).isPositive();
        assertThat(code.distance()).as("found by the vector arm too: 40 candidates cover every row").isNotNull();

        List<SearchHit> few = table.search(SearchQuery.hybrid(COLUMN, QUERY, "ZX-4521").limit(3).candidates(3).build(),
                DistanceMetric.COSINE);
        assertThat(few).filteredOn(h -> h.id().startsWith("code")).allSatisfy(h -> {
            assertThat(h.distance()).isNull();
            assertThat(h.textScore()).isPositive();
        });
        assertThat(few).filteredOn(h -> h.id().startsWith("near")).allSatisfy(h -> assertThat(h.textScore()).isNull());
    }

    @Test
    void theFilterRestrictsBothArmsBeforeRanking() {
        MetadataFilter blue = MetadataFilter.eq("team", "blue");

        List<SearchHit> hybrid = table.search(SearchQuery.hybrid(COLUMN, QUERY, "ZX-4521").filter(blue).limit(4).build(),
                DistanceMetric.COSINE);

        assertThat(hybrid).hasSize(4).allSatisfy(h -> assertThat(h.metadata()).containsEntry("team", "blue"));
        assertThat(hybrid).extracting(SearchHit::id).contains("codeBlue", "near1").doesNotContain("code", "near0");
        assertThat(hit(hybrid, "codeBlue").textScore()).isPositive();
    }

    @Test
    void weightsLeanTheResultTowardsOneArm() {
        SearchQuery.Builder base = SearchQuery.hybrid(COLUMN, QUERY, "ZX-4521").limit(3);
        List<SearchHit> vectorOnly = table.search(base.fusion(new ReciprocalRankFusion(60, 1, 0)).build(),
                DistanceMetric.COSINE);
        List<SearchHit> textOnly = table.search(base.fusion(new ReciprocalRankFusion(60, 0, 1)).build(),
                DistanceMetric.COSINE);
        List<SearchHit> textHeavy = table.search(base.fusion(new ReciprocalRankFusion(60, 1, 5)).build(),
                DistanceMetric.COSINE);

        assertThat(vectorOnly).extracting(SearchHit::id).containsExactly("near0", "near1", "near2");
        assertThat(textOnly).extracting(SearchHit::id).containsExactlyInAnyOrder("code", "codeBlue");
        assertThat(textHeavy.subList(0, 2)).extracting(SearchHit::id).containsExactlyInAnyOrder("code", "codeBlue");
        assertThat(textHeavy.get(2).id()).isEqualTo("near0");
    }

    @Test
    void aBlankTextLeavesOnlyTheVectorRanking() {
        List<SearchHit> hybrid = table.search(SearchQuery.hybrid(COLUMN, QUERY, "  ").limit(3).build(),
                DistanceMetric.COSINE);
        assertThat(hybrid).extracting(SearchHit::id).containsExactly("near0", "near1", "near2");
        assertThat(hybrid.get(0).score()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(table.search(SearchQuery.hybrid(COLUMN, QUERY, null).limit(3).build(), DistanceMetric.COSINE))
                .extracting(SearchHit::id).containsExactly("near0", "near1", "near2");
    }

    @Test
    void rowsWrittenAfterTheIndexAreFoundByTheTextArm() {
        assertThat(table.indexes().fullTextIndex()).get().extracting(FullTextIndexInfo::indexedRows).isEqualTo(0L);
        table.append(List.of(Row.of("late", "Late incident QQ-777", Map.of("team", "red"), COLUMN,
                new float[] {0f, 1f, 1f, 1f})));

        List<SearchHit> hybrid = table.search(SearchQuery.hybrid(COLUMN, QUERY, "qq-777").limit(3).build(),
                DistanceMetric.COSINE);
        assertThat(hybrid).extracting(SearchHit::id).contains("late");
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        assertThatThrownBy(() -> table.search(SearchQuery.hybrid(COLUMN, new float[] {1f, 0f}, "x").build(),
                DistanceMetric.COSINE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
        assertThatThrownBy(() -> table.search(SearchQuery.hybrid("nope", QUERY, "x").build(), DistanceMetric.COSINE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no vector column 'nope'");
        assertThatThrownBy(() -> SearchQuery.fullText(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SearchQuery.hybrid(COLUMN, QUERY, "x").candidates(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static SearchHit hit(List<SearchHit> hits, String id) {
        return hits.stream().filter(h -> h.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + hits));
    }
}
