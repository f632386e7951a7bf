package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.store.internal.IndexManager;
import io.github.lancedb4j.testing.LogCapture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README: "A search whose distance differs from the index's (e.g. an L2 store on a cosine index) cannot use it:
 * the store logs a warning once and scans every vector on purpose, instead of Lance's silent fallback."
 */
class IndexMetricMismatchTest {

    static final int DIM = 8;

    @TempDir
    Path directory;
    RootAllocator allocator;
    LanceDatabase database;
    LanceTable table;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
        database = LanceDatabase.builder().uri(directory.toString()).allocator(allocator).build();
        table = database.openTable("docs", List.of(VectorColumn.of("vector", DIM)), true);
        table.indexes().indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.COSINE);
    }

    @AfterEach
    void closeAndCheckForLeaks() {
        database.close();
        allocator.close();
    }

    @Test
    void a_search_by_another_metric_warns_once_and_scans_every_vector() {
        Random random = new Random(4);
        List<Row> rows = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            float[] v = TestVectors.gaussian(random, DIM);
            vectors.add(v);
            rows.add(Row.of("id-" + i, "t", Map.of(), "vector", v));
        }
        table.append(rows);
        // An index of 8 partitions probed one at a time would miss neighbours: only a scan finds them all.
        table.indexes().createVectorIndex("vector", VectorIndexSpec.of(VectorIndexType.IVF_FLAT).withPartitions(8)
                .withSearchTuning(SearchTuning.of(1, null, null)), DistanceMetric.L2);

        try (LogCapture logs = LogCapture.of(IndexManager.class, "DEBUG")) {
            for (int i = 0; i < 5; i++) {
                List<SearchHit> hits = table.search(SearchQuery.nearest("vector", vectors.get(i)).limit(50).build(),
                        DistanceMetric.COSINE);
                assertThat(hits).hasSize(50);
                assertThat(hits.get(0).id()).isEqualTo("id-" + i);
                assertThat(hits).extracting(SearchHit::id).containsExactlyElementsOf(exactCosineTop(vectors,
                        vectors.get(i), 50));
            }
            List<LogCapture.Line> warnings = logs.lines("WARN");
            assertThat(warnings).as("one warning for five searches").hasSize(1);
            assertThat(warnings.get(0).message()).contains("'vector'", "'docs'", "COSINE", "L2", "scan every vector");

            // A search by the index's own metric uses the index and says nothing.
            table.search(SearchQuery.nearest("vector", vectors.get(0)).limit(5).build(), DistanceMetric.L2);
            assertThat(logs.lines("WARN")).hasSize(1);
        }
    }

    private static List<String> exactCosineTop(List<float[]> vectors, float[] query, int k) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparingDouble(i -> -TestVectors.cosine(vectors.get(i), query)));
        return order.subList(0, k).stream().map(i -> "id-" + i).toList();
    }
}
