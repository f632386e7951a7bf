package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpsertAndDeleteTest {

    @TempDir
    Path directory;
    RootAllocator allocator;
    LanceDatabase database;
    LanceTable table;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
        database = LanceDatabase.builder().uri(directory.toString()).allocator(allocator).build();
        table = database.openTable("docs", List.of(VectorColumn.of("small", 3), VectorColumn.of("large", 5)), true);
    }

    @AfterEach
    void closeAndCheckForLeaks() {
        database.close();
        allocator.close();
    }

    @Test
    void upsert_replaces_rows_with_the_same_id_and_inserts_the_others() {
        table.upsert(List.of(row("a", "first a", 1f), row("b", "first b", 2f)), List.of("small"));
        table.upsert(List.of(row("a", "second a", 3f), row("c", "first c", 4f)), List.of("small"));

        assertThat(table.countRows()).isEqualTo(3);
        assertThat(textsById()).containsExactlyInAnyOrderEntriesOf(
                Map.of("a", "second a", "b", "first b", "c", "first c"));
    }

    @Test
    void the_last_row_wins_when_a_batch_repeats_an_id() {
        table.upsert(List.of(row("a", "one", 1f), row("b", "b", 2f), row("a", "two", 3f), row("a", "three", 4f)),
                List.of("small"));

        assertThat(table.countRows()).isEqualTo(2);
        assertThat(textsById()).containsEntry("a", "three");
    }

    @Test
    void one_call_is_one_commit_however_many_batches_it_takes() {
        long before = table.version();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 3 * io.github.lancedb4j.store.internal.WritePlans.WRITE_BATCH_ROWS + 17; i++) {
            rows.add(row("id-" + i, "text " + i, i));
        }
        table.upsert(rows, List.of("small"));
        assertThat(table.version()).isEqualTo(before + 1);
        assertThat(table.countRows()).isEqualTo(rows.size());

        List<String> ids = rows.stream().map(Row::id).limit(12_000).collect(Collectors.toList());
        table.delete(ids);
        assertThat(table.version()).isEqualTo(before + 2);
        assertThat(table.countRows()).isEqualTo(rows.size() - 12_000);
    }

    @Test
    void replacing_a_row_through_one_column_keeps_its_vector_in_the_other_column() {
        table.upsert(List.of(new Row("a", "text", Map.of("k", "v"),
                Map.of("small", new float[] {1, 0, 0}, "large", new float[] {1, 2, 3, 4, 5}))), List.of("small", "large"));

        table.upsert(List.of(Row.of("a", "new text", Map.of("k", "w"), "small", new float[] {0, 1, 0})), List.of("small"));

        SearchHit large = table.search(SearchQuery.nearest("large", new float[] {1, 2, 3, 4, 5}).limit(5).includeVector(true).build(),
                DistanceMetric.COSINE).get(0);
        assertThat(large.id()).isEqualTo("a");
        assertThat(large.text()).isEqualTo("new text");
        assertThat(large.metadata()).isEqualTo(Map.of("k", "w"));
        assertThat(large.vector()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void update_vectors_fills_one_column_for_existing_ids_and_ignores_unknown_ids() {
        table.upsert(List.of(row("a", "a", 1f), row("b", "b", 2f)), List.of("small"));
        assertThat(table.search(SearchQuery.nearest("large", new float[] {1, 1, 1, 1, 1}).limit(10).build(),
                DistanceMetric.COSINE)).isEmpty();

        Map<String, float[]> vectors = new HashMap<>();
        vectors.put("a", new float[] {1, 1, 1, 1, 1});
        vectors.put("unknown", new float[] {2, 2, 2, 2, 2});
        table.updateVectors("large", vectors);

        assertThat(table.countRows()).isEqualTo(2);
        List<SearchHit> hits = table.search(SearchQuery.nearest("large", new float[] {1, 1, 1, 1, 1}).limit(10).build(),
                DistanceMetric.COSINE);
        assertThat(hits).extracting(SearchHit::id).containsExactly("a");
        assertThat(hits.get(0).text()).isEqualTo("a");
    }

    @Test
    void a_search_never_returns_rows_without_a_vector_in_its_column_with_or_without_a_filter() {
        table.upsert(List.of(row("a", "a", 1f), row("b", "b", 1f), row("c", "c", 1f)), List.of("small"));
        table.updateVectors("large", Map.of("b", new float[] {1, 1, 1, 1, 1}));
        SearchQuery unfiltered = SearchQuery.nearest("large", new float[] {1, 1, 1, 1, 1}).limit(10).build();
        SearchQuery filtered = SearchQuery.nearest("large", new float[] {1, 1, 1, 1, 1}).limit(10).filter(io.github.lancedb4j.store.filter.MetadataFilter.eq("n", 1)).build();

        assertThat(table.search(unfiltered, DistanceMetric.COSINE)).extracting(SearchHit::id).containsExactly("b");
        assertThat(table.search(filtered, DistanceMetric.COSINE)).extracting(SearchHit::id).containsExactly("b");
        assertThat(table.search(filtered, DistanceMetric.L2)).extracting(SearchHit::id).containsExactly("b");
    }

    @Test
    void append_rejects_a_repeated_id_without_writing_anything() {
        long version = table.version();
        assertThatThrownBy(() -> table.append(List.of(row("a", "x", 1f), row("a", "y", 2f))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a'");
        assertThat(table.version()).isEqualTo(version);
        assertThat(table.countRows()).isZero();
    }

    @Test
    void a_bad_row_in_a_batch_leaves_the_table_as_it_was() {
        table.upsert(List.of(row("a", "a", 1f)), List.of("small"));
        long version = table.version();
        List<Row> batch = List.of(row("b", "b", 2f), Row.of("c", "c", Map.of(), "small", new float[] {1, 2}));

        assertThatThrownBy(() -> table.upsert(batch, List.of("small")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'small'").hasMessageContaining("3").hasMessageContaining("2");
        assertThat(table.version()).isEqualTo(version);
        assertThat(table.countRows()).isEqualTo(1);
    }

    @Test
    void delete_all_empties_the_table_but_keeps_its_columns() {
        table.upsert(List.of(row("a", "a", 1f), row("b", "b", 2f)), List.of("small"));
        table.deleteAll();
        assertThat(table.countRows()).isZero();
        assertThat(table.vectorColumns()).containsOnlyKeys("small", "large");
        table.upsert(List.of(row("c", "c", 3f)), List.of("small"));
        assertThat(table.countRows()).isEqualTo(1);
    }

    @Test
    void delete_by_id_ignores_absent_ids() {
        table.upsert(List.of(row("a", "a", 1f), row("b", "b", 2f)), List.of("small"));
        table.delete(List.of("a", "nope", "it's"));
        assertThat(textsById()).containsOnlyKeys("b");
    }

    @Test
    void find_returns_rows_matching_a_filter_without_vectors() {
        table.upsert(List.of(row("a", "a", 1f), row("b", "b", 2f), row("c", "c", 2f)), List.of("small"));
        assertThat(table.find(io.github.lancedb4j.store.filter.MetadataFilter.eq("n", 2), 10))
                .extracting(StoredRow::id).containsExactlyInAnyOrder("b", "c");
        assertThat(table.find(null, 2)).hasSize(2);
        assertThat(table.find(null, 10)).extracting(StoredRow::metadata).contains(Map.of("n", 1));
    }

    private Map<String, String> textsById() {
        return table.search(SearchQuery.nearest("small", new float[] {1, 1, 1}).limit(100).build(), DistanceMetric.L2)
                .stream().collect(Collectors.toMap(SearchHit::id, SearchHit::text));
    }

    private static Row row(String id, String text, float x) {
        return Row.of(id, text, Map.of("n", (int) x), "small", new float[] {x, 1, 0});
    }
}
