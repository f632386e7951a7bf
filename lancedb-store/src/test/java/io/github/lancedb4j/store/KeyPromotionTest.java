package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lancedb4j.store.filter.MetadataFilter;
import io.github.lancedb4j.store.internal.PromotedKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Keys that filters keep using are promoted into typed, indexed columns by the automatic policy, without the user
 * declaring them; writes keep the columns filled; answers stay those of the JSON.
 */
class KeyPromotionTest extends RealTableTestBase {

    @Test
    void a_key_filters_keep_using_is_promoted_in_the_background_and_answers_do_not_change() throws Exception {
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
        table.indexes().indexPolicy("vector", IndexPolicy.auto().withMinRows(1_000).withAnnRows(1_000_000)
                .withPromoteKeysAfter(3), DistanceMetric.L2);
        table.append(rows(0, 2_000));
        MetadataFilter tenant = MetadataFilter.eq("tenant", "t7");
        List<String> before = ids(table, tenant);
        assertThat(before).hasSize(20).allMatch(id -> Integer.parseInt(id.substring(3)) % 100 == 7);
        assertThat(table.promotedMetadataKeys()).isEmpty();
        ids(table, tenant);
        ids(table, MetadataFilter.and(tenant, new MetadataFilter.Comparison("n",
                MetadataFilter.Comparison.Operator.LESS_THAN, 500)));
        await(() -> table.promotedMetadataKeys().contains("tenant"));
        assertThat(ids(table, tenant)).isEqualTo(before);

        // Rows written after the promotion fill its columns and carry its epoch.
        table.upsert(rows(5_000, 5_100), List.of("vector"));
        assertThat(ids(table, tenant)).hasSize(21).contains("id-5007");
        assertThat(table.<Long>withDataset(ds -> ds.countRows("`" + PromotedKeys.EPOCH_COLUMN + "` IS NULL")))
                .isZero();
        // The typed column answers the filter from its index.
        String column = PromotedKeys.columnName(PromotedKeys.hash("tenant"), io.github.lancedb4j.store.internal.ValueCategory.TEXT);
        assertThat(table.<Long>withDataset(ds -> ds.countRows("`" + column + "` = 't7'"))).isEqualTo(21);
        assertThat(table.<List<String>>withDataset(ds -> ds.listIndexes())).contains(column + "_idx",
                PromotedKeys.EPOCH_COLUMN + "_idx");
    }

    @Test
    void small_tables_and_other_policies_are_left_alone() throws Exception {
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
        table.indexes().indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.L2);
        table.append(rows(0, 2_000));
        for (int i = 0; i < 20; i++) {
            ids(table, MetadataFilter.eq("tenant", "t1"));
        }
        Thread.sleep(500);
        assertThat(table.promotedMetadataKeys()).isEmpty();
    }

    @Test
    void an_explicit_promotion_covers_every_type_the_key_holds() {
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
        table.append(List.of(Row.of("a", "t", Map.of("v", "5"), "vector", new float[] {1, 0}),
                Row.of("b", "t", Map.of("v", 5), "vector", new float[] {1, 1}),
                Row.of("c", "t", Map.of("v", 5.0), "vector", new float[] {1, 2}),
                Row.of("d", "t", Map.of("v", true), "vector", new float[] {1, 3})));
        table.promoteMetadataKey("v");
        assertThat(table.promotedMetadataKeys()).containsExactly("v");
        assertThat(ids(table, MetadataFilter.eq("v", "5"))).containsExactly("a");
        assertThat(ids(table, MetadataFilter.eq("v", 5))).containsExactlyInAnyOrder("b", "c");
        assertThat(ids(table, MetadataFilter.eq("v", true))).containsExactly("d");
        assertThatThrownBy(() -> table.promoteMetadataKey("absent")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("absent");
    }

    @Test
    void promoting_a_key_keeps_the_vector_index_and_its_recorded_spec() {
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
        table.indexes().indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.L2);
        table.append(rows(0, 3_000));
        VectorIndexSpec spec = VectorIndexSpec.of(VectorIndexType.IVF_FLAT).withPartitions(8)
                .withSearchTuning(SearchTuning.of(6, null, null));
        table.indexes().createVectorIndex("vector", spec, DistanceMetric.L2);
        table.promoteMetadataKey("tenant");
        VectorIndexInfo index = table.indexes().vectorIndex("vector").orElseThrow();
        assertThat(index.indexedRows()).isEqualTo(3_000);
        assertThat(index.unindexedRows()).isZero();
        assertThat(index.spec()).isEqualTo(spec);
        // ...and an index built after the promotion keeps the promotion.
        table.indexes().createVectorIndex("vector", VectorIndexSpec.exact(), DistanceMetric.L2);
        assertThat(table.promotedMetadataKeys()).containsExactly("tenant");
        assertThat(ids(table, MetadataFilter.eq("tenant", "t3"))).hasSize(30);
        try (LanceDatabase reopened = newDatabase()) {
            LanceTable again = reopened.openTable("docs", List.of(), false);
            assertThat(again.promotedMetadataKeys()).containsExactly("tenant");
            assertThat(again.indexes().vectorIndex("vector").orElseThrow().exact()).isTrue();
        }
    }

    private static List<String> ids(LanceTable table, MetadataFilter filter) {
        return table.search(SearchQuery.nearest("vector", new float[] {1, 0}).limit(100).filter(filter).build(),
                DistanceMetric.L2).stream().map(SearchHit::id).sorted().toList();
    }

    private static List<Row> rows(int from, int to) {
        List<Row> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(Row.of("id-" + i, "t", Map.of("tenant", "t" + (i % 100), "n", i), "vector",
                    new float[] {1, i / 1000f}));
        }
        return rows;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
