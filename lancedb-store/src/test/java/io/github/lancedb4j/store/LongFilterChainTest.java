package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.store.filter.FilterSql;
import io.github.lancedb4j.store.filter.MetadataFilter;
import io.github.lancedb4j.store.filter.MetadataFilter.Comparison;
import io.github.lancedb4j.store.filter.MetadataFilter.Comparison.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chains of OR / AND — what a framework builds for "any of these 50 documents" one {@code or(...)} at a time — run in
 * Lance however long they are. Lance's SQL parser refuses nesting deeper than about 40 levels; the translator nests
 * a chain of n terms log2(n) deep.
 */
class LongFilterChainTest extends RealTableTestBase {

    private LanceTable table;

    @BeforeEach
    void fill() {
        table = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            rows.add(Row.of("id-" + i, "t", Map.of("n", i, "s", "v" + i), "vector", new float[] {1, i}));
        }
        table.upsert(rows, List.of("vector"));
    }

    @Test
    void a_left_nested_or_of_a_thousand_terms_runs() {
        MetadataFilter anyOf = chain(1_000, i -> MetadataFilter.eq("n", i * 2), MetadataFilter.Or::new, true);
        assertThat(table.countRows(anyOf)).isEqualTo(1_000);
        assertThat(table.search(SearchQuery.nearest("vector", new float[] {1, 0}).limit(3).filter(anyOf).build(),
                DistanceMetric.L2)).extracting(SearchHit::id).containsExactly("id-0", "id-2", "id-4");
    }

    @Test
    void a_right_nested_and_of_a_thousand_terms_runs() {
        MetadataFilter noneOf = chain(1_000, i -> new Comparison("s", Operator.NOT_EQUAL, "v" + i),
                MetadataFilter.And::new, false);
        assertThat(table.countRows(noneOf)).isEqualTo(1_000);
        table.delete(noneOf);
        assertThat(table.countRows()).isEqualTo(1_000);
        assertThat(table.find(null, 5_000)).extracting(StoredRow::id).allMatch(id -> Integer.parseInt(id.substring(3)) < 1_000);
    }

    @Test
    void a_chain_nests_logarithmically() {
        String sql = FilterSql.render(chain(1_000, i -> MetadataFilter.eq("n", i), MetadataFilter.Or::new, true));
        int depth = 0;
        int max = 0;
        for (char c : sql.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            max = Math.max(max, depth);
        }
        // 10 levels for the chain (2^10 >= 1,000) plus the leaf's own parentheses.
        assertThat(max).isLessThanOrEqualTo(10 + 8);
    }

    private static MetadataFilter chain(int n, java.util.function.IntFunction<MetadataFilter> term,
            BinaryOperator<MetadataFilter> join, boolean leftNested) {
        MetadataFilter f = term.apply(leftNested ? 0 : n - 1);
        for (int k = 1; k < n; k++) {
            f = leftNested ? join.apply(f, term.apply(k)) : join.apply(term.apply(n - 1 - k), f);
        }
        return f;
    }
}
