package io.github.lancedb4j.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.vectorstore.SearchRequest;

/**
 * Through Spring AI's API, on an indexed table: a filtered search returns min(topK, matching documents) documents
 * with recall@10 ≥ 0.95 against the exact filtered top-10, at 0.1, 1, 10 and 50 % selectivity, for every index type,
 * with documents added after the build, on a promoted key and on a key read from the JSON.
 */
class FilteredSearchRecallTests {

    static final int ROWS = 60_000;
    static final int APPENDED = 2_000;
    static final int DIM = 16;
    static final int QUERIES = 10;
    static final int[] PER_MILLE = {1, 10, 100, 500};

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"IVF_FLAT", "IVF_PQ", "IVF_HNSW_SQ", "IVF_RQ", "exact"})
    void filtered_searches_keep_their_count_and_recall(String index) {
        Random random = new Random(23);
        float[][] centres = new float[48][DIM];
        for (float[] c : centres) {
            for (int k = 0; k < DIM; k++) {
                c[k] = (float) random.nextGaussian();
            }
        }
        TableModel model = new TableModel();
        float[][] vectors = new float[ROWS + APPENDED][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = near(centres[random.nextInt(centres.length)], random);
            model.vectors.put("row " + i, vectors[i]);
        }
        try (LanceDbVectorStore store = LanceDbVectorStore.builder(model).uri(directory.toString()).dimensions(DIM)
                .initializeSchema(true).indexPolicy(IndexPolicy.explicit()).build()) {
            add(store, 0, ROWS);
            store.createIndex(index.equals("exact") ? VectorIndexSpec.exact()
                    : VectorIndexSpec.of(VectorIndexType.valueOf(index)));
            add(store, ROWS, ROWS + APPENDED); // searched outside the index
            store.table().promoteMetadataKey("promoted");
            int q = 0;
            for (int perMille : PER_MILLE) {
                for (String key : List.of("promoted", "json")) {
                    double recall = 0;
                    for (int n = 0; n < QUERIES; n++) {
                        float[] query = near(centres[random.nextInt(centres.length)], random);
                        String text = "query " + q++;
                        model.vectors.put(text, query);
                        Set<String> truth = exactTop(vectors, query, perMille);
                        List<Document> hits = store.similaritySearch(SearchRequest.builder().query(text).topK(10)
                                .filterExpression(key + " == 'g" + perMille + "'").build());
                        assertThat(hits).as("%s, key %s, %.1f %%: documents", index, key, perMille / 10.0)
                                .hasSize(truth.size());
                        Set<String> found = new HashSet<>();
                        hits.forEach(d -> found.add(d.getId()));
                        found.retainAll(truth);
                        recall += found.size() / (double) truth.size();
                    }
                    assertThat(recall / QUERIES).as("%s, key %s, recall@10 at %.1f %%", index, key, perMille / 10.0)
                            .isGreaterThanOrEqualTo(0.95);
                }
            }
        }
    }

    private static void add(LanceDbVectorStore store, int from, int to) {
        List<Document> documents = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String group = group(i);
            documents.add(new Document("id-" + i, "row " + i, Map.of("promoted", group, "json", group)));
        }
        store.add(documents);
    }

    private static String group(int i) {
        int bucket = Math.floorMod(i * 7919, 1000);
        return bucket < 1 ? "g1" : bucket < 11 ? "g10" : bucket < 111 ? "g100" : bucket < 611 ? "g500" : "other";
    }

    private static Set<String> exactTop(float[][] vectors, float[] q, int perMille) {
        String wanted = "g" + perMille;
        int k = 10;
        int[] best = new int[k];
        double[] sims = new double[k];
        Arrays.fill(sims, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < vectors.length; i++) {
            if (!group(i).equals(wanted)) {
                continue;
            }
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int d = 0; d < DIM; d++) {
                dot += vectors[i][d] * q[d];
                na += vectors[i][d] * vectors[i][d];
                nb += q[d] * q[d];
            }
            double sim = dot / Math.sqrt(na * nb);
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

    private static float[] near(float[] centre, Random random) {
        float[] v = new float[centre.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = centre[k] + (float) (0.5 * random.nextGaussian());
        }
        return v;
    }

    /** A model that knows the vector of each text it will be asked about. */
    static final class TableModel implements EmbeddingModel {
        final Map<String, float[]> vectors = new ConcurrentHashMap<>();

        @Override
        public EmbeddingResponse call(EmbeddingRequest request) {
            List<Embedding> out = new ArrayList<>();
            for (int i = 0; i < request.getInstructions().size(); i++) {
                out.add(new Embedding(vectors.get(request.getInstructions().get(i)), i));
            }
            return new EmbeddingResponse(out);
        }

        @Override
        public float[] embed(Document document) {
            return vectors.get(document.getText());
        }

        @Override
        public int dimensions() {
            return DIM;
        }
    }
}
