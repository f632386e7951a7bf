package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.store.filter.MetadataFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile query texts in full-text and hybrid searches against a real table: whatever the user types is data — it
 * never fails the search, never widens it to rows that share no word with it, never narrows it by operators, and
 * leaves the table as it was.
 */
class FullTextInjectionTest extends RealTableTestBase {

    private static final String COLUMN = "vector";
    private static final float[] QUERY = {1f, 0f, 0f, 0f};
    /** Words in the control rows that no hostile string holds. */
    private static final List<String> CONTROL_WORDS = List.of("zymurgy", "quixotic", "fjord", "marzipan");

    private LanceTable table;
    private int tables;

    static Stream<String> hostileTexts() {
        return Stream.concat(FilterInjectionTest.hostileStrings(), Stream.of(
                "\"brown fox\"",
                "brown -fox",
                "+ferret -ferret",
                "NOT ferret",
                "ferret*",
                "fe?ret",
                "ferret~2",
                "text:ferret",
                "id:holder OR text:*",
                "{\"match\": {\"column\": \"id\", \"terms\": \"x\"}}",
                "(a OR b) AND c",
                "\u202Eright-to-left\u202C",
                "\uFEFFbom",
                "emoji 👍🏽 family 👨‍👩‍👧",
                "e\u0301 combining",
                "   leading and trailing   ",
                "word ".repeat(5_000)));
    }

    @BeforeEach
    void freshTableName() {
        tables++;
    }

    @ParameterizedTest
    @MethodSource("hostileTexts")
    void aHostileFullTextQueryMatchesOnlyRowsSharingItsWords(String h) {
        assertThat(CONTROL_WORDS).noneMatch(w -> h.toLowerCase().contains(w));
        LanceTable table = tableHolding(h);

        Set<String> byText = ids(table.search(SearchQuery.fullText(h).limit(100).build(), DistanceMetric.COSINE));
        assertThat(byText).as("full-text [%s]", h).isSubsetOf("holder", "holderTwice");

        Set<String> withWord = ids(table.search(SearchQuery.fullText("needle " + h).limit(100).build(),
                DistanceMetric.COSINE));
        assertThat(withWord).as("full-text [needle %s]", h).contains("holder").isSubsetOf("holder", "holderTwice",
                "needleOnly");

        Set<String> phrase = ids(table.search(SearchQuery.fullText(h).textMatch(TextMatch.PHRASE).limit(100).build(),
                DistanceMetric.COSINE));
        assertThat(phrase).as("phrase [%s]", h).isSubsetOf("holder", "holderTwice");

        Set<String> filtered = ids(table.search(SearchQuery.fullText("needle " + h).filter(MetadataFilter.eq("k", "b"))
                .limit(100).build(), DistanceMetric.COSINE));
        assertThat(filtered).as("filtered [%s]", h).containsExactly("needleOnly");

        List<SearchHit> hybrid = table.search(SearchQuery.hybrid(COLUMN, QUERY, h).limit(100).build(),
                DistanceMetric.COSINE);
        assertThat(ids(hybrid)).as("hybrid [%s]: the vector arm ranks every row", h).hasSize(6);
        assertThat(hybrid).filteredOn(hit -> hit.textScore() != null).extracting(SearchHit::id)
                .as("hybrid [%s]: rows the text arm found", h).isSubsetOf("holder", "holderTwice");

        // Nothing was changed, and the text came back as it was stored.
        assertThat(table.countRows()).isEqualTo(6);
        assertThat(table.find(MetadataFilter.eq("k", "a"), 10)).extracting(StoredRow::text)
                .containsExactly("needle " + h + " haystack");
    }

    @Test
    void quotesDoNotMakeAPhraseAndOperatorsDoNotExcludeOrRequire() {
        LanceTable table = tableHolding("unused");
        table.append(List.of(
                Row.of("forward", "the brown fox", Map.of(), COLUMN, QUERY),
                Row.of("reversed", "the fox was brown", Map.of(), COLUMN, QUERY),
                Row.of("brownie", "a brownie recipe", Map.of(), COLUMN, QUERY)));

        assertThat(textIds(table, "\"brown fox\"")).contains("forward", "reversed");
        assertThat(textIds(table, "brown -fox")).contains("forward", "reversed");
        assertThat(textIds(table, "NOT brown")).contains("forward", "reversed");
        assertThat(textIds(table, "fox AND zzzabsent")).contains("forward", "reversed");
        assertThat(textIds(table, "text:brown")).contains("forward", "reversed");
        assertThat(textIds(table, "brow*")).isEmpty();
        assertThat(textIds(table, "b?own")).isEmpty();
        assertThat(textIds(table, "brwn~1")).isEmpty();
        assertThat(textIds(table, "' OR 1=1 --")).isEmpty();
        assertThat(textIds(table, "') OR true OR ('")).isEmpty();
    }

    private Set<String> textIds(LanceTable table, String text) {
        return ids(table.search(SearchQuery.fullText(text).limit(100).build(), DistanceMetric.COSINE));
    }

    /** A row holding h between two words, one holding it twice, one holding only "needle", three control rows. */
    private LanceTable tableHolding(String h) {
        LanceTable t = db.openTable("t" + tables, List.of(VectorColumn.of(COLUMN, 4)), true);
        t.indexes().fullTextIndexPolicy(IndexPolicy.Mode.AUTO, FullTextIndexSpec.defaults().withPositions(true));
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of("holder", "needle " + h + " haystack", Map.of("k", "a"), COLUMN, new float[] {1, 0.1f, 0, 0}));
        rows.add(Row.of("needleOnly", "needle " + CONTROL_WORDS.get(0), Map.of("k", "b"), COLUMN,
                new float[] {1, 0.2f, 0, 0}));
        for (int i = 1; i < CONTROL_WORDS.size(); i++) {
            rows.add(Row.of("control" + i, CONTROL_WORDS.get(i) + " " + CONTROL_WORDS.get(i - 1), Map.of("k", "c"),
                    COLUMN, new float[] {1, 0.3f * i, 0, 0}));
        }
        t.upsert(rows, List.of(COLUMN));
        // Half indexed, half scanned: both of Lance's paths see the hostile text.
        t.indexes().createFullTextIndex(FullTextIndexSpec.defaults().withPositions(true));
        t.append(List.of(Row.of("holderTwice", h + " " + h, Map.of("k", "d"), COLUMN, new float[] {0, 1, 0, 0})));
        return t;
    }

    private static Set<String> ids(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::id).collect(Collectors.toCollection(TreeSet::new));
    }
}
