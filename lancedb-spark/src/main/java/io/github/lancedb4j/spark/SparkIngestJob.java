package io.github.lancedb4j.spark;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.VectorIndexType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's main class for {@code spark-submit}: {@code --key=value} arguments, see {@link #USAGE}.
 */
public final class SparkIngestJob {

    private static final Logger log = LoggerFactory.getLogger(SparkIngestJob.class);

    static final String USAGE = """
            --format=parquet|jsonl|text --input=PATH [--id-column=id] [--text-column=text] [--metadata-columns=a,b]
            --database=URI --table=NAME [--vector-column=vector] [--storage-option=key=value ...]
            --model=minilm|openai|hashing [--base-url=URL --api-key-env=VAR --model-name=NAME] [--dimension=N]
            [--batch-size=N] [--max-retries=N] [--requests-per-second=R]
            [--chunk-chars=1000] [--chunk-overlap=100] [--partitions=N] [--metric=cosine|l2|dot]
            [--vector-index=auto|none|ivf_flat|ivf_pq|ivf_hnsw_sq|ivf_rq] [--rebuild-index] [--no-full-text-index]""";

    private SparkIngestJob() {
    }

    public static void main(String[] args) {
        LanceIngest ingest = parse(args, System.getenv());
        SparkSession spark = SparkSession.builder().appName("lancedb-ingest").getOrCreate();
        try {
            IngestResult r = ingest.run(spark);
            log.info("Result: {}", r);
        } finally {
            spark.stop();
        }
    }

    /** Parses the arguments; an unknown or missing argument fails with the usage text. */
    static LanceIngest parse(String[] args, Map<String, String> env) {
        Map<String, String> a = new LinkedHashMap<>();
        Map<String, String> storage = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw usage("unexpected argument '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            String value = eq < 0 ? "true" : arg.substring(eq + 1);
            if (key.equals("storage-option")) {
                int kv = value.indexOf('=');
                if (kv <= 0) {
                    throw usage("--storage-option needs key=value, got '" + value + "'");
                }
                storage.put(value.substring(0, kv), value.substring(kv + 1));
            } else {
                a.put(key, value);
            }
        }
        DocumentSource source = DocumentSource.of(required(a, "format"), required(a, "input"));
        if (a.containsKey("id-column")) source = source.idColumn(a.remove("id-column"));
        if (a.containsKey("text-column")) source = source.textColumn(a.remove("text-column"));
        if (a.containsKey("metadata-columns")) source = source.metadataColumns(List.of(a.remove("metadata-columns").split(",")));
        EmbeddingSpec spec = switch (required(a, "model")) {
            case "minilm", "all-minilm-l6-v2", "onnx" -> EmbeddingSpec.allMiniLmL6V2();
            case "openai", "holysheep", "openai-compatible" -> {
                String keyVar = a.remove("api-key-env");
                String key = keyVar == null ? null : env.get(keyVar);
                if (keyVar != null && key == null) {
                    throw usage("the environment variable " + keyVar + " (--api-key-env) is not set");
                }
                yield EmbeddingSpec.openAiCompatible(required(a, "base-url"), key, required(a, "model-name"));
            }
            case "hashing" -> EmbeddingSpec.hashing(Integer.parseInt(required(a, "dimension")));
            default -> throw usage("unknown --model");
        };
        if (a.containsKey("dimension")) spec = spec.withDimension(Integer.parseInt(a.remove("dimension")));
        if (a.containsKey("batch-size")) spec = spec.withBatchSize(Integer.parseInt(a.remove("batch-size")));
        if (a.containsKey("max-retries")) spec = spec.withMaxRetries(Integer.parseInt(a.remove("max-retries")));
        if (a.containsKey("requests-per-second")) {
            spec = spec.withRequestsPerSecond(Double.parseDouble(a.remove("requests-per-second")));
        }
        LanceIngest.Builder b = LanceIngest.builder().source(source).database(required(a, "database"))
                .table(required(a, "table")).storageOptions(storage).embedding(spec);
        if (a.containsKey("vector-column")) b.vectorColumn(a.remove("vector-column"));
        int chunk = a.containsKey("chunk-chars") ? Integer.parseInt(a.remove("chunk-chars")) : 1000;
        int overlap = a.containsKey("chunk-overlap") ? Integer.parseInt(a.remove("chunk-overlap")) : Math.min(100, chunk / 10);
        b.chunking(chunk, overlap);
        if (a.containsKey("partitions")) b.partitions(Integer.parseInt(a.remove("partitions")));
        if (a.containsKey("metric")) b.metric(DistanceMetric.parse(a.remove("metric")));
        String index = a.containsKey("vector-index") ? a.remove("vector-index") : "auto";
        if (index.equals("none")) {
            b.noVectorIndex();
        } else if (!index.equals("auto")) {
            b.vectorIndex(VectorIndexType.parse(index));
        }
        if (a.remove("rebuild-index") != null) b.rebuildIndex(true);
        if (a.remove("no-full-text-index") != null) b.fullTextIndex(false);
        if (!a.isEmpty()) {
            throw usage("unknown argument(s) " + a.keySet());
        }
        return b.build();
    }

    private static String required(Map<String, String> a, String key) {
        String v = a.remove(key);
        if (v == null || v.isBlank()) {
            throw usage("--" + key + " is required");
        }
        return v;
    }

    private static IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException(problem + "\nUsage: SparkIngestJob " + USAGE);
    }
}
