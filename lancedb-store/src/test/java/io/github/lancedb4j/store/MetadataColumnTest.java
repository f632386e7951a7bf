package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lancedb4j.store.MetadataColumn.Kind;
import io.github.lancedb4j.store.filter.FilterSql;
import io.github.lancedb4j.store.filter.MetadataFilter;
import io.github.lancedb4j.store.filter.MetadataFilter.Comparison;
import io.github.lancedb4j.store.filter.MetadataFilter.Comparison.Operator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metadata keys mirrored into typed, scalar-indexed columns filter exactly like the JSON they mirror. */
class MetadataColumnTest {

    @TempDir
    Path directory;
    RootAllocator allocator;
    LanceDatabase database;
    LanceTable typed;
    LanceTable plain;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
        database = LanceDatabase.builder().uri(directory.toString()).allocator(allocator).build();
        typed = database.openTable("typed", List.of(VectorColumn.of("vector", 2)), true);
        plain = database.openTable("plain", List.of(VectorColumn.of("vector", 2)), true);
        List<Row> rows = new ArrayList<>();
        String[] sources = {"a.md", "b.md", "it's.md", "c%_.md"};
        for (int i = 0; i < 40; i++) {
            Map<String, Object> m = new HashMap<>();
            if (i % 5 != 0) {
                m.put("source", sources[i % sources.length]);
            }
            if (i % 7 != 0) {
                m.put("year", i % 2 == 0 ? (Object) (2000 + i) : (Object) (long) (2000 + i));
            }
            if (i % 3 != 0) {
                m.put("score", i % 2 == 0 ? (Object) (i / 10.0) : (Object) (float) (i / 10.0));
            }
            m.put("draft", i % 4 == 0);
            m.put("other", "x" + i);
            rows.add(Row.of("id-" + i, "t" + i, m, "vector", new float[] {1, i}));
        }
        rows.add(Row.of("no-meta", "t", null, "vector", new float[] {1, 1}));
        typed.upsert(rows.subList(0, 20), List.of("vector"));
        typed.ensureMetadataColumn(MetadataColumn.of("source", Kind.STRING));
        typed.ensureMetadataColumn(MetadataColumn.of("year", Kind.LONG));
        typed.ensureMetadataColumn(MetadataColumn.of("score", Kind.DOUBLE));
        typed.ensureMetadataColumn(MetadataColumn.of("draft", Kind.BOOLEAN));
        typed.upsert(rows.subList(20, rows.size()), List.of("vector")); // written with the columns
        plain.upsert(rows, List.of("vector"));
    }

    @AfterEach
    void close() {
        database.close();
        allocator.close();
    }

    @Test
    void existing_rows_are_filled_and_every_index_exists() {
        assertThat(typed.metadataColumns()).containsOnlyKeys("source", "year", "score", "draft");
        List<String> indexes = typed.withDataset(ds -> ds.listIndexes());
        assertThat(indexes)
                .contains("meta_source_idx", "meta_year_idx", "meta_score_idx", "meta_draft_idx");
        assertThat(typed.countRows(MetadataFilter.eq("source", "a.md"))).isEqualTo(8);
    }

    @Test
    void typed_filters_match_exactly_what_json_filters_match() {
        List<MetadataFilter> filters = List.of(
                MetadataFilter.eq("source", "a.md"), MetadataFilter.eq("source", "it's.md"),
                new Comparison("source", Operator.NOT_EQUAL, "a.md"), new Comparison("source", Operator.GREATER_THAN, "b"),
                MetadataFilter.eq("source", 3), new Comparison("source", Operator.NOT_EQUAL, 3),
                new MetadataFilter.ContainsString("source", "%_"), new MetadataFilter.ContainsString("year", "20"),
                MetadataFilter.eq("year", 2004), MetadataFilter.eq("year", 2004L), MetadataFilter.eq("year", 2004.0),
                new Comparison("year", Operator.GREATER_THAN_OR_EQUAL, 2030), new Comparison("year", Operator.LESS_THAN, 2010.5),
                MetadataFilter.eq("year", "2004"),
                new MetadataFilter.In("year", List.of(2004, 2005L, 2006.5, "2008"), false),
                new MetadataFilter.In("year", List.of(2004, 2005L), true),
                MetadataFilter.eq("score", 0.5), MetadataFilter.eq("score", 0.5f), MetadataFilter.eq("score", 1.1f),
                new Comparison("score", Operator.GREATER_THAN, 1.1f), new Comparison("score", Operator.LESS_THAN_OR_EQUAL, 2),
                MetadataFilter.eq("draft", true), MetadataFilter.eq("draft", false),
                new Comparison("draft", Operator.NOT_EQUAL, true), MetadataFilter.eq("draft", "true"),
                new MetadataFilter.IsNull("source"), new MetadataFilter.Not(new MetadataFilter.IsNull("year")),
                MetadataFilter.and(MetadataFilter.eq("source", "b.md"), new Comparison("year", Operator.GREATER_THAN, 2010)),
                MetadataFilter.or(MetadataFilter.eq("other", "x3"), MetadataFilter.not(MetadataFilter.eq("source", "a.md"))));
        for (MetadataFilter filter : filters) {
            assertThat(ids(typed, filter)).as(filter.toString()).isEqualTo(ids(plain, filter));
        }
        assertThat(ids(typed, MetadataFilter.eq("year", 2004))).containsExactly("id-4");
    }

    @Test
    void filters_on_mirrored_keys_read_the_typed_column() {
        String sql = FilterSql.withColumns(typed.metadataColumns()).predicate(MetadataFilter.eq("source", "a.md"));
        assertThat(sql).contains("`meta_source` = 'a.md'").doesNotContain("json_get");
    }

    @Test
    void a_value_of_another_kind_is_rejected_and_the_table_is_left_as_it_was() {
        long version = typed.version();
        assertThatThrownBy(() -> typed.upsert(List.of(Row.of("bad", "t", Map.of("year", "2020"), "vector",
                new float[] {1, 2})), List.of("vector")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'year'").hasMessageContaining("meta_year").hasMessageContaining("String");
        assertThat(typed.version()).isEqualTo(version);
    }

    @Test
    void declaring_a_key_whose_rows_hold_other_types_is_refused() {
        assertThatThrownBy(() -> plain.ensureMetadataColumn(MetadataColumn.of("source", Kind.LONG)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'source'").hasMessageContaining("LONG");
        assertThat(plain.metadataColumns()).isEmpty();
        assertThatThrownBy(() -> typed.ensureMetadataColumn(MetadataColumn.of("year", Kind.STRING)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
    }

    private static Set<String> ids(LanceTable table, MetadataFilter filter) {
        Set<String> ids = new TreeSet<>();
        table.find(filter, 1000).forEach(r -> ids.add(r.id()));
        return ids;
    }
}
