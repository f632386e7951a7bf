package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The index defaults the README's "Vector indexes" table and property table state, pinned on the policy objects:
 * the 10K / 100K thresholds, the index each range gets, the derived partitions, sub-vectors and bits, HNSW M and
 * efConstruction, the search tuning (nprobes, refine, ef), when appended rows are folded in, and when an index is
 * retrained because the table outgrew its partitions. No table needed: these are the decisions the background
 * maintenance takes ({@code TableMaintenance} asks the policy).
 */
class IndexDefaultsTest {

    final IndexPolicy auto = IndexPolicy.auto();

    @Test
    void auto_is_the_default_with_the_documented_thresholds() {
        assertThat(auto.mode()).isEqualTo(IndexPolicy.Mode.AUTO);
        assertThat(auto.minRows()).isEqualTo(10_000);
        assertThat(auto.annRows()).isEqualTo(100_000);
        assertThat(auto.optimizeFraction()).isEqualTo(0.1);
        assertThat(auto.promoteKeysAfter()).isEqualTo(10);
        assertThat(auto.annIndex()).isEqualTo(VectorIndexSpec.of(VectorIndexType.IVF_HNSW_SQ));
        assertThat(IndexPolicy.parse("auto")).isEqualTo(auto);
        assertThat(IndexPolicy.explicit().promoteKeysAfter()).isZero();
    }

    @Test
    void no_index_below_10k_the_exact_index_up_to_100k_then_ivf_hnsw_sq() {
        assertThat(auto.target(0)).isNull();
        assertThat(auto.target(9_999)).isNull();
        VectorIndexSpec exact = auto.target(10_000);
        assertThat(exact.isExact()).isTrue();
        assertThat(exact.type()).isEqualTo(VectorIndexType.IVF_FLAT);
        assertThat(exact.partitionsFor(50_000)).isEqualTo(1);
        assertThat(auto.target(99_999)).isEqualTo(exact);
        assertThat(auto.target(100_000).type()).isEqualTo(VectorIndexType.IVF_HNSW_SQ);
        assertThat(auto.target(5_000_000).type()).isEqualTo(VectorIndexType.IVF_HNSW_SQ);

        IndexPolicy tuned = IndexPolicy.auto().withMinRows(50_000);
        assertThat(tuned.target(49_999)).isNull();
        assertThat(tuned.target(50_000).isExact()).isTrue();
    }

    @Test
    void the_exact_index_probes_every_partition_without_refining() {
        SearchTuning tuning = VectorIndexSpec.exact().defaultTuning(3); // folded-in rows add partitions
        assertThat(tuning).isEqualTo(SearchTuning.of(3, null, null));
    }

    @Test
    void hnsw_sq_partitions_are_an_eighth_of_the_square_root_with_m_20_ef_construction_150() {
        VectorIndexSpec hnsw = auto.annIndex();
        assertThat(hnsw.partitionsFor(100_000)).isEqualTo(316 / 8);
        assertThat(hnsw.partitionsFor(1_000_000)).isEqualTo(125);
        assertThat(hnsw.partitionsFor(100)).isEqualTo(1); // never 0
        assertThat(hnsw.hnswMOrDefault()).isEqualTo(20);
        assertThat(hnsw.efConstructionOrDefault()).isEqualTo(150);
        assertThat(hnsw.withHnsw(32, 200).hnswMOrDefault()).isEqualTo(32);
        assertThat(hnsw.withHnsw(32, 200).efConstructionOrDefault()).isEqualTo(200);
        assertThat(hnsw.withPartitions(7).partitionsFor(1_000_000)).isEqualTo(7);
    }

    @Test
    void hnsw_sq_searches_probe_4_partitions_with_ef_300_and_refine_5() {
        VectorIndexSpec hnsw = auto.annIndex();
        assertThat(hnsw.defaultTuning(125)).isEqualTo(SearchTuning.of(4, 5, 300));
        assertThat(hnsw.defaultTuning(2)).isEqualTo(SearchTuning.of(2, 5, 300)); // never more than exist
        assertThat(hnsw.withSearchTuning(SearchTuning.of(null, 2, null)).defaultTuning(125))
                .isEqualTo(SearchTuning.of(4, 2, 300));
    }

