package io.github.lancedb4j.spark;

import org.apache.spark.sql.SparkSession;

/** One local Spark session per test JVM: {@code local[2,2]} — two cores, and a failed task is tried once more. */
final class SparkTestSession {

    private static SparkSession spark;

    private SparkTestSession() {
    }

    static synchronized SparkSession get() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .master("local[2,2]")
                    .appName("lancedb-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
        }
        return spark;
    }
}
