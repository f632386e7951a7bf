package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lancedb4j.store.filter.MetadataFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Full-text (BM25) search of a real table: ranking, scores, filters, index life cycle, rows written after a build. */
class FullTextSearchTest extends RealTableTestBase {

    static final String COLUMN = "vector";

    LanceTable table;

    @BeforeEach
    void openTable() {
        table = db.openTable("docs", List.of(VectorColumn.of(COLUMN, 4)), true);
        table.indexes().fullTextIndexPolicy(IndexPolicy.Mode.EXPLICIT, FullTextIndexSpec.defaults());
        table.upsert(List.of(
                row("fox", "The quick brown fox jumps over the lazy dog", "animals", 1),
                row("bears", "Brown bears eat honey and salmon in the autumn", "animals", 2),
                row("error", "Build failed with error ERR-4521 in module payments", "ops", 3),
                row("zebra", "A brown zebra appears on the horizon", "animals", 4),
                row("cafe", "The café serves a naïve résumé of espresso", "food", 5),
                row("runners", "Running runners run every morning", "sport", 6)), List.of(COLUMN));
    }

    @Test
    void ranksByBm25BestFirstWithScoresRelativeToTheBestHit() {
        table.indexes().createFullTextIndex(FullTextIndexSpec.defaults());

        List<SearchHit> hits = search("brown bears", 10, null);

        assertThat(hits).extracting(SearchHit::id).first().isEqualTo("bears");
        assertThat(hits).extracting(SearchHit::id).containsExactlyInAnyOrder("bears", "fox", "zebra");
        assertThat(hits.get(0).score()).isEqualTo(1.0);
        assertThat(hits).allSatisfy(h -> {
            assertThat(h.textScore()).isPositive();
            assertThat(h.score()).isEqualTo(h.textScore() / hits.get(0).textScore());
            assertThat(h.distance()).isNull();
            assertThat(h.similarity()).isNull();
        });
        assertThat(hits).extracting(SearchHit::textScore).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(hits.get(0).text()).isEqualTo("Brown bears eat honey and salmon in the autumn");
        assertThat(hits.get(0).metadata()).containsEntry("topic", "animals").containsEntry("n", 2);
    }

    @Test
    void findsALiteralCodeThroughItsParts() {
        table.indexes().createFullTextIndex(FullTextIndexSpec.defaults());
        assertThat(search("ERR-4521", 3, null)).extracting(SearchHit::id).containsExactly("error");
        assertThat(search("4521", 3, null)).extracting(SearchHit::id).containsExactly("error");
    }

    @Test
    void normalisesCaseAccentsAndStems() {
        table.indexes().createFullTextIndex(FullTextIndexSpec.defaults());
        assertThat(search("CAFE NAIVE", 3, null)).extracting(SearchHit::id).containsExactly("cafe");
        assertThat(search("run", 3, null)).extracting(SearchHit::id).containsExactly("runners");
    }

    @Test
    void theFilterIsAppliedBeforeRankingSoTheLimitCountsMatchingRowsOnly() {
        table.indexes().createFullTextIndex(FullTextIndexSpec.defaults());
        MetadataFilter onlyZebra = MetadataFilter.eq("n", 4);

        // "fox" and "bears" rank above "zebra" for "brown", but do not match the filter.
        assertThat(search("brown", 1, onlyZebra)).extracting(SearchHit::id).containsExactly("zebra");
        assertThat(search("brown", 10, MetadataFilter.eq("topic", "ops"))).isEmpty();
    }

    @Test
    void withoutAnIndexOnlyExactCaseSensitiveWordsMatch() {
        // Lance's scan without an index splits text but neither lower-cases, stems nor folds it: the reason the
        // automatic policy builds the index at once, even on an empty table.
        assertThat(table.indexes().fullTextIndex()).isEmpty();
        assertThat(search("brown", 10, null)).extracting(SearchHit::id).containsExactlyInAnyOrder("fox", "zebra");
        assertThat(search("Brown", 10, null)).extracting(SearchHit::id).containsExactly("bears");
        assertThat(search("ERR-4521", 10, MetadataFilter.eq("topic", "ops"))).extracting(SearchHit::id)
                .containsExactly("error");

        table.indexes().createFullTextIndex(FullTextIndexSpec.defaults());
        assertThat(search("brown", 10, null)).extracting(SearchHit::id).containsExactlyInAnyOrder("fox", "zebra", "bears");
    }

