package io.github.lancedb4j.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Through LangChain4j's API, on an indexed table: a filtered search returns min(maxResults, matching rows) matches
 * with recall@10 ≥ 0.95 against the exact filtered top-10, at 0.1, 1, 10 and 50 % selectivity, for every index type,
 * with rows appended after the build, on a promoted key and on a key read from the JSON.
 */
class FilteredSearchRecallTest {

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
        Random random = new Random(17);
        float[][] centres = new float[48][DIM];
        for (float[] c : centres) {
            for (int k = 0; k < DIM; k++) {
                c[k] = (float) random.nextGaussian();
            }
        }
        float[][] vectors = new float[ROWS + APPENDED][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = near(centres[random.nextInt(centres.length)], random);
        }
        try (LanceDbEmbeddingStore store = LanceDbEmbeddingStore.builder().uri(directory.toString()).dimension(DIM)
                .indexPolicy(IndexPolicy.explicit()).build()) {
            add(store, vectors, 0, ROWS);
            store.createIndex(index.equals("exact") ? VectorIndexSpec.exact()
                    : VectorIndexSpec.of(VectorIndexType.valueOf(index)));
            add(store, vectors, ROWS, ROWS + APPENDED); // searched outside the index
            store.table().promoteMetadataKey("promoted");
            for (int perMille : PER_MILLE) {
                for (String key : List.of("promoted", "json")) {
                    double recall = 0;
                    for (int q = 0; q < QUERIES; q++) {
                        float[] query = near(centres[random.nextInt(centres.length)], random);
                        Set<String> truth = exactTop(vectors, query, perMille);
                        Filter filter = metadataKey(key).isEqualTo("g" + perMille);
                        List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
                                .queryEmbedding(Embedding.from(query)).maxResults(10).filter(filter).build()).matches();
                        assertThat(matches).as("%s, key %s, %.1f %%: matches", index, key, perMille / 10.0)
                                .hasSize(truth.size());
                        Set<String> found = new HashSet<>();
                        matches.forEach(m -> found.add(m.embeddingId()));
                        found.retainAll(truth);
                        recall += found.size() / (double) truth.size();
                    }
                    assertThat(recall / QUERIES).as("%s, key %s, recall@10 at %.1f %%", index, key, perMille / 10.0)
                            .isGreaterThanOrEqualTo(0.95);
                }
            }
        }
    }

    private static void add(LanceDbEmbeddingStore store, float[][] vectors, int from, int to) {
        List<String> ids = new ArrayList<>();
        List<Embedding> embeddings = new ArrayList<>();
        List<TextSegment> segments = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add("id-" + i);
            embeddings.add(Embedding.from(vectors[i]));
            String group = group(i);
            segments.add(TextSegment.from("row " + i, new Metadata().put("promoted", group).put("json", group)));
        }
        store.addAll(ids, embeddings, segments);
    }

    /** The smallest selectivity group a row belongs to: g1 ⊂ g10 ⊂ g100 ⊂ g500 would overlap, so one key per row. */
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
            double sim = cosine(vectors[i], q);
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

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static float[] near(float[] centre, Random random) {
        float[] v = new float[centre.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = centre[k] + (float) (0.5 * random.nextGaussian());
        }
        return v;
    }

}
