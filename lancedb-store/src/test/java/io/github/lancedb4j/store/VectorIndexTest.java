package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorIndexTest {

    private static final int DIM = 32;

    @TempDir
    Path directory;
    RootAllocator allocator;
    LanceDatabase database;
    LanceTable table;
    final Random random = new Random(42);

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
    void an_empty_table_gets_a_clear_error_instead_of_an_index() {
        assertThatThrownBy(() -> table.indexes().createVectorIndex("vector", VectorIndexSpec.of(VectorIndexType.IVF_PQ),
                DistanceMetric.COSINE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'vector'").hasMessageContaining("no vectors yet");
        assertThat(table.indexes().vectorIndexes()).isEmpty();
    }

    @Test
    void ivf_pq_needs_256_vectors_and_says_so() {
        table.append(rows(0, 200));
        long version = table.version();
        assertThatThrownBy(() -> table.indexes().createVectorIndex("vector", VectorIndexSpec.of(VectorIndexType.IVF_PQ),
                DistanceMetric.COSINE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256").hasMessageContaining("200");
        assertThat(table.version()).isEqualTo(version);

        VectorIndexInfo flat = table.indexes().createVectorIndex("vector", VectorIndexSpec.of(VectorIndexType.IVF_FLAT),
                DistanceMetric.COSINE);
        assertThat(flat.type()).isEqualTo(VectorIndexType.IVF_FLAT);
        assertThat(flat.partitions()).isEqualTo(14); // round(sqrt(200))
        assertThat(flat.indexedRows()).isEqualTo(200);
        assertThat(flat.metric()).isEqualTo(DistanceMetric.COSINE);
    }

    @Test
    void more_partitions_than_vectors_is_rejected() {
        table.append(rows(0, 50));
        assertThatThrownBy(() -> table.indexes().createVectorIndex("vector",
                VectorIndexSpec.of(VectorIndexType.IVF_FLAT).withPartitions(100), DistanceMetric.COSINE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100 partitions").hasMessageContaining("50 vectors");
    }

    @Test
    void the_exact_index_returns_exactly_what_a_full_scan_returns() {
        table.append(rows(0, 1000));
        List<float[]> queries = vectors(20);
        List<List<String>> scanned = search(queries, null);

        VectorIndexInfo exact = table.indexes().createVectorIndex("vector", VectorIndexSpec.exact(), DistanceMetric.COSINE);

        assertThat(exact.partitions()).isEqualTo(1);
        assertThat(search(queries, null)).isEqualTo(scanned);
    }

    @Test
    void the_exact_index_stays_exact_after_appends_are_folded_in() {
        List<Row> all = rows(0, 24_000);
        List<float[]> queries = vectors(30);
        LanceTable reference = database.openTable("reference", List.of(VectorColumn.of("vector", DIM)), true);
        reference.append(all);
        List<List<String>> scanned = search(reference, queries, null);

        table.append(all.subList(0, 12_000));
        table.indexes().createVectorIndex("vector", VectorIndexSpec.exact(), DistanceMetric.COSINE);
        table.append(all.subList(12_000, 24_000));
        table.indexes().optimizeVectorIndexes(); // Lance may split the single partition here

        assertThat(table.indexes().vectorIndex("vector")).get().satisfies(i -> {
            assertThat(i.exact()).isTrue();
            assertThat(i.unindexedRows()).isZero();
            assertThat(i.partitions()).as("Lance split the partition, which probing only one would miss").isGreaterThan(1);
        });
        assertThat(search(queries, null)).isEqualTo(scanned);
        assertThat(table.indexes().createVectorIndex("vector", VectorIndexSpec.of(VectorIndexType.IVF_FLAT), DistanceMetric.COSINE)
                .exact()).isFalse();
        List<String> indexNames = table.withDataset(ds -> ds.listIndexes());
        assertThat(indexNames).as("the exact index is replaced, not kept beside the new one")
                .containsExactly("vector_idx");
    }

    @Test
    void every_index_type_finds_the_nearest_rows_with_its_default_tuning() {
        table.append(rows(0, 2000));
        List<float[]> queries = vectors(20);
        List<List<String>> exact = search(queries, null);
        for (VectorIndexType type : VectorIndexType.values()) {
            table.indexes().createVectorIndex("vector", VectorIndexSpec.of(type), DistanceMetric.COSINE);
            assertThat(table.indexes().vectorIndex("vector")).get().extracting(VectorIndexInfo::type).isEqualTo(type);
            assertThat(recall(exact, search(queries, null))).as(type.name()).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void rows_appended_after_the_build_are_found_and_optimize_folds_them_in() {
        table.append(rows(0, 600));
        table.indexes().createVectorIndex("vector", VectorIndexSpec.of(VectorIndexType.IVF_PQ), DistanceMetric.COSINE);
        List<Row> later = rows(600, 650);
        table.append(later);

        assertThat(table.indexes().vectorIndex("vector")).get().extracting(VectorIndexInfo::unindexedRows).isEqualTo(50L);
        for (Row row : later.subList(0, 5)) {
            assertThat(table.search(SearchQuery.nearest("vector", row.vectors().get("vector")).limit(1).build(),
                    DistanceMetric.COSINE)).extracting(SearchHit::id).containsExactly(row.id());
        }

        table.indexes().optimizeVectorIndexes();

        assertThat(table.indexes().vectorIndex("vector")).get().satisfies(i -> {
            assertThat(i.unindexedRows()).isZero();
            assertThat(i.indexedRows()).isEqualTo(650);
        });
    }

    @Test
    void searches_keep_running_while_an_index_is_built() throws Exception {
        table.append(rows(0, 20_000));
        float[] query = vectors(1).get(0);
        CompletableFuture<VectorIndexInfo> build = CompletableFuture.supplyAsync(() -> table.indexes().createVectorIndex("vector",
                VectorIndexSpec.of(VectorIndexType.IVF_PQ).withPartitions(64), DistanceMetric.COSINE));
        AtomicInteger duringBuild = new AtomicInteger();
        while (!build.isDone()) {
            List<SearchHit> hits = table.search(SearchQuery.nearest("vector", query).limit(10).build(), DistanceMetric.COSINE);
            assertThat(hits).hasSize(10);
            if (!build.isDone()) {
                duringBuild.incrementAndGet();
            }
        }
        assertThat(build.get().indexedRows()).isEqualTo(20_000);
        assertThat(duringBuild.get()).as("searches completed while the index was being built").isGreaterThan(3);
    }

    @Test
    void a_search_by_another_metric_than_the_index_falls_back_to_an_exact_scan() {
        table.append(rows(0, 1000));
        List<float[]> queries = vectors(10);
        List<List<String>> exactL2 = searchBy(queries, DistanceMetric.L2);
        table.indexes().createVectorIndex("vector", VectorIndexSpec.of(VectorIndexType.IVF_PQ).withPartitions(8),
                DistanceMetric.COSINE);

        assertThat(searchBy(queries, DistanceMetric.L2)).isEqualTo(exactL2);
    }

    @Test
    void a_large_k_with_refine_raises_hnsw_ef_as_lance_requires() {
        table.append(rows(0, 2000));
        table.indexes().createVectorIndex("vector", VectorIndexSpec.of(VectorIndexType.IVF_HNSW_SQ), DistanceMetric.COSINE);
        assertThat(table.search(SearchQuery.nearest("vector", vectors(1).get(0)).limit(50).tuning(SearchTuning.of(2, 5, 20)).build(),
                DistanceMetric.COSINE)).hasSize(50);
    }

    @Test
    void per_query_tuning_overrides_the_index_defaults() {
        table.append(rows(0, 2000));
        List<float[]> queries = vectors(20);
        List<List<String>> exact = search(queries, null);
        table.indexes().createVectorIndex("vector", VectorIndexSpec.of(VectorIndexType.IVF_FLAT).withPartitions(40),
                DistanceMetric.COSINE);

        assertThat(recall(exact, search(queries, SearchTuning.of(40, null, null)))).isEqualTo(1.0);
        assertThat(recall(exact, search(queries, SearchTuning.of(1, null, null)))).isLessThan(1.0);
    }

    @Test
    void dropping_the_index_returns_to_exact_search() {
        table.append(rows(0, 300));
        table.indexes().createVectorIndex("vector", VectorIndexSpec.of(VectorIndexType.IVF_FLAT), DistanceMetric.COSINE);
        table.indexes().dropVectorIndex("vector");
        assertThat(table.indexes().vectorIndexes()).isEmpty();
    }

    private double recall(List<List<String>> exact, List<List<String>> found) {
        int hits = 0;
        int total = 0;
        for (int i = 0; i < exact.size(); i++) {
            List<String> e = exact.get(i);
            total += e.size();
            hits += (int) found.get(i).stream().filter(e::contains).count();
        }
        return (double) hits / total;
    }

    private List<List<String>> search(List<float[]> queries, SearchTuning tuning) {
        return search(table, queries, tuning);
    }

    private static List<List<String>> search(LanceTable table, List<float[]> queries, SearchTuning tuning) {
        List<List<String>> results = new ArrayList<>();
        for (float[] q : queries) {
            results.add(table.search(SearchQuery.nearest("vector", q).limit(10).tuning(tuning).build(), DistanceMetric.COSINE)
                    .stream().map(SearchHit::id).toList());
        }
        return results;
    }

    private List<List<String>> searchBy(List<float[]> queries, DistanceMetric metric) {
        List<List<String>> results = new ArrayList<>();
        for (float[] q : queries) {
            results.add(table.search(SearchQuery.nearest("vector", q).limit(10).build(), metric)
                    .stream().map(SearchHit::id).toList());
        }
        return results;
    }

    /** Clustered vectors: 20 centres with noise, like real embeddings rather than uniform noise. */
    private final float[][] centres = centres();

    private float[][] centres() {
        Random r = new Random(7);
        float[][] c = new float[20][DIM];
        for (float[] centre : c) {
            for (int k = 0; k < DIM; k++) {
                centre[k] = (float) r.nextGaussian();
            }
        }
        return c;
    }

    private List<float[]> vectors(int n) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] centre = centres[random.nextInt(centres.length)];
            float[] v = new float[DIM];
            for (int k = 0; k < DIM; k++) {
                v[k] = centre[k] + (float) (0.5 * random.nextGaussian());
            }
            out.add(v);
        }
        return out;
    }

    private List<Row> rows(int from, int to) {
        List<float[]> vectors = vectors(to - from);
        List<Row> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(Row.of("id-" + i, "text " + i, Map.of("i", i), "vector", vectors.get(i - from)));
        }
        return rows;
    }
}
