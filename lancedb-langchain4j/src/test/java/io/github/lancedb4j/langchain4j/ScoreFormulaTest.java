package io.github.lancedb4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.SearchTuning;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's score formulas, computed here from the vectors and compared with what a search returns: cosine
 * {@code (1 + cos) / 2}, DOT {@code (1 + dot) / 2}, L2 {@code 1 − squaredL2 / 4} — equal to the cosine score for unit
 * vectors, different (and still exact) for vectors shorter than 1, clamped to [0, 1] in Lance's order for longer
 * ones — on a scan and through a vector index (IVF_FLAT probing every partition, which returns exact distances).
 */
class ScoreFormulaTest {

    static final int DIMENSION = 8;
    static final int ROWS = 300;
    static final int PARTITIONS = 4;

    @TempDir
    static Path directory;
    static TestDatabases databases;

    @BeforeAll
    static void open() {
        databases = TestDatabases.local(directory);
    }

    @AfterAll
    static void close() {
        databases.close();
    }

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DistanceMetric metric : DistanceMetric.values()) {
            out.add(Arguments.of(metric, false));
            out.add(Arguments.of(metric, true));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}, indexed: {1}")
    @MethodSource("cases")
    void unit_vectors_score_as_cosine_does(DistanceMetric metric, boolean indexed) {
        Random random = new Random(11);
        Map<String, float[]> rows = rows(random, i -> 1.0);
        LanceDbEmbeddingStore store = store(metric, rows, indexed);
        float[] query = scaled(randomDirection(random), 1.0);

        List<EmbeddingMatch<?>> matches = search(store, query, 40, indexed);

        assertThat(matches).extracting(EmbeddingMatch::embeddingId).containsExactlyElementsOf(exactTop(rows, query,
                metric, 40));
        for (EmbeddingMatch<?> match : matches) {
            float[] row = rows.get(match.embeddingId());
            assertThat(match.score()).as("score of %s", match.embeddingId())
                    .isCloseTo(expectedScore(metric, query, row), within(1e-4))
                    .isCloseTo((1 + cosine(query, row)) / 2, within(1e-4));
        }
        assertDescending(matches);
    }

    @ParameterizedTest(name = "{0}, indexed: {1}")
    @MethodSource("cases")
    void shorter_vectors_follow_each_metrics_own_formula(DistanceMetric metric, boolean indexed) {
        Random random = new Random(12);
        // Norms in [0.1, 1]: (1 + dot) / 2 and 1 − squaredL2 / 4 stay inside [0, 1], so nothing is clamped.
        Map<String, float[]> rows = rows(random, i -> 0.1 + 0.9 * random.nextDouble());
        LanceDbEmbeddingStore store = store(metric, rows, indexed);
        float[] query = scaled(randomDirection(random), 0.6);

        List<EmbeddingMatch<?>> matches = search(store, query, 40, indexed);

        assertThat(matches).extracting(EmbeddingMatch::embeddingId).containsExactlyElementsOf(exactTop(rows, query,
                metric, 40));
        int differingFromCosine = 0;
        for (EmbeddingMatch<?> match : matches) {
            float[] row = rows.get(match.embeddingId());
            double expected = switch (metric) {
                case COSINE -> (1 + cosine(query, row)) / 2;
                case DOT -> (1 + dot(query, row)) / 2;
                case L2 -> 1 - squaredL2(query, row) / 4;
            };
            assertThat(match.score()).as("score of %s", match.embeddingId()).isCloseTo(expected, within(1e-4));
            if (Math.abs(expected - (1 + cosine(query, row)) / 2) > 0.01) {
                differingFromCosine++;
            }
        }
        // The vectors are short enough that DOT and L2 scores are not the cosine score: the formulas were told apart.
        if (metric != DistanceMetric.COSINE) {
            assertThat(differingFromCosine).isGreaterThan(matches.size() / 2);
        }
        assertDescending(matches);
    }

    @ParameterizedTest(name = "{0}, indexed: {1}")
    @MethodSource("cases")
    void longer_vectors_are_clamped_to_zero_and_one_in_lances_order(DistanceMetric metric, boolean indexed) {
        Random random = new Random(13);
        Map<String, float[]> rows = rows(random, i -> 2.0 + 3.0 * random.nextDouble());
        LanceDbEmbeddingStore store = store(metric, rows, indexed);
        float[] query = scaled(randomDirection(random), 3.0);

        List<EmbeddingMatch<?>> matches = search(store, query, 40, indexed);

        assertThat(matches).extracting(EmbeddingMatch::embeddingId).containsExactlyElementsOf(exactTop(rows, query,
                metric, 40));
        for (EmbeddingMatch<?> match : matches) {
            double unclamped = expectedScore(metric, query, rows.get(match.embeddingId()));
            assertThat(match.score()).isBetween(0.0, 1.0)
                    .isCloseTo(Math.max(0, Math.min(1, unclamped)), within(1e-4));
        }
        if (metric != DistanceMetric.COSINE) {
            assertThat(matches).extracting(EmbeddingMatch::score).as("some scores were clamped")
                    .containsAnyOf(0.0, 1.0);
        }
    }

    private static LanceDbEmbeddingStore store(DistanceMetric metric, Map<String, float[]> rows, boolean indexed) {
        LanceDbEmbeddingStore store = LanceDbEmbeddingStore.builder().database(databases.database())
                .tableName(TestDatabases.uniqueTableName()).dimension(DIMENSION).distance(metric)
                .indexPolicy(IndexPolicy.explicit()).build();
        List<Embedding> embeddings = rows.values().stream().map(Embedding::from).toList();
        store.addAll(new ArrayList<>(rows.keySet()), embeddings, null);
        if (indexed) {
            store.createIndex(VectorIndexSpec.of(VectorIndexType.IVF_FLAT).withPartitions(PARTITIONS));
            assertThat(store.index()).as("the search goes through an index").isPresent();
        }
        return store;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<EmbeddingMatch<?>> search(LanceDbEmbeddingStore store, float[] query, int k, boolean indexed) {
        EmbeddingSearchRequest request = EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(query))
                .maxResults(k).build();
        // Every partition probed: the index then returns the exact neighbours, with exact distances.
        List matches = indexed ? store.search(request, SearchTuning.of(PARTITIONS, null, null)).matches()
                : store.search(request).matches();
        return matches;
    }

    /** The k nearest ids by the metric's own distance, computed here. */
    private static List<String> exactTop(Map<String, float[]> rows, float[] query, DistanceMetric metric, int k) {
        Comparator<Map.Entry<String, float[]>> byDistance = Comparator.comparingDouble(e -> switch (metric) {
            case COSINE -> 1 - cosine(query, e.getValue());
            case DOT -> 1 - dot(query, e.getValue());
            case L2 -> squaredL2(query, e.getValue());
        });
        return rows.entrySet().stream().sorted(byDistance).limit(k).map(Map.Entry::getKey).toList();
    }

    static double expectedScore(DistanceMetric metric, float[] query, float[] row) {
        return switch (metric) {
            case COSINE -> (1 + cosine(query, row)) / 2;
            case DOT -> (1 + dot(query, row)) / 2;
            case L2 -> 1 - squaredL2(query, row) / 4;
        };
    }

    private static void assertDescending(List<EmbeddingMatch<?>> matches) {
        assertThat(matches).extracting(EmbeddingMatch::score)
                .isSortedAccordingTo(Comparator.<Double>naturalOrder().reversed());
    }

    private static Map<String, float[]> rows(Random random, java.util.function.IntToDoubleFunction norm) {
        Map<String, float[]> rows = new LinkedHashMap<>();
        for (int i = 0; i < ROWS; i++) {
            rows.put("r" + i, scaled(randomDirection(random), norm.applyAsDouble(i)));
        }
        return rows;
    }

    private static float[] randomDirection(Random random) {
        double[] v = new double[DIMENSION];
        double norm = 0;
        for (int k = 0; k < DIMENSION; k++) {
            v[k] = random.nextGaussian();
            norm += v[k] * v[k];
        }
        float[] out = new float[DIMENSION];
        for (int k = 0; k < DIMENSION; k++) {
            out[k] = (float) (v[k] / Math.sqrt(norm));
        }
        return out;
    }

    private static float[] scaled(float[] v, double norm) {
        float[] out = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = (float) (v[k] * norm);
        }
        return out;
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += (double) a[k] * b[k];
        }
        return sum;
    }

    static double squaredL2(float[] a, float[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            double d = (double) a[k] - b[k];
            sum += d * d;
        }
        return sum;
    }

    static double cosine(float[] a, float[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }
}
