package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexPolicyTest {

    private static final int DIM = 16;

    @TempDir
    Path directory;
    RootAllocator allocator;
    LanceDatabase database;
    LanceTable table;
    final Random random = new Random(3);
    int nextId;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
        database = LanceDatabase.builder().uri(directory.toString()).allocator(allocator).build();
        table = database.openTable("docs", List.of(VectorColumn.of("vector", DIM)), true);
    }

    @AfterEach
    void closeAndCheckForLeaks() {
        database.close();
        allocator.close();
    }

    @Test
    void auto_builds_an_exact_index_then_an_ann_index_then_folds_appends_in() {
        table.indexes().indexPolicy("vector", IndexPolicy.auto().withMinRows(500).withAnnRows(2_000), DistanceMetric.COSINE);

        append(400);
        assertThat(table.indexes().vectorIndexes()).isEmpty();

        append(200);
        VectorIndexInfo exact = awaitIndex(i -> i.type() == VectorIndexType.IVF_FLAT);
        assertThat(exact.partitions()).isEqualTo(1);
        assertThat(exact.metric()).isEqualTo(DistanceMetric.COSINE);

        append(1_500);
        VectorIndexInfo ann = awaitIndex(i -> i.type() == VectorIndexType.IVF_HNSW_SQ);
        assertThat(ann.indexedRows()).isGreaterThanOrEqualTo(2_000);

        append(1_200); // above the 10 % (and 1,000 rows) needed to optimize
        awaitIndex(i -> i.type() == VectorIndexType.IVF_HNSW_SQ && i.unindexedRows() == 0 && i.indexedRows() == 3_300);

        float[] probe = vector();
        table.upsert(List.of(Row.of("needle", "n", Map.of(), "vector", probe)), List.of("vector"));
        assertThat(table.search(SearchQuery.nearest("vector", probe).limit(1).build(), DistanceMetric.COSINE))
                .extracting(SearchHit::id).containsExactly("needle");
    }

    @Test
    void explicit_never_builds_by_itself() {
        table.indexes().indexPolicy("vector", IndexPolicy.explicit().withMinRows(100), DistanceMetric.COSINE);
        append(300);
        // A maintenance run, here and now, instead of sleeping and hoping the background one has run by then.
        MaintenanceStatus status = table.runMaintenance();
        assertThat(status.lastFailure()).isNull();
        assertThat(status.runs()).isPositive();
        assertThat(table.indexes().vectorIndexes()).isEmpty();
        assertThat(table.indexes().createVectorIndex("vector", VectorIndexSpec.exact(), DistanceMetric.COSINE)
                .partitions())
                .isEqualTo(1);
    }

    @Test
    void none_refuses_an_explicit_build() {
        table.indexes().indexPolicy("vector", IndexPolicy.none(), DistanceMetric.COSINE);
        append(300);
        assertThatThrownBy(() -> table.indexes().createVectorIndex("vector", VectorIndexSpec.exact(), DistanceMetric.COSINE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NONE");
    }

    @Test
    void auto_rebuilds_an_index_made_for_another_metric() {
        append(600);
        table.indexes().createVectorIndex("vector", VectorIndexSpec.exact(), DistanceMetric.L2);
        table.indexes().indexPolicy("vector", IndexPolicy.auto().withMinRows(500), DistanceMetric.COSINE);
        awaitIndex(i -> i.metric() == DistanceMetric.COSINE);
    }

    private VectorIndexInfo awaitIndex(Predicate<VectorIndexInfo> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<VectorIndexInfo> index = table.indexes().vectorIndex("vector");
            if (index.isPresent() && condition.test(index.get())) {
                return index.get();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the index never reached the expected state; it is " + table.indexes().vectorIndex("vector"));
    }

    private void append(int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(Row.of("id-" + nextId++, "t", Map.of(), "vector", vector()));
        }
        table.append(rows);
    }

    private float[] vector() {
        float[] v = new float[DIM];
        for (int k = 0; k < DIM; k++) {
            v[k] = (float) random.nextGaussian();
        }
        return v;
    }
}