    @Test
    void rowsWrittenAfterTheBuildAreFoundAndOptimizeFoldsThemIn() {
        table.indexes().createFullTextIndex(FullTextIndexSpec.defaults());
        table.append(List.of(row("late", "A late arrival with code ZX-99 and a brown hat", "ops", 7)));
        table.upsert(List.of(row("error", "Build fixed, see ticket QA-7", "ops", 3)), List.of(COLUMN));
        table.delete(List.of("zebra"));

        assertThat(table.indexes().fullTextIndex()).get().extracting(FullTextIndexInfo::unindexedRows).isEqualTo(2L);
        assertThat(search("ZX-99", 5, null)).extracting(SearchHit::id).containsExactly("late");
        assertThat(search("QA-7", 5, null)).extracting(SearchHit::id).containsExactly("error");
        assertThat(search("ERR-4521", 5, null)).as("the replaced text is gone").isEmpty();
        assertThat(search("zebra", 5, null)).as("the deleted row is gone").isEmpty();
        assertThat(search("brown", 10, null)).extracting(SearchHit::id).containsExactlyInAnyOrder("fox", "bears", "late");

        table.indexes().optimizeFullTextIndex();

        FullTextIndexInfo index = table.indexes().fullTextIndex().orElseThrow();
        assertThat(index.unindexedRows()).isZero();
        assertThat(search("ZX-99", 5, null)).extracting(SearchHit::id).containsExactly("late");
        assertThat(search("ERR-4521", 5, null)).isEmpty();
        assertThat(search("brown", 10, null)).extracting(SearchHit::id).containsExactlyInAnyOrder("fox", "bears", "late");
    }

    @Test
    void theLimitKeepsTheBestMatchesWhateverPartOfTheTableIsIndexed() {
        // Many rows share a common word, two hold the rare one; storage order puts the common ones first.
        LanceTable t = db.openTable("ranked", List.of(VectorColumn.of(COLUMN, 4)), true);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(row("common" + i, "KB-" + (7000 + i) + ": how to change setting " + i, "ops", i));
        }
        rows.add(row("rare1", "KB-7731: rotate the webhook secret", "ops", 20));
        rows.add(row("rare2", "KB-7731 was reported on the billing page", "ops", 21));
        String question = "Which article covers KB-7731?";

