package io.github.lancedb4j.spark;

import io.github.lancedb4j.spark.internal.Chunker;
import io.github.lancedb4j.spark.internal.Embedders;
import io.github.lancedb4j.spark.internal.ExistingRows;
import io.github.lancedb4j.spark.internal.IndexBuilder;
import io.github.lancedb4j.spark.internal.IngestMetrics;
import io.github.lancedb4j.spark.internal.PartitionWriter;
import io.github.lancedb4j.spark.internal.TableCommitter;
import io.github.lancedb4j.spark.internal.WriteTarget;
import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.internal.TableSchema;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.lance.FragmentMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk ingestion of documents into a store table on Spark: read, split and embed on the executors, write Lance
 * fragments there, commit them once on the driver, then build the vector and full-text indexes.
 *
 * <pre>{@code
 * IngestResult r = LanceIngest.builder()
 *         .source(DocumentSource.parquet("s3://bucket/docs/").idColumn("doc_id").textColumn("body"))
 *         .database("s3://bucket/lancedb").storageOptions(Map.of("aws_region", "eu-west-1"))
 *         .table("documents")
 *         .embedding(EmbeddingSpec.allMiniLmL6V2())
 *         .build()
 *         .run(spark);
 * }</pre>
 *
 * <p>The table has exactly the layout {@code LanceDbEmbeddingStore} and {@code LanceDbVectorStore} use; they open it
 * as it is. Re-running is safe: chunk ids are stable (document id + chunk index), and rows of an existing table
 * with the same id are replaced in the same commit that adds the new ones. A replaced row's vectors in other
 * vector columns (other models) are not kept.
 */
public final class LanceIngest {

    private static final Logger log = LoggerFactory.getLogger(LanceIngest.class);

    public static final String PHASE_VALIDATE = "validate";
    public static final String PHASE_WRITE = "embed+write";
    public static final String PHASE_LOCATE = "find replaced rows";
    public static final String PHASE_COMMIT = "commit";
    public static final String PHASE_VECTOR_INDEX = "vector index";
    public static final String PHASE_FULL_TEXT_INDEX = "full-text index";

    private final Builder b;

