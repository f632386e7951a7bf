package io.github.lancedb4j.spark.internal;

import io.github.lancedb4j.store.internal.TableSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.ScanOptions;

/**
 * Finds the rows of an existing table that an ingest replaces (same id), as a Spark join: each task reads the
 * {@code id} column of some of the table's fragments at the version the ingest started from, and only the row
 * addresses of matching ids come back to the driver.
 */
public final class ExistingRows {

    private ExistingRows() {
    }

    /** Row addresses ({@code fragment id << 32 | offset}) of the rows whose id is in {@code ids} (column "id"). */
    public static List<Long> addressesOf(SparkSession spark, String tableUri, Map<String, String> storageOptions,
            long version, List<Integer> fragmentIds, Dataset<Row> ids) {
        if (fragmentIds.isEmpty()) {
            return List.of();
        }
        int slices = Math.max(1, Math.min(fragmentIds.size(), spark.sparkContext().defaultParallelism() * 2));
        JavaRDD<Row> existing = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(fragmentIds, slices)
                .mapPartitions(fragments -> scan(tableUri, storageOptions, version, fragments));
        StructType schema = new StructType().add("id", DataTypes.StringType, false)
                .add("address", DataTypes.LongType, false);
        List<Row> matched = spark.createDataFrame(existing, schema)
                .join(ids, "id", "left_semi")
                .select("address")
                .collectAsList();
        List<Long> out = new ArrayList<>(matched.size());
        matched.forEach(r -> out.add(r.getLong(0)));
        return out;
    }

    private static Iterator<Row> scan(String tableUri, Map<String, String> storageOptions, long version,
            Iterator<Integer> fragments) throws Exception {
        List<Integer> ids = new ArrayList<>();
        fragments.forEachRemaining(ids::add);
        List<Row> out = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
                org.lance.Dataset dataset = LanceTables.open(allocator, tableUri, storageOptions, version);
                LanceScanner scanner = dataset.newScan(new ScanOptions.Builder().fragmentIds(ids)
                        .columns(List.of(TableSchema.ID)).withRowAddress(true).build());
                ArrowReader reader = scanner.scanBatches()) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                VarCharVector id = (VarCharVector) root.getVector(TableSchema.ID);
                UInt8Vector address = (UInt8Vector) root.getVector("_rowaddr");
                for (int i = 0; i < root.getRowCount(); i++) {
                    out.add(RowFactory.create(new String(id.get(i), java.nio.charset.StandardCharsets.UTF_8),
                            address.get(i)));
                }
            }
        }
        return out.iterator();
    }
}
