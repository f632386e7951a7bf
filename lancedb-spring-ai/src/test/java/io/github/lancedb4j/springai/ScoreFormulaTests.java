package io.github.lancedb4j.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.SearchTuning;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.DocumentMetadata;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.vectorstore.SearchRequest;

/**
 * {@link Document#getScore()} against values computed here from the vectors: the cosine similarity for cosine,
 * {@code dot} for DOT, {@code 1 − squaredL2 / 2} for L2 — all equal to the cosine similarity for unit vectors, and
 * each its own for shorter ones — with metadata {@code distance} holding Lance's raw distance ({@code 1 − cos},
 * {@code 1 − dot}, squared L2); on a scan and through an IVF_FLAT index probing every partition.
 */
class ScoreFormulaTests {

    static final int DIMENSION = 8;
    static final int ROWS = 300;
    static final int PARTITIONS = 4;
    static final String QUERY = "the query";

    @TempDir
    static Path directory;
    static TestStores stores;

    @BeforeAll
    static void open() {
        stores = TestStores.local(directory);
    }

    @AfterAll
    static void close() {
        stores.close();
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
    void unit_vectors_score_their_cosine_similarity(DistanceMetric metric, boolean indexed) {
        Random random = new Random(21);
        Map<String, float[]> vectors = vectors(random, 1.0, 1.0);
        vectors.put(QUERY, scaled(direction(random), 1.0));

        List<Document> hits = search(metric, vectors, indexed);

        assertThat(hits).extracting(Document::getId).containsExactlyElementsOf(exactTop(vectors, metric, 40));
        float[] query = vectors.get(QUERY);
        for (Document hit : hits) {
            float[] row = vectors.get(hit.getId());
            assertThat(hit.getScore()).as("score of %s", hit.getId())
                    .isCloseTo(cosine(query, row), within(1e-4))
                    .isCloseTo(expectedScore(metric, query, row), within(1e-4));
            assertThat(((Number) hit.getMetadata().get(DocumentMetadata.DISTANCE.value())).doubleValue())
                    .isCloseTo(rawDistance(metric, query, row), within(1e-4));
        }
        assertThat(hits).extracting(Document::getScore).isSortedAccordingTo(Comparator.<Double>reverseOrder());
    }

    @ParameterizedTest(name = "{0}, indexed: {1}")
    @MethodSource("cases")
    void shorter_vectors_score_by_each_metrics_own_formula(DistanceMetric metric, boolean indexed) {
        Random random = new Random(22);
        Map<String, float[]> vectors = vectors(random, 0.1, 1.0);
        vectors.put(QUERY, scaled(direction(random), 0.6));

        List<Document> hits = search(metric, vectors, indexed);

        assertThat(hits).extracting(Document::getId).containsExactlyElementsOf(exactTop(vectors, metric, 40));
        float[] query = vectors.get(QUERY);
        int differingFromCosine = 0;
        for (Document hit : hits) {
            float[] row = vectors.get(hit.getId());
            double expected = switch (metric) {
                case COSINE -> cosine(query, row);
                case DOT -> dot(query, row);
                case L2 -> 1 - squaredL2(query, row) / 2;
            };
            assertThat(hit.getScore()).as("score of %s", hit.getId()).isCloseTo(expected, within(1e-4));
            assertThat(((Number) hit.getMetadata().get(DocumentMetadata.DISTANCE.value())).doubleValue())
                    .isCloseTo(rawDistance(metric, query, row), within(1e-4));
            if (Math.abs(expected - cosine(query, row)) > 0.02) {
                differingFromCosine++;
            }
        }
        if (metric != DistanceMetric.COSINE) {
            assertThat(differingFromCosine).as("DOT and L2 told apart from cosine").isGreaterThan(hits.size() / 2);
        }
        assertThat(hits).extracting(Document::getScore).isSortedAccordingTo(Comparator.<Double>reverseOrder());
    }

    private static List<Document> search(DistanceMetric metric, Map<String, float[]> vectors, boolean indexed) {
        LanceDbVectorStore store = LanceDbVectorStore.builder(new VectorsByText(vectors)).database(stores.database())
                .tableName("t_" + UUID.randomUUID().toString().replace("-", "")).dimensions(DIMENSION)
                .distance(metric).indexPolicy(IndexPolicy.explicit()).initializeSchema(true).build();
        store.add(vectors.keySet().stream().filter(id -> !id.equals(QUERY))
                .map(id -> new Document(id, id, Map.of())).toList());
        SearchRequest request = SearchRequest.builder().query(QUERY).topK(40).build();
        if (!indexed) {
            return store.similaritySearch(request);
        }
        store.createIndex(VectorIndexSpec.of(VectorIndexType.IVF_FLAT).withPartitions(PARTITIONS));
        assertThat(store.index()).as("the search goes through an index").isPresent();
        return store.similaritySearch(request, SearchTuning.of(PARTITIONS, null, null));
    }

    private static List<String> exactTop(Map<String, float[]> vectors, DistanceMetric metric, int k) {
        float[] query = vectors.get(QUERY);
        return vectors.entrySet().stream().filter(e -> !e.getKey().equals(QUERY))
                .sorted(Comparator.comparingDouble(e -> rawDistance(metric, query, e.getValue())))
                .limit(k).map(Map.Entry::getKey).toList();
    }

    private static double expectedScore(DistanceMetric metric, float[] query, float[] row) {
        return switch (metric) {
            case COSINE -> cosine(query, row);
            case DOT -> dot(query, row);
            case L2 -> 1 - squaredL2(query, row) / 2;
        };
    }

    private static double rawDistance(DistanceMetric metric, float[] query, float[] row) {
        return switch (metric) {
            case COSINE -> 1 - cosine(query, row);
            case DOT -> 1 - dot(query, row);
            case L2 -> squaredL2(query, row);
        };
    }

    private static Map<String, float[]> vectors(Random random, double minNorm, double maxNorm) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < ROWS; i++) {
            out.put("r" + i, scaled(direction(random), minNorm + (maxNorm - minNorm) * random.nextDouble()));
        }
        return out;
    }

    private static float[] direction(Random random) {
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

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += (double) a[k] * b[k];
        }
        return sum;
    }

    private static double squaredL2(float[] a, float[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            double d = (double) a[k] - b[k];
            sum += d * d;
        }
        return sum;
    }

    private static double cosine(float[] a, float[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }

    /** An embedding model that returns the vector this test chose for each text. */
    private record VectorsByText(Map<String, float[]> vectors) implements EmbeddingModel {
        VectorsByText {
            vectors = new HashMap<>(vectors);
        }

        @Override
        public EmbeddingResponse call(EmbeddingRequest request) {
            List<Embedding> out = new ArrayList<>();
            for (String text : request.getInstructions()) {
                out.add(new Embedding(embed(text), out.size()));
            }
            return new EmbeddingResponse(out);
        }

        @Override
        public float[] embed(Document document) {
            return embed(document.getText());
        }

        @Override
        public float[] embed(String text) {
            float[] v = vectors.get(text);
            if (v == null) {
                throw new IllegalArgumentException("no vector for " + text);
            }
            return v;
        }

        @Override
        public int dimensions() {
            return DIMENSION;
        }
    }
}
