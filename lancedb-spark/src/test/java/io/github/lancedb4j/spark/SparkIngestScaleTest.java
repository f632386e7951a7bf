package io.github.lancedb4j.spark;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import io.github.lancedb4j.spark.internal.Chunker;
import io.github.lancedb4j.spark.internal.HashingEmbeddingModel;
import io.github.lancedb4j.spark.internal.IndexBuilder;
import io.github.lancedb4j.springai.LanceDbVectorStore;
import io.github.lancedb4j.springai.LangChain4jEmbeddingModel;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.VectorColumn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;

/**
 * 50,000 documents through the job on {@code local[2]}, then both stores open the table and search it with filters;
 * then a second run upserts: changed documents replace their rows, new ones are added, nothing is duplicated.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkIngestScaleTest {

    static final int DOCUMENTS = 50_000;
    static final int DIM = 64;
    static final String[] CATEGORIES = {"news", "sports", "science", "arts", "travel"};

    @TempDir
    static Path dir;

    static String text(int i, String version) {
        return "document " + i + " in " + CATEGORIES[i % 5] + " " + version;
    }

    static void writeParquet(SparkSession spark, String path, int from, int to, String version) {
        StructType schema = new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType)
                .add("category", DataTypes.StringType).add("year", DataTypes.IntegerType)
                .add("rating", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(RowFactory.create("doc-" + i, text(i, version), CATEGORIES[i % 5], 1990 + i % 35, (i % 10) / 2.0));
        }
        spark.createDataFrame(rows, schema).repartition(3).write().parquet(path);
    }

    static String db() {
        return dir.resolve("db").toString();
    }

    @Test
    @Order(1)
    void fifty_thousand_documents_are_written_in_one_commit_and_indexed() {
        SparkSession spark = SparkTestSession.get();
        String input = dir.resolve("docs-v1").toString();
        writeParquet(spark, input, 0, DOCUMENTS, "v1");

        IngestResult result = LanceIngest.builder()
                .source(DocumentSource.parquet(input))
                .database(db()).table("docs")
                .embedding(EmbeddingSpec.hashing(DIM))
                .build().run(spark);

        assertThat(result.documents()).isEqualTo(DOCUMENTS);
        assertThat(result.rowsEmbedded()).isEqualTo(DOCUMENTS);
        assertThat(result.rowsWritten()).isEqualTo(DOCUMENTS);
        assertThat(result.rowsReplaced()).isZero();
        assertThat(result.version()).as("one commit creates the table").isEqualTo(1);
        assertThat(result.vectorIndex()).contains("exact");
        assertThat(result.fullTextIndex()).contains("built");
        try (LanceDatabase database = LanceDatabase.connect(db())) {
            LanceTable table = database.openTable("docs", List.of(VectorColumn.existing("vector")), false);
            assertThat(table.countRows()).isEqualTo(DOCUMENTS);
            assertThat(table.vectorColumns()).containsEntry("vector", DIM);
            assertThat(table.indexes().vectorIndex("vector")).get().satisfies(i -> assertThat(i.exact()).isTrue());
            List<String> indexes = table.withDataset(ds -> ds.listIndexes());
            assertThat(indexes).contains(IndexBuilder.FULL_TEXT_INDEX);
        }
    }

    @Test
    @Order(2)
    void the_langchain4j_store_searches_the_table_with_filters() {
        try (LanceDbEmbeddingStore store = LanceDbEmbeddingStore.builder().uri(db()).tableName("docs")
                .indexPolicy(IndexPolicy.explicit()).build()) {
            int target = 12_347; // category index 2: science
            Embedding query = Embedding.from(HashingEmbeddingModel.vector(text(target, "v1"), DIM));
            List<EmbeddingMatch<TextSegment>> hits = store.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(query).maxResults(5)
                    .filter(metadataKey("category").isEqualTo("science").and(metadataKey("year").isGreaterThan(1990)))
                    .build()).matches();
            assertThat(hits).hasSize(5);
            EmbeddingMatch<TextSegment> top = hits.get(0);
            assertThat(top.embeddingId()).isEqualTo(Chunker.chunkId("doc-" + target, 0));
            assertThat(top.score()).isGreaterThan(0.999);
            assertThat(top.embedded().text()).isEqualTo(text(target, "v1"));
            assertThat(top.embedded().metadata().getString("document_id")).isEqualTo("doc-" + target);
            assertThat(top.embedded().metadata().getInteger("year")).isEqualTo(1990 + target % 35);
            assertThat(top.embedded().metadata().getDouble("rating")).isEqualTo((target % 10) / 2.0);
            assertThat(hits).allSatisfy(h -> assertThat(h.embedded().metadata().getString("category")).isEqualTo("science"));

            List<EmbeddingMatch<TextSegment>> none = store.search(EmbeddingSearchRequest.builder().queryEmbedding(query)
                    .maxResults(5).filter(metadataKey("category").isEqualTo("arts")).build()).matches();
            assertThat(none).extracting(EmbeddingMatch::embeddingId).doesNotContain(top.embeddingId());
        }
    }

    @Test
    @Order(3)
    void the_spring_ai_store_searches_the_table_with_filters() {
        LangChain4jEmbeddingModel model = new LangChain4jEmbeddingModel(new HashingEmbeddingModel(DIM));
        try (LanceDbVectorStore store = LanceDbVectorStore.builder(model).uri(db()).tableName("docs")
                .initializeSchema(false).indexPolicy(IndexPolicy.explicit()).build()) {
            int target = 40_001; // sports
            List<Document> hits = store.similaritySearch(SearchRequest.builder().query(text(target, "v1")).topK(3)
                    .filterExpression("category == 'sports' && rating >= 0.5").build());
            assertThat(hits).hasSize(3);
            assertThat(hits.get(0).getId()).isEqualTo(Chunker.chunkId("doc-" + target, 0));
            assertThat(hits.get(0).getText()).isEqualTo(text(target, "v1"));
            assertThat(hits).allSatisfy(d -> assertThat(d.getMetadata()).containsEntry("category", "sports"));
        }
    }

    @Test
    @Order(4)
    void a_second_run_upserts_by_id_without_duplicates() {
        SparkSession spark = SparkTestSession.get();
        String input = dir.resolve("docs-v2").toString();
        // 1,000 changed documents and 500 new ones
        writeParquet(spark, input, DOCUMENTS - 1_000, DOCUMENTS + 500, "v2");

        IngestResult result = LanceIngest.builder()
                .source(DocumentSource.parquet(input))
                .database(db()).table("docs")
                .embedding(EmbeddingSpec.hashing(DIM))
                .build().run(spark);

        assertThat(result.rowsWritten()).isEqualTo(1_500);
        assertThat(result.rowsReplaced()).isEqualTo(1_000);
        assertThat(result.vectorIndex()).contains("folded");
        try (LanceDbEmbeddingStore store = LanceDbEmbeddingStore.builder().uri(db()).tableName("docs")
                .indexPolicy(IndexPolicy.explicit()).build()) {
            LanceTable table = store.table();
            assertThat(table.countRows()).isEqualTo(DOCUMENTS + 500);
            long distinct = spark.read().parquet(dir.resolve("docs-v1").toString(), input)
                    .select("id").distinct().count();
            assertThat(table.countRows()).isEqualTo(distinct);
            int changed = DOCUMENTS - 10;
            EmbeddingMatch<TextSegment> top = store.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(Embedding.from(HashingEmbeddingModel.vector(text(changed, "v2"), DIM)))
                    .maxResults(1).build()).matches().get(0);
            assertThat(top.embeddingId()).isEqualTo(Chunker.chunkId("doc-" + changed, 0));
            assertThat(top.embedded().text()).isEqualTo(text(changed, "v2"));
        }

        // The same input again changes nothing but the version.
        IngestResult again = LanceIngest.builder().source(DocumentSource.parquet(input)).database(db()).table("docs")
                .embedding(EmbeddingSpec.hashing(DIM)).build().run(spark);
        assertThat(again.rowsReplaced()).isEqualTo(1_500);
        try (LanceDatabase database = LanceDatabase.connect(db())) {
            assertThat(database.openTable("docs", List.of(), false).countRows()).isEqualTo(DOCUMENTS + 500);
        }
    }
}
