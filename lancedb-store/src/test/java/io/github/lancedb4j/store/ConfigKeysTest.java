package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An index build and a key promotion each record something in the table config (the index spec; the promoted keys).
 * Lance's Java {@code updateConfig} replaces the whole config, so without care each erased the other: a promotion
 * lost the index's tuning, and the next index build lost the promoted keys (filters fell back to the JSON).
 */
class ConfigKeysTest extends RealTableTestBase {

    @Test
    void an_index_build_keeps_promoted_keys_and_a_promotion_keeps_the_index_spec() {
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
        table.indexes().indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.L2);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            rows.add(Row.of("id-" + i, "t", Map.of("tenant", "t" + (i % 10), "n", i), "vector", new float[] {1, i}));
        }
        table.append(rows);

        table.promoteMetadataKey("tenant");
        table.indexes().createVectorIndex("vector", VectorIndexSpec.exact(), DistanceMetric.L2);
        assertThat(table.promotedMetadataKeys()).containsExactly("tenant");
        assertThat(config(table)).anySatisfy(k -> assertThat(k).contains("index.vector"));

        table.promoteMetadataKey("n");
        assertThat(table.promotedMetadataKeys()).containsExactlyInAnyOrder("tenant", "n");
        assertThat(config(table)).anySatisfy(k -> assertThat(k).contains("index.vector"));
    }

    private static List<String> config(LanceTable table) {
        return table.withDataset(ds -> List.copyOf(ds.getConfig().keySet()));
    }
}
