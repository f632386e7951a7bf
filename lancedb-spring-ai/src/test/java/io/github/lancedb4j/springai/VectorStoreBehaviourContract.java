package io.github.lancedb4j.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.ai.content.Media;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;
import org.springframework.ai.vectorstore.filter.FilterExpressionTextParser;
import org.springframework.util.MimeTypeUtils;

/** The behaviours Spring AI's own store tests check, beyond the shared base class; each test gets a fresh table. */
abstract class VectorStoreBehaviourContract {

    LanceDbVectorStore store;

    abstract TestStores stores();

    @BeforeEach
    void newStore() {
        store = stores().newStore();
    }

    final Document bgBefore = doc("1", "Bulgaria joined the European Union in 2007.", Map.of("country", "BG", "year", 2007));
    final Document nl = doc("2", "The Netherlands is famous for tulips and windmills.", Map.of("country", "NL", "year", 1957));
    final Document bgAfter = doc("3", "Sofia is the capital of Bulgaria.", Map.of("country", "BG", "year", 2023,
            "foo bar 1", "bar.foo"));

    @Test
    void adding_a_document_with_an_existing_id_replaces_it() {
        store.add(List.of(doc("same", "Spring AI is a framework for AI applications.", Map.of("v", 1))));
        store.add(List.of(doc("same", "The capital of France is Paris.", Map.of("v", 2))));

        List<Document> results = store.similaritySearch(query("capital of France", 5));
        assertThat(results).singleElement().satisfies(d -> {
            assertThat(d.getId()).isEqualTo("same");
            assertThat(d.getText()).isEqualTo("The capital of France is Paris.");
            assertThat(d.getMetadata()).containsEntry("v", 2);
        });
    }

    @Test
    void filters_on_search_use_the_whole_grammar() {
        store.add(List.of(bgBefore, nl, bgAfter));

        assertThat(ids("country == 'NL'")).containsExactly("2");
        assertThat(ids("country == 'BG'")).containsExactlyInAnyOrder("1", "3");
        assertThat(ids("country == 'BG' && year == 2023")).containsExactly("3");
        assertThat(ids("(country == 'BG' && year == 2023) || country == 'NL'")).containsExactlyInAnyOrder("2", "3");
        assertThat(ids("NOT(country == 'BG' && year == 2023)")).containsExactlyInAnyOrder("1", "2");
        assertThat(ids("year >= 2007 && year < 2023")).containsExactly("1");
        assertThat(ids("year > 1957")).containsExactlyInAnyOrder("1", "3");
        assertThat(ids("\"foo bar 1\" == 'bar.foo'")).containsExactly("3");
        assertThat(ids("country != 'BG'")).containsExactly("2");
        assertThat(ids("\"foo bar 1\" IS NULL")).containsExactlyInAnyOrder("1", "2");
        assertThat(ids("\"foo bar 1\" IS NOT NULL")).containsExactly("3");
        assertThat(ids("NOT (\"foo bar 1\" IS NULL)")).containsExactly("3");
    }

    @Test
    void a_filter_that_does_not_parse_fails_with_its_position() {
        assertThatThrownBy(() -> SearchRequest.builder().query("x").filterExpression("country == NL").build())
                .hasMessageContaining("1:");
    }

    @Test
    void in_and_not_in_filters() {
        store.add(List.of(bgBefore, nl, bgAfter));

        assertThat(ids("country in ['BG', 'NL']")).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(ids("country in ['BG', 'XX']")).containsExactlyInAnyOrder("1", "3");
        assertThat(ids("country not in ['BG']")).containsExactly("2");
        assertThat(ids("year in [2007, 2023]")).containsExactlyInAnyOrder("1", "3");
        assertThat(ids("year NOT IN [2007, 2023]")).containsExactly("2");
    }