    private LanceIngest(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the ingest; returns after the commit and the index builds. */
    public IngestResult run(SparkSession spark) {
        Map<String, Long> phases = new LinkedHashMap<>();
        long t = System.nanoTime();
        Dataset<Row> docs = b.source.load(spark);
        validate(docs);
        phases.put(PHASE_VALIDATE, millisSince(t));

        EmbeddingSpec embedding = b.embedding;
        int dimension = embedding.dimension() != null ? embedding.dimension()
                : Embedders.model(embedding).dimension();
        VectorColumn column = VectorColumn.of(b.vectorColumn, dimension);

        try (LanceDatabase db = LanceDatabase.builder().uri(b.databaseUri).storageOptions(b.storageOptions)
                .versionRetention(null).build()) {
            String tableUri = db.tableUri(b.table);
            boolean exists = db.tableExists(b.table);
            WriteTarget target;
            long readVersion = 0;
            List<Integer> existingFragments = List.of();
            if (exists) {
                // Validates the store's base columns and the dimension; adds the column if the table lacks it.
                LanceTable table = db.openTable(b.table, List.of(column), true);
                readVersion = table.version();
                long version = readVersion;
                existingFragments = table.withDataset(ds -> ds.getFragments().stream().map(f -> f.getId()).toList());
                String format = table.withDataset(ds -> ds.getLanceFileFormatVersion());
                target = new WriteTarget(tableUri, b.storageOptions, format, column.name(),
                        new LinkedHashMap<>(table.vectorColumns()), WriteTarget.kinds(table.metadataColumns()),
                        b.maxRowsPerFile);
                log.info("Ingesting {} into existing table {} (version {}, {} fragments)", b.source, tableUri, version,
                        existingFragments.size());
            } else {
                LinkedHashMap<String, Integer> columns = new LinkedHashMap<>();
                columns.put(column.name(), dimension);
                target = new WriteTarget(tableUri, b.storageOptions, b.fileFormatVersion, column.name(), columns,
                        new LinkedHashMap<>(), b.maxRowsPerFile);
                log.info("Ingesting {} into new table {}", b.source, tableUri);
            }

            int partitions = b.partitions > 0 ? b.partitions
                    : Math.max(docs.rdd().getNumPartitions(), spark.sparkContext().defaultParallelism());
            if (partitions != docs.rdd().getNumPartitions()) {
                docs = docs.repartition(partitions);
            }
            int executors = executorCount(spark);
            double ratePerExecutor = embedding.requestsPerSecond() / executors;
            Chunker chunker = new Chunker(b.chunkChars, b.chunkOverlap);
            IngestMetrics metrics = new IngestMetrics(spark.sparkContext());

            t = System.nanoTime();
            spark.sparkContext().setJobGroup("lancedb-ingest", "LanceDB ingest: embed and write " + b.table, false);
            List<PartitionWriter.Written> written = docs.toJavaRDD()
                    .mapPartitions(new PartitionWriter(target, chunker, embedding, ratePerExecutor, b.batchRows, metrics))
                    .collect();
            phases.put(PHASE_WRITE, millisSince(t));
            List<FragmentMetadata> fragments = new ArrayList<>();
            written.forEach(w -> fragments.addAll(w.fragments()));
            log.info("Embedded {} rows in {} requests and wrote {} rows in {} fragments on {} partitions in {} ms",
                    metrics.embedded(), metrics.embeddingRequests(), metrics.written(), fragments.size(),
                    partitions, phases.get(PHASE_WRITE));

            long version;
            long replaced = 0;
            if (exists) {
                t = System.nanoTime();
                spark.sparkContext().setJobGroup("lancedb-ingest", "LanceDB ingest: find rows to replace", false);
                Dataset<Row> ids = docs.flatMap(chunkIds(chunker), Encoders.STRING()).toDF(TableSchema.ID);
                List<Long> addresses = ExistingRows.addressesOf(spark, tableUri, b.storageOptions, readVersion,
                        existingFragments, ids);
                replaced = addresses.size();
                phases.put(PHASE_LOCATE, millisSince(t));
                t = System.nanoTime();
                version = TableCommitter.upsert(tableUri, b.storageOptions, readVersion, addresses, fragments);
            } else {
                t = System.nanoTime();
                version = TableCommitter.create(tableUri, b.storageOptions,
                        TableSchema.create(List.of(column)), fragments);
            }
            phases.put(PHASE_COMMIT, millisSince(t));
            spark.sparkContext().clearJobGroup();

            String vectorIndex = "none";
            if (b.vectorIndex) {
                t = System.nanoTime();
                vectorIndex = IndexBuilder.vectorIndex(db.uri(), b.storageOptions, b.table, column.name(),
                        b.vectorIndexSpec, b.metric, b.rebuildIndex);
                phases.put(PHASE_VECTOR_INDEX, millisSince(t));
            }
            String fullText = "none";
            if (b.fullTextIndex) {
                t = System.nanoTime();
                fullText = IndexBuilder.fullTextIndex(tableUri, b.storageOptions);
                phases.put(PHASE_FULL_TEXT_INDEX, millisSince(t));
            }
            IngestResult result = new IngestResult(tableUri, version, metrics.documents(), metrics.chunks(),
                    metrics.embedded(), metrics.written(), replaced, fragments.size(), metrics.embeddingRequests(),
                    phases, vectorIndex, fullText);
            log.info("Ingest into {} done: version {}, {} documents, {} rows written ({} replaced), {}; {}; phases {}",
                    tableUri, version, result.documents(), result.rowsWritten(), replaced, vectorIndex, fullText,
                    phases);
            return result;
        }
    }

    private static FlatMapFunction<Row, String> chunkIds(Chunker chunker) {
        return doc -> {
            List<String> ids = new ArrayList<>();
            chunker.chunks(doc).forEach(c -> ids.add(c.id()));
            Iterator<String> it = ids.iterator();
            return it;
        };
    }

    /** Bad input fails here, before anything is embedded or written, with the offending document ids. */
    private void validate(Dataset<Row> docs) {
        Row counts = docs.agg(
                functions.count(functions.lit(1)),
                functions.sum(functions.when(functions.col(DocumentSource.DOCUMENT_ID).isNull(), 1).otherwise(0)),
                functions.sum(functions.when(functions.col(DocumentSource.TEXT).isNull()
                        .or(functions.trim(functions.col(DocumentSource.TEXT)).equalTo("")), 1).otherwise(0)))
                .first();
        long total = counts.getLong(0);
        if (total == 0) {
            throw new IllegalArgumentException("No documents found in " + b.source);
        }
        if (!counts.isNullAt(1) && counts.getLong(1) > 0) {
            throw new IllegalArgumentException(counts.getLong(1) + " of " + total + " documents in " + b.source
                    + " have no id");
        }
        if (!counts.isNullAt(2) && counts.getLong(2) > 0) {
            List<String> examples = docs.filter(functions.col(DocumentSource.TEXT).isNull()
                    .or(functions.trim(functions.col(DocumentSource.TEXT)).equalTo("")))
                    .select(DocumentSource.DOCUMENT_ID).limit(5).as(Encoders.STRING()).collectAsList();
            throw new IllegalArgumentException(counts.getLong(2) + " of " + total + " documents in " + b.source
                    + " have no text, e.g. " + examples);
        }
        List<Row> duplicates = docs.groupBy(DocumentSource.DOCUMENT_ID).count()
                .filter(functions.col("count").gt(1)).limit(5).collectAsList();
        if (!duplicates.isEmpty()) {
            List<String> ids = duplicates.stream().map(r -> r.getString(0) + " (" + r.getLong(1) + "×)").toList();
            throw new IllegalArgumentException("Document ids must be unique, but " + b.source + " repeats " + ids);
        }
    }

    private static int executorCount(SparkSession spark) {
        int blockManagers = spark.sparkContext().getExecutorMemoryStatus().size();
        return spark.sparkContext().isLocal() ? 1 : Math.max(1, blockManagers - 1);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    public static final class Builder {
        private DocumentSource source;
        private String databaseUri;
        private final Map<String, String> storageOptions = new LinkedHashMap<>();
        private String table;
        private String vectorColumn = VectorColumn.DEFAULT_NAME;
        private EmbeddingSpec embedding;
        private int chunkChars = 1000;
        private int chunkOverlap = 100;
        private int partitions;
        private int batchRows = 1024;
        private int maxRowsPerFile = 1024 * 1024;
        private DistanceMetric metric = DistanceMetric.COSINE;
        private boolean vectorIndex = true;
        private VectorIndexSpec vectorIndexSpec;
        private boolean rebuildIndex;
        private boolean fullTextIndex = true;
        private String fileFormatVersion = "2.0";

        public Builder source(DocumentSource source) {
            this.source = source;
            return this;
        }

        /** The database: a local folder, {@code s3://bucket/prefix}, {@code gs://…} or {@code az://…}. */
        public Builder database(String uri) {
            this.databaseUri = uri;
            return this;
        }

        public Builder storageOptions(Map<String, String> options) {
            this.storageOptions.putAll(options);
            return this;
        }

        public Builder table(String table) {
            this.table = table;
            return this;
        }

        /** The vector column the stores search (default {@code vector}). */
        public Builder vectorColumn(String column) {
            this.vectorColumn = column;
            return this;
        }

        public Builder embedding(EmbeddingSpec spec) {
            this.embedding = spec;
            return this;
        }

        /** Chunks of at most {@code maxChars} characters overlapping by {@code overlap} (default 1000 / 100); 0: whole documents. */
        public Builder chunking(int maxChars, int overlap) {
            this.chunkChars = maxChars;
            this.chunkOverlap = overlap;
            return this;
        }

        /** Spark partitions (tasks) to embed and write with; default: the input's, at least the default parallelism. */
        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        /** Rows embedded and written per Arrow batch on an executor (default 1024). */
        public Builder batchRows(int rows) {
            this.batchRows = rows;
            return this;
        }

        public Builder maxRowsPerFile(int rows) {
            this.maxRowsPerFile = rows;
            return this;
        }

        /** The distance the vector index is built for; use the stores' metric (default cosine). */
        public Builder metric(DistanceMetric metric) {
            this.metric = metric;
            return this;
        }

        /** The vector index to build (default: the exact index below 100,000 vectors, IVF_HNSW_SQ above). */
        public Builder vectorIndex(VectorIndexSpec spec) {
            this.vectorIndexSpec = spec;
            this.vectorIndex = true;
            return this;
        }

        public Builder vectorIndex(VectorIndexType type) {
            return vectorIndex(VectorIndexSpec.of(type));
        }

        public Builder noVectorIndex() {
            this.vectorIndex = false;
            return this;
        }

        /** Retrain an existing vector index instead of folding the new rows into it. */
        public Builder rebuildIndex(boolean rebuild) {
            this.rebuildIndex = rebuild;
            return this;
        }

        public Builder fullTextIndex(boolean build) {
            this.fullTextIndex = build;
            return this;
        }

        /** The Lance file format of a new table (default 2.0, like the stores). */
        public Builder fileFormatVersion(String version) {
            this.fileFormatVersion = version;
            return this;
        }

        public LanceIngest build() {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(databaseUri, "database");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(embedding, "embedding");
            VectorColumn.existing(vectorColumn); // validates the name
            new Chunker(chunkChars, chunkOverlap);
            if (batchRows < 1 || maxRowsPerFile < 1) {
                throw new IllegalArgumentException("batchRows and maxRowsPerFile must be positive");
            }
            return new LanceIngest(this);
        }
    }
}