        t.append(rows);
        assertThat(ids(t, question, 2)).as("no index").containsExactlyInAnyOrder("rare1", "rare2");
        t.indexes().dropFullTextIndex();
        LanceTable empty = db.openTable("emptyIndex", List.of(VectorColumn.of(COLUMN, 4)), true);
        empty.indexes().createFullTextIndex(FullTextIndexSpec.defaults());
        empty.append(rows);
        assertThat(ids(empty, question, 2)).as("index built on the empty table").containsExactlyInAnyOrder("rare1", "rare2");
        empty.indexes().optimizeFullTextIndex();
        assertThat(ids(empty, question, 2)).as("all indexed").containsExactlyInAnyOrder("rare1", "rare2");
        LanceTable partly = db.openTable("partlyIndexed", List.of(VectorColumn.of(COLUMN, 4)), true);
        partly.append(rows.subList(0, 1));
        partly.indexes().createFullTextIndex(FullTextIndexSpec.defaults());
        partly.append(rows.subList(1, rows.size()));
        assertThat(ids(partly, question, 2)).as("one row indexed").containsExactlyInAnyOrder("rare1", "rare2");
    }

    private static List<String> ids(LanceTable t, String text, int limit) {
        return t.search(SearchQuery.fullText(text).limit(limit).build(), DistanceMetric.COSINE).stream()
                .map(SearchHit::id).toList();
    }

    @Test
    void aTextWithoutTermsMatchesNothingWithOrWithoutUnindexedRows() {
        table.indexes().createFullTextIndex(FullTextIndexSpec.defaults());
        for (String empty : List.of("", "   ", "!!!", "the and of", "'", "\\", "--")) {
            assertThat(search(empty, 5, null)).as("indexed, [%s]", empty).isEmpty();
        }
        table.append(List.of(row("late", "unindexed row", "ops", 7)));
        for (String empty : List.of("", "   ", "!!!", "the and of", "'", "\\", "--")) {
            assertThat(search(empty, 5, null)).as("with unindexed rows, [%s]", empty).isEmpty();
        }
    }

    @Test
    void phraseSearchMatchesAdjacentTermsInOrder() {
        table.indexes().createFullTextIndex(FullTextIndexSpec.defaults().withPositions(true));
        table.append(List.of(row("reversed", "the fox was brown", "animals", 8)));

        List<SearchHit> phrase = table.search(SearchQuery.fullText("brown fox").textMatch(TextMatch.PHRASE).build(),
                DistanceMetric.COSINE);
        List<SearchHit> anyTerm = table.search(SearchQuery.fullText("brown fox").build(), DistanceMetric.COSINE);

        assertThat(phrase).extracting(SearchHit::id).containsExactly("fox");
        assertThat(anyTerm).extracting(SearchHit::id).contains("fox", "reversed", "bears");
    }

    @Test
    void phraseSearchOnAnIndexWithoutPositionsSaysHowToFixIt() {
        table.indexes().createFullTextIndex(FullTextIndexSpec.defaults().withPositions(false));

        assertThatThrownBy(() -> table.search(SearchQuery.fullText("brown fox").textMatch(TextMatch.PHRASE).build(),
                DistanceMetric.COSINE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positions").hasMessageContaining("docs");
        assertThat(search("brown fox", 5, null)).isNotEmpty();
    }

    @Test
    void hitsCarryTheStoresVectorWhenAsked() {
        List<SearchHit> hits = table.search(SearchQuery.fullText("ERR-4521").includeVector(true).build()
                .toBuilder().build(), DistanceMetric.COSINE);
        assertThat(hits.get(0).vector()).isNull(); // a full-text query names no vector column
        assertThat(table.search(SearchQuery.fullText("ERR-4521").includeVector(COLUMN).build().toBuilder().build(),
                DistanceMetric.COSINE).get(0).vector()).containsExactly(vector(3));
        assertThatThrownBy(() -> table.search(SearchQuery.fullText("x").includeVector("nope").build(),
                DistanceMetric.COSINE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> SearchQuery.nearest(COLUMN, new float[4]).includeVector("other"))
                .isInstanceOf(IllegalArgumentException.class);

        SearchQuery withColumn = SearchQuery.hybrid(COLUMN, new float[] {1, 0, 0, 0}, "ERR-4521")
                .fusion(new ReciprocalRankFusion(60, 0, 1)).includeVector(true).build();
        assertThat(table.search(withColumn, DistanceMetric.COSINE).get(0).vector())
                .containsExactly(vector(3));
    }

    @Test
    void rebuildingWithOtherSettingsReplacesTheIndex() {
        table.indexes().createFullTextIndex(FullTextIndexSpec.defaults());
        assertThat(search("run", 3, null)).extracting(SearchHit::id).containsExactly("runners");

        FullTextIndexInfo rebuilt = table.indexes().createFullTextIndex(FullTextIndexSpec.defaults().withStemming(false));

        assertThat(rebuilt.spec().stem()).isFalse();
        assertThat(rebuilt.indexedRows()).isEqualTo(6);
        assertThat(search("run", 3, null)).extracting(SearchHit::id).containsExactly("runners"); // "run" is a word there
        assertThat(search("runner", 3, null)).as("no stemming: runner != runners").isEmpty();
        table.indexes().dropFullTextIndex();
        assertThat(table.indexes().fullTextIndex()).isEmpty();
    }

    @Test
    void theIndexReportsTheSettingsItWasBuiltWith() {
        List<FullTextIndexSpec> specs = List.of(FullTextIndexSpec.defaults(),
                FullTextIndexSpec.defaults().withPositions(true).withStopWords(false).withMaxTokenLength(30),
                FullTextIndexSpec.defaults().withLanguage(FullTextIndexSpec.Language.GERMAN).withAsciiFolding(false),
                FullTextIndexSpec.defaults().withTokenizer(FullTextIndexSpec.Tokenizer.WHITESPACE).withLowerCase(false),
                FullTextIndexSpec.defaults().withTokenizer(FullTextIndexSpec.Tokenizer.NGRAM).withNgramLengths(2, 4)
                        .withStemming(false).withStopWords(false),
                FullTextIndexSpec.defaults().withLanguage(FullTextIndexSpec.Language.TURKISH));
        for (FullTextIndexSpec spec : specs) {
            assertThat(table.indexes().createFullTextIndex(spec).spec()).isEqualTo(spec);
            assertThat(table.indexes().fullTextIndex()).get().extracting(FullTextIndexInfo::spec).isEqualTo(spec);
        }
    }

    @Test
    void theNgramTokenizerFindsPartsOfWords() {
        table.upsert(List.of(row("glued", "failure code ERR4521X in the log", "ops", 9)), List.of(COLUMN));
        table.indexes().createFullTextIndex(FullTextIndexSpec.defaults().withTokenizer(FullTextIndexSpec.Tokenizer.NGRAM)
                .withStemming(false).withStopWords(false));
        assertThat(search("4521", 3, null)).extracting(SearchHit::id).contains("glued", "error");
    }

    @Test
    void aPolicyOfNoneRefusesAnExplicitBuild() {
        table.indexes().fullTextIndexPolicy(IndexPolicy.Mode.NONE, FullTextIndexSpec.defaults());
        assertThatThrownBy(() -> table.indexes().createFullTextIndex(FullTextIndexSpec.defaults()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NONE");
        assertThat(search("Brown", 10, null)).extracting(SearchHit::id).containsExactly("bears");
    }

    private List<SearchHit> search(String text, int limit, MetadataFilter filter) {
        return table.search(SearchQuery.fullText(text).limit(limit).filter(filter).build(), DistanceMetric.COSINE);
    }

    static Row row(String id, String text, String topic, int n) {
        return Row.of(id, text, Map.of("topic", topic, "n", n), COLUMN, vector(n));
    }

    static float[] vector(int n) {
        List<Float> v = new ArrayList<>(List.of(1f, 0.1f * n, (float) Math.sin(n), (float) Math.cos(n)));
        float[] out = new float[4];
        for (int i = 0; i < 4; i++) {
            out[i] = v.get(i);
        }
        return out;
    }
}