    @Test
    void and_of_an_or_keeps_its_grouping_without_an_explicit_group() {
        store.add(List.of(bgBefore, nl, bgAfter));
        FilterExpressionBuilder b = new FilterExpressionBuilder();
        Filter.Expression e = b.and(b.or(b.eq("country", "NL"), b.eq("country", "BG")), b.eq("year", 2023)).build();

        List<Document> results = store.similaritySearch(SearchRequest.builder().query("country").topK(10)
                .similarityThresholdAll().filterExpression(e).build());

        assertThat(results).extracting(Document::getId).containsExactly("3");
    }

    @Test
    void results_are_sorted_by_score_and_the_threshold_is_inclusive() {
        store.add(List.of(bgBefore, nl, bgAfter));

        List<Document> all = store.similaritySearch(query("What is the capital of Bulgaria?", 5));
        assertThat(all).hasSize(3);
        assertThat(all.get(0).getId()).isEqualTo("3");
        assertThat(all).extracting(Document::getScore).isSortedAccordingTo((a, c) -> Double.compare(c, a));
        assertThat(all.get(0).getMetadata()).containsKey("distance");

        double first = all.get(0).getScore();
        double second = all.get(1).getScore();
        double midway = (first + second) / 2;
        List<Document> aboveMidway = store.similaritySearch(SearchRequest.builder().query("What is the capital of Bulgaria?")
                .topK(5).similarityThreshold(midway).build());
        assertThat(aboveMidway).extracting(Document::getId).containsExactly("3");

        List<Document> atSecond = store.similaritySearch(SearchRequest.builder().query("What is the capital of Bulgaria?")
                .topK(5).similarityThreshold(second).build());
        assertThat(atSecond).hasSize(2);
    }

    @Test
    void top_k_counts_only_documents_that_match_the_filter() {
        store.add(List.of(bgBefore, nl, bgAfter));
        List<Document> results = store.similaritySearch(SearchRequest.builder().query("capital of Bulgaria")
                .topK(1).similarityThresholdAll().filterExpression("country == 'NL'").build());
        assertThat(results).extracting(Document::getId).containsExactly("2");
    }

