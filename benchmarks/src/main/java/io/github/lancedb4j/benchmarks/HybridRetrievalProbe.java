package io.github.lancedb4j.benchmarks;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.FullTextIndexSpec;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.ReciprocalRankFusion;
import io.github.lancedb4j.store.Row;
import io.github.lancedb4j.store.SearchHit;
import io.github.lancedb4j.store.SearchQuery;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.VectorIndexSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Retrieval quality of vector, full-text and hybrid search on a real corpus with relevance labels nobody here wrote:
 * the Free On-line Dictionary of Computing (Debian {@code dict-foldoc}). Every entry (headwords + definition, at
 * most 1,500 characters) is a row, embedded with the in-process all-MiniLM-L6-v2. Two query sets, each query with
 * exactly one relevant entry: <b>headword</b> — an entry's name ("Transmission Control Protocol"), relevant: that
 * entry; <b>alias</b> — another name the dictionary gives an entry (an abbreviation on its headword lines, or a
 * redirect entry such as "TCP" or "-" → "dash"), relevant: the entry it names. Reports recall@10 and MRR@10 per mode
 * and the search latency (query embedding excluded; it is measured apart).
 *
 * <p>{@code benchmarks/run probe HybridRetrievalProbe [queries per set] [data dir]} (default 500,
 * benchmarks/data/foldoc; run benchmarks/setup-data first).
 */
public final class HybridRetrievalProbe {

    private static final int K = 10;

    record Query(String text, int relevant, float[] vector) {
    }

    record Mode(String name, Function<Query, SearchQuery> query) {
    }

