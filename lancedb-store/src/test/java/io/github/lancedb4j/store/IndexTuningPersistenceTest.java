package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The spec an index was built with — its search tuning — is recorded in the table and survives a restart. */
class IndexTuningPersistenceTest extends RealTableTestBase {

    @Test
    void search_tuning_chosen_at_build_time_applies_after_a_restart_and_in_other_processes() {
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 16)), true);
        table.indexes().indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.L2);
        Random random = new Random(5);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            float[] v = new float[16];
            for (int k = 0; k < v.length; k++) {
                v[k] = random.nextFloat();
            }
            rows.add(Row.of("id-" + i, "t", Map.of(), "vector", v));
        }
        table.append(rows);
        VectorIndexSpec spec = VectorIndexSpec.of(VectorIndexType.IVF_PQ).withPartitions(8).withSubVectors(4)
                .withSearchTuning(SearchTuning.of(7, 3, null));
        VectorIndexInfo built = table.indexes().createVectorIndex("vector", spec, DistanceMetric.L2);
        assertThat(built.searchTuning()).isEqualTo(SearchTuning.of(7, 3, null));

        try (LanceDatabase restarted = newDatabase()) {
            VectorIndexInfo reopened = restarted.openTable("docs", List.of(), false).indexes().vectorIndex("vector").orElseThrow();
            assertThat(reopened.spec()).isEqualTo(spec);
            assertThat(reopened.searchTuning()).isEqualTo(SearchTuning.of(7, 3, null));
            assertThat(reopened.partitions()).isEqualTo(8);
        }
        table.indexes().dropVectorIndex("vector");
        assertThat(table.<Map<String, String>>withDataset(ds -> ds.getConfig())).doesNotContainKey("lancedb4j.index.vector");
    }
}
