package io.github.lancedb4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spark ingest throughput on {@code local[2]}: {@code hashing} measures the job and the store without a model
 * (split, encode, write, commit, index), {@code onnx} the same with the in-process all-MiniLM-L6-v2.
 * Run with {@code lancedb-spark/bench [hashing|onnx] [documents]}.
 */
public final class SparkIngestBenchmark {

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "hashing";
        int documents = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        Path dir = Files.createTempDirectory("lancedb-spark-bench");
        SparkSession spark = SparkSession.builder().master("local[2]").appName("lancedb-spark-bench")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        StructType schema = new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType)
                .add("category", DataTypes.StringType).add("year", DataTypes.IntegerType);
        String[] words = {"lance", "vector", "spark", "table", "index", "search", "embedding", "fragment", "commit",
            "column", "query", "filter", "metadata", "document", "chunk", "model"};
        List<Row> rows = new ArrayList<>(documents);
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int i = 0; i < documents; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 30; w++) {
                text.append(words[random.nextInt(words.length)]).append(' ');
            }
            rows.add(RowFactory.create("doc-" + i, text.toString().trim(), "c" + (i % 7), 1990 + i % 30));
        }
        String input = dir.resolve("docs").toString();
        spark.createDataFrame(rows, schema).repartition(2).write().parquet(input);
        rows.clear();

        EmbeddingSpec embedding = mode.equals("onnx") ? EmbeddingSpec.allMiniLmL6V2() : EmbeddingSpec.hashing(384);
        long started = System.nanoTime();
        IngestResult r = LanceIngest.builder().source(DocumentSource.parquet(input))
                .database(dir.resolve("db").toString()).table("bench").embedding(embedding)
                .build().run(spark);
        long total = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("spark-ingest mode=%s documents=%d rows=%d dim=384 partitions=2 embed+write_ms=%d "
                + "rows_per_s=%.0f end_to_end_ms=%d end_to_end_rows_per_s=%.0f phases=%s vector_index='%s' fts='%s'%n",
                mode, documents, r.rowsWritten(), r.phaseMillis().get(LanceIngest.PHASE_WRITE), r.rowsPerSecond(),
                total, r.rowsWritten() * 1000.0 / total, r.phaseMillis(), r.vectorIndex(), r.fullTextIndex());
        spark.stop();
    }
}