    @Test
    void other_ivf_indexes_take_the_square_root_and_probe_5_percent_but_at_least_20() {
        for (VectorIndexType type : new VectorIndexType[] {VectorIndexType.IVF_PQ, VectorIndexType.IVF_FLAT,
                VectorIndexType.IVF_RQ}) {
            VectorIndexSpec spec = VectorIndexSpec.of(type);
            assertThat(spec.partitionsFor(1_000_000)).as("%s", type).isEqualTo(1_000);
            assertThat(spec.defaultTuning(1_000).nprobes()).as("%s", type).isEqualTo(50);
            assertThat(spec.defaultTuning(100).nprobes()).as("%s", type).isEqualTo(20);
            assertThat(spec.defaultTuning(10).nprobes()).as("%s", type).isEqualTo(10);
        }
        assertThat(VectorIndexSpec.of(VectorIndexType.IVF_PQ).defaultTuning(1_000).refineFactor()).isEqualTo(10);
        assertThat(VectorIndexSpec.of(VectorIndexType.IVF_RQ).defaultTuning(1_000).refineFactor()).isEqualTo(10);
        assertThat(VectorIndexSpec.of(VectorIndexType.IVF_FLAT).defaultTuning(1_000).refineFactor()).isNull();
        assertThat(VectorIndexSpec.of(VectorIndexType.IVF_PQ).defaultTuning(1_000).ef()).isNull();
    }

    @Test
    void pq_sub_vectors_are_dim_over_16_else_dim_over_8_with_8_bit_codes_rq_1_bit() {
        VectorIndexSpec pq = VectorIndexSpec.of(VectorIndexType.IVF_PQ);
        assertThat(pq.subVectorsFor(768)).isEqualTo(48);
        assertThat(pq.subVectorsFor(384)).isEqualTo(24);
        assertThat(pq.subVectorsFor(40)).isEqualTo(5);
        assertThat(pq.withSubVectors(96).subVectorsFor(768)).isEqualTo(96);
        assertThat(pq.bitsOrDefault()).isEqualTo(8);
        assertThat(VectorIndexSpec.of(VectorIndexType.IVF_RQ).bitsOrDefault()).isEqualTo(1);
        assertThat(VectorIndexSpec.MIN_ROWS_FOR_PQ).isEqualTo(256);
    }

    @Test
    void appended_rows_are_folded_in_past_10_percent_of_the_index_and_at_least_1000() {
        assertThat(auto.foldsIn(999, 2_000)).isFalse();
        assertThat(auto.foldsIn(1_000, 2_000)).isTrue();
        assertThat(auto.foldsIn(9_999, 100_000)).isFalse();
        assertThat(auto.foldsIn(10_000, 100_000)).isTrue();
        assertThat(auto.withOptimizeFraction(0.5).foldsIn(10_000, 100_000)).isFalse();
    }

    @Test
    void an_ann_index_is_retrained_once_the_table_calls_for_twice_its_partitions() {
        int trained = auto.annIndex().partitionsFor(100_000); // 39
        assertThat(auto.outgrows(trained, 100_000)).isFalse();
        assertThat(auto.outgrows(trained, 300_000)).isFalse(); // 68 partitions: still fewer than twice
        assertThat(auto.outgrows(trained, 400_000)).isTrue();  // 79 ≥ 78
        long firstRetrain = 100_000;
        while (!auto.outgrows(trained, firstRetrain)) {
            firstRetrain += 1_000;
        }
        // Twice the partitions of an eighth of √rows: about four times the rows it was trained on.
        assertThat(firstRetrain).isBetween(380_000L, 400_000L);
    }
}