    @Test
    void documents_without_text_are_rejected_clearly() {
        Document image = Document.builder().id("img")
                .media(new Media(MimeTypeUtils.IMAGE_PNG, new org.springframework.core.io.ByteArrayResource(new byte[] {1})))
                .build();
        assertThatThrownBy(() -> store.add(List.of(image)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text");
    }

    @Test
    void metadata_types_survive_the_round_trip() {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("string", "text");
        metadata.put("empty", "");
        metadata.put("int", 42);
        metadata.put("long", Long.MAX_VALUE);
        metadata.put("float", 1.5f);
        metadata.put("double", 0.1);
        metadata.put("bool", true);
        metadata.put("uuid", UUID.fromString("6b8e3c35-4f0d-4e2f-9f1e-0d5c6b1a2e3f"));
        metadata.put("tags", List.of("a", "b"));
        store.add(List.of(doc("typed", "A document with typed metadata.", metadata)));

        Map<String, Object> read = store.similaritySearch(query("typed metadata", 1)).get(0).getMetadata();
        metadata.forEach((k, v) -> assertThat(read.get(k)).as(k).isEqualTo(v));
        assertThat(ids("bool == true")).containsExactly("typed");
        assertThat(ids("long == " + Long.MAX_VALUE + "L")).containsExactly("typed");
        assertThat(ids("double == 0.1")).containsExactly("typed");
        assertThat(ids("float >= 1.5 && int == 42")).containsExactly("typed");
    }

    @Test
    void unsupported_metadata_types_are_rejected_before_anything_is_written() {
        store.add(List.of(nl));
        long version = store.table().version();
        Document nested = doc("nested", "text", Map.of("nested", Map.of("a", 1)));
        Document date = doc("date", "text", Map.of("when", new java.util.Date()));

        assertThatThrownBy(() -> store.add(List.of(bgBefore, nested)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nested'");
        assertThatThrownBy(() -> store.add(List.of(date)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'when'");
        assertThat(store.table().version()).isEqualTo(version);
        assertThat(store.table().countRows()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BG' OR '1'='1", "BG') OR true OR ('", "BG\\' OR 1=1 --", "NL\"; DROP TABLE t; --", "%", "_G",
            "B%", "`country`"})
    void hostile_values_never_widen_a_search_or_a_delete(String hostile) {
        store.add(List.of(bgBefore, nl, bgAfter));
        FilterExpressionBuilder b = new FilterExpressionBuilder();

        assertThat(store.similaritySearch(SearchRequest.builder().query("country").topK(10).similarityThresholdAll()
                .filterExpression(b.eq("country", hostile).build()).build())).isEmpty();
        store.delete(b.eq("country", hostile).build());
        assertThat(survivors()).containsExactlyInAnyOrder("1", "2", "3");
        store.delete(b.eq(hostile, "BG").build());
        assertThat(survivors()).containsExactlyInAnyOrder("1", "2", "3");
        store.delete(b.in("country", hostile, "XX").build());
        assertThat(survivors()).containsExactlyInAnyOrder("1", "2", "3");

        // The same deletes still delete what they name: the hostile value was a value, not a disabled delete.
        store.delete(b.in("country", hostile, "NL").build());
        assertThat(survivors()).containsExactlyInAnyOrder("1", "3");
        assertThat(store.table().countRows()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"country' OR '1'='1", "country`", "country) OR (1=1", "metadata", "`metadata`", "id",
            "x'); DELETE FROM dataset; --"})
    void hostile_keys_never_widen_a_search_or_a_delete(String hostileKey) {
        store.add(List.of(bgBefore, nl, bgAfter));
        FilterExpressionBuilder b = new FilterExpressionBuilder();

        assertThat(store.similaritySearch(SearchRequest.builder().query("country").topK(10).similarityThresholdAll()
                .filterExpression(b.eq(hostileKey, "BG").build()).build())).isEmpty();
        store.delete(b.eq(hostileKey, "BG").build());
        assertThat(survivors()).as("a delete on a key no row has removes nothing")
                .containsExactlyInAnyOrder("1", "2", "3");

        store.add(List.of(doc("4", "A row that has the odd key.", Map.of(hostileKey, "x"))));
        store.delete(b.ne(hostileKey, "x").build()); // true for every row lacking the key
        assertThat(survivors()).as("only the row holding the key with that value survives").containsExactly("4");
        assertThat(store.table().countRows()).isEqualTo(1);
    }

    @Test
    void delete_by_ids_deletes_exactly_those_ids_and_ignores_unknown_ones() {
        store.add(List.of(bgBefore, nl, bgAfter));
        store.delete(List.of("2", "no-such-id"));
        assertThat(survivors()).containsExactlyInAnyOrder("1", "3");
        store.delete(List.of("1"));
        assertThat(survivors()).containsExactly("3");
    }

    @Test
    void delete_by_text_filter_deletes_exactly_the_matching_documents() {
        store.add(List.of(bgBefore, nl, bgAfter));
        store.delete("country == 'BG' && year < 2020");
        assertThat(survivors()).containsExactlyInAnyOrder("2", "3");
        store.delete("country == 'XX'");
        assertThat(survivors()).containsExactlyInAnyOrder("2", "3");
        store.delete("year >= 2000");
        assertThat(survivors()).containsExactly("2");
    }

    /** Every id left in the table, read by an unfiltered search (and checked against the row count). */
    List<String> survivors() {
        List<String> ids = store.similaritySearch(SearchRequest.builder().query("country").topK(100)
                .similarityThresholdAll().build()).stream().map(Document::getId).toList();
        assertThat(store.table().countRows()).isEqualTo(ids.size());
        return ids;
    }

    List<String> ids(String filter) {
        return store.similaritySearch(SearchRequest.builder().query("country").topK(10).similarityThresholdAll()
                .filterExpression(new FilterExpressionTextParser().parse(filter)).build())
                .stream().map(Document::getId).toList();
    }

    static SearchRequest query(String text, int topK) {
        return SearchRequest.builder().query(text).topK(topK).similarityThresholdAll().build();
    }

    static Document doc(String id, String text, Map<String, Object> metadata) {
        return Document.builder().id(id).text(text).metadata(metadata).build();
    }
}
