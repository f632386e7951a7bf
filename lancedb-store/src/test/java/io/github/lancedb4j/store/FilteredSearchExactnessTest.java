package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.store.filter.MetadataFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A filtered search on an indexed table returns min(k, matching rows) hits, and its recall@10 against the exact
 * filtered top-10 is at least 0.95, at 0.1 %, 1 %, 10 % and 50 % selectivity, for every index type — including rows
 * appended after the index was built (searched outside the index).
 */
class FilteredSearchExactnessTest extends RealTableTestBase {

    static final int ROWS = 60_000;
    static final int APPENDED = 3_000;
    static final int DIM = 32;
    static final int K = 10;
    static final int QUERIES = 20;
    static final int[] PER_MILLE = {1, 10, 100, 500};

    @ParameterizedTest
    @EnumSource(VectorIndexType.class)
    void every_approximate_index_keeps_filtered_searches_exact_enough(VectorIndexType type) {
        check(VectorIndexSpec.of(type));
    }

    @ParameterizedTest
    @ValueSource(strings = "exact")
    void the_exact_index_is_exact_under_filters(String kind) {
        check(VectorIndexSpec.exact());
    }

    private void check(VectorIndexSpec spec) {
        Data data = Data.generate(ROWS + APPENDED, DIM, 5);
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", DIM)), true);
        table.indexes().indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.COSINE);
        table.append(data.rows(0, ROWS));
        table.indexes().createVectorIndex("vector", spec, DistanceMetric.COSINE);
        table.append(data.rows(ROWS, ROWS + APPENDED)); // not in the index
        assertThat(table.indexes().vectorIndex("vector").orElseThrow().unindexedRows()).isEqualTo(APPENDED);
        for (int perMille : PER_MILLE) {
            MetadataFilter filter = MetadataFilter.eq("g" + perMille, 1);
            double recall = 0;
            for (int q = 0; q < QUERIES; q++) {
                float[] query = data.query(q);
                Set<String> truth = data.exactTop(query, K, perMille);
                List<SearchHit> hits = table.search(SearchQuery.nearest("vector", query).limit(K).filter(filter)
                        .build(), DistanceMetric.COSINE);
                assertThat(hits).as("%s at %d per mille: hits", spec.type(), perMille).hasSize(truth.size());
                assertThat(hits).allMatch(h -> ((Number) h.metadata().get("g" + perMille)).intValue() == 1);
                Set<String> found = new HashSet<>();
                hits.forEach(h -> found.add(h.id()));
                found.retainAll(truth);
                recall += found.size() / (double) truth.size();
            }
            assertThat(recall / QUERIES).as("%s recall@10 at %.1f %%", spec.isExact() ? "exact" : spec.type(),
                    perMille / 10.0).isGreaterThanOrEqualTo(0.95);
        }
        // A filter no row matches: nothing, without an error.
        assertThat(table.search(SearchQuery.nearest("vector", data.query(0)).limit(K)
                .filter(MetadataFilter.eq("g1", 7)).build(), DistanceMetric.COSINE)).isEmpty();
    }

    /** Clustered vectors; key g<p> is 1 on p per mille of the rows (spread over the clusters), else 0. */
    record Data(float[][] vectors, float[][] queries) {

        static Data generate(int n, int dim, long seed) {
            Random random = new Random(seed);
            float[][] centres = new float[64][dim];
            for (float[] c : centres) {
                for (int k = 0; k < dim; k++) {
                    c[k] = (float) random.nextGaussian();
                }
            }
            float[][] vectors = new float[n][];
            for (int i = 0; i < n; i++) {
                vectors[i] = near(centres[random.nextInt(centres.length)], random);
            }
            float[][] queries = new float[QUERIES][];
            for (int q = 0; q < QUERIES; q++) {
                queries[q] = near(centres[random.nextInt(centres.length)], random);
            }
            return new Data(vectors, queries);
        }

        private static float[] near(float[] centre, Random random) {
            float[] v = new float[centre.length];
            for (int k = 0; k < v.length; k++) {
                v[k] = centre[k] + (float) (0.5 * random.nextGaussian());
            }
            return v;
        }

        List<Row> rows(int from, int to) {
            List<Row> rows = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                rows.add(Row.of("id-" + i, "t", Map.of("g1", match(i, 1), "g10", match(i, 10), "g100", match(i, 100),
                        "g500", match(i, 500)), "vector", vectors[i]));
            }
            return rows;
        }

        static int match(int i, int perMille) {
            return Math.floorMod(i * 7919, 1000) < perMille ? 1 : 0;
        }

        float[] query(int q) {
            return queries[q];
        }

        Set<String> exactTop(float[] q, int k, int perMille) {
            int[] best = new int[k];
            double[] sims = new double[k];
            Arrays.fill(sims, Double.NEGATIVE_INFINITY);
            double qn = norm(q);
            for (int i = 0; i < vectors.length; i++) {
                if (match(i, perMille) != 1) {
                    continue;
                }
                double sim = dot(vectors[i], q) / (norm(vectors[i]) * qn);
                if (sim > sims[k - 1]) {
                    int pos = k - 1;
                    while (pos > 0 && sims[pos - 1] < sim) {
                        sims[pos] = sims[pos - 1];
                        best[pos] = best[pos - 1];
                        pos--;
                    }
                    sims[pos] = sim;
                    best[pos] = i;
                }
            }
            Set<String> ids = new HashSet<>();
            for (int j = 0; j < k; j++) {
                if (sims[j] > Double.NEGATIVE_INFINITY) {
                    ids.add("id-" + best[j]);
                }
            }
            return ids;
        }

        private static double dot(float[] a, float[] b) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += a[i] * b[i];
            }
            return s;
        }

        private static double norm(float[] a) {
            return Math.sqrt(dot(a, a));
        }
    }
}