    public static void main(String[] args) throws Exception {
        int perSet = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path dir = Path.of(args.length > 1 ? args[1] : "benchmarks/data/foldoc");
        FoldocCorpus corpus = FoldocCorpus.read(dir, 1_500);
        Progress.log(String.format("FOLDOC: %,d entries, %,d redirects", corpus.entries.size(),
                corpus.redirects.size()));
        List<String> texts = corpus.entries.stream().map(FoldocCorpus.Entry::text).toList();
        float[][] vectors = DataSets.embeddings(texts, dir.getParent().resolve("foldoc-minilm-" + texts.size() + ".f32"));

        Random random = new Random(42);
        List<Query> headwords = new ArrayList<>();
        List<Query> aliases = new ArrayList<>();
        for (FoldocCorpus.Entry e : corpus.entries) {
            headwords.add(new Query(e.headwords().get(0), e.id(), null));
            for (String alias : e.headwords().subList(1, e.headwords().size())) {
                if (!FoldocCorpus.key(alias).equals(FoldocCorpus.key(e.headwords().get(0)))) {
                    aliases.add(new Query(alias, e.id(), null));
                }
            }
        }
        for (FoldocCorpus.Redirect r : corpus.redirects) {
            aliases.add(new Query(r.from(), corpus.byHeadword.get(FoldocCorpus.key(r.to())).id(), null));
        }
        Map<String, List<Query>> sets = new LinkedHashMap<>();
        sets.put("headword", embed(sample(headwords, perSet, random)));
        sets.put("alias", embed(sample(aliases, perSet, random)));

        Path base = Files.createTempDirectory("hybrid-eval");
        try (LanceDatabase db = LanceDatabase.builder().uri(base.toString()).versionRetention(null).build()) {
            LanceTable table = db.openTable("foldoc", List.of(VectorColumn.of("vector", 384)), true);
            table.indexes().indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.COSINE);
            table.indexes().fullTextIndexPolicy(IndexPolicy.Mode.EXPLICIT, FullTextIndexSpec.defaults());
            List<Row> rows = new ArrayList<>();
            for (FoldocCorpus.Entry e : corpus.entries) {
                rows.add(Row.of("e" + e.id(), e.text(), Map.of("headword", e.headwords().get(0)), "vector",
                        vectors[e.id()]));
                if (rows.size() == 2_000) {
                    table.append(rows);
                    rows.clear();
                }
            }
            table.append(rows);
            long t0 = System.nanoTime();
            table.indexes().createFullTextIndex(FullTextIndexSpec.defaults());
            long ftsMs = (System.nanoTime() - t0) / 1_000_000;
            table.indexes().createVectorIndex("vector", VectorIndexSpec.exact(), DistanceMetric.COSINE);

            List<Mode> modes = List.of(
                    new Mode("vector", q -> SearchQuery.nearest("vector", q.vector()).limit(K).build()),
                    new Mode("full-text", q -> SearchQuery.fullText(q.text()).limit(K).build()),
                    new Mode("hybrid (RRF k=60, default candidates = 20 per arm)",
                            q -> SearchQuery.hybrid("vector", q.vector(), q.text()).limit(K).build()),
                    new Mode("hybrid, 10 candidates per arm",
                            q -> SearchQuery.hybrid("vector", q.vector(), q.text()).limit(K).candidates(K).build()),
                    new Mode("hybrid, 50 candidates per arm",
                            q -> SearchQuery.hybrid("vector", q.vector(), q.text()).limit(K).candidates(50).build()),
                    new Mode("hybrid, text weight 2",
                            q -> SearchQuery.hybrid("vector", q.vector(), q.text()).limit(K)
                                    .fusion(ReciprocalRankFusion.DEFAULT.withWeights(1, 2)).build()),
                    new Mode("hybrid, vector weight 2",
                            q -> SearchQuery.hybrid("vector", q.vector(), q.text()).limit(K)
                                    .fusion(ReciprocalRankFusion.DEFAULT.withWeights(2, 1)).build()));
            StringBuilder out = new StringBuilder();
            out.append(String.format("FOLDOC (dict-foldoc %s): %,d entries as rows, all-MiniLM-L6-v2 384-d, cosine, exact "
                    + "vector index; full-text index (defaults) built in %,d ms; %d queries per set; top %d%n%n",
                    "20230119", corpus.entries.size(), ftsMs, perSet, K));
            out.append("| query set | mode | recall@10 | MRR@10 | p50 ms | p95 ms |\n|---|---|---:|---:|---:|---:|\n");
            for (Map.Entry<String, List<Query>> set : sets.entrySet()) {
                for (Mode mode : modes) {
                    evaluate(table, set.getValue().subList(0, Math.min(50, set.getValue().size())), mode); // warm-up
                    double[] r = evaluate(table, set.getValue(), mode);
                    out.append(String.format("| %s | %s | %.3f | %.3f | %.2f | %.2f |%n", set.getKey(), mode.name(),
                            r[0], r[1], r[2], r[3]));
                    Progress.log(set.getKey() + " / " + mode.name() + " done");
                }
            }
            System.out.println(out);
        } finally {
            deleteRecursively(base);
        }
    }

    /** recall@K, MRR@K, p50 and p95 latency in ms. */
    private static double[] evaluate(LanceTable table, List<Query> queries, Mode mode) {
        int found = 0;
        double reciprocal = 0;
        Latencies latencies = new Latencies(queries.size());
        for (Query q : queries) {
            SearchQuery query = mode.query().apply(q);
            long t0 = System.nanoTime();
            List<SearchHit> hits = table.search(query, DistanceMetric.COSINE);
            latencies.add(System.nanoTime() - t0);
            for (int i = 0; i < hits.size(); i++) {
                if (hits.get(i).id().equals("e" + q.relevant())) {
                    found++;
                    reciprocal += 1.0 / (i + 1);
                    break;
                }
            }
        }
        return new double[] {found / (double) queries.size(), reciprocal / queries.size(),
            latencies.percentileMs(50), latencies.percentileMs(95)};
    }

    private static List<Query> sample(List<Query> all, int n, Random random) {
        List<Query> copy = new ArrayList<>(all);
        Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(n, copy.size()));
    }

    private static List<Query> embed(List<Query> queries) {
        AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
        Latencies latencies = new Latencies(queries.size());
        List<Query> out = new ArrayList<>();
        for (Query q : queries) {
            long t0 = System.nanoTime();
            float[] v = model.embed(q.text()).content().vector();
            latencies.add(System.nanoTime() - t0);
            out.add(new Query(q.text(), q.relevant(), v));
        }
        Progress.log(String.format("query embedding (all-MiniLM-L6-v2, in process): p50 %.2f ms, p95 %.2f ms",
                latencies.percentileMs(50), latencies.percentileMs(95)));
        return out;
    }

    static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
