package io.github.lancedb4j.spark;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import io.github.lancedb4j.spark.internal.Chunker;
import io.github.lancedb4j.spark.internal.HashingEmbeddingModel;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.MetadataColumn;
import io.github.lancedb4j.store.StoredRow;
import io.github.lancedb4j.testing.OpenAiCompatibleServer;
import io.github.lancedb4j.testing.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkIngestBehaviourTest {

    @TempDir
    Path dir;

    final SparkSession spark = SparkTestSession.get();

    Path jsonLines(String name, int from, int to, String version) throws Exception {
        Path file = dir.resolve(name);
        List<String> lines = new ArrayList<>();
        for (int i = from; i < to; i++) {
            lines.add("{\"id\":\"d" + i + "\",\"text\":\"entry " + i + " " + version + "\",\"category\":\"c" + (i % 3)
                    + "\",\"tags\":[\"t" + (i % 2) + "\",\"all\"]}");
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    static List<String> ids(LanceTable table) {
        return table.find(null, 1_000_000).stream().map(StoredRow::id).toList();
    }

    // ---------------------------------------------------------------------------------- retried task

    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    static final AtomicInteger FAILURES = new AtomicInteger();

    /** Fails the first attempt of partition 1 on its third batch, after two batches reached Lance's writer. */
    static EmbeddingModel failingOnce() {
        HashingEmbeddingModel delegate = new HashingEmbeddingModel(16);
        return new EmbeddingModel() {
            @Override
            public dev.langchain4j.model.output.Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                TaskContext task = TaskContext.get();
                String key = task.partitionId() + "/" + task.attemptNumber();
                int call = CALLS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                if (task.partitionId() == 1 && task.attemptNumber() == 0 && call == 3) {
                    FAILURES.incrementAndGet();
                    throw new IllegalStateException("injected executor failure");
                }
                return delegate.embedAll(segments);
            }

            @Override
            public int dimension() {
                return 16;
            }
        };
    }

    @Test
    void a_task_retried_after_a_failure_leaves_no_duplicate_rows() throws Exception {
        Path input = jsonLines("docs.jsonl", 0, 2_000, "v1");
        IngestResult result = LanceIngest.builder()
                .source(DocumentSource.jsonLines(input.toString()))
                .database(dir.resolve("db").toString()).table("retry")
                .embedding(EmbeddingSpec.custom("fails-once", SparkIngestBehaviourTest::failingOnce).withDimension(16)
                        .withBatchSize(200))
                .batchRows(200).partitions(2)
                .build().run(spark);

        assertThat(FAILURES).as("the first attempt of partition 1 failed mid-write").hasValue(1);
        assertThat(CALLS).containsKey("1/1");
        assertThat(result.rowsWritten()).as("counted once: the failed attempt's accumulators are dropped").isEqualTo(2_000);
        try (LanceDatabase db = LanceDatabase.connect(dir.resolve("db").toString())) {
            LanceTable table = db.openTable("retry", List.of(), false);
            List<String> ids = ids(table);
            assertThat(ids).hasSize(2_000).doesNotHaveDuplicates();
        }
    }

    // ---------------------------------------------------------------------------------- bad input

    @Test
    void bad_input_fails_with_a_clear_error_and_leaves_the_table_as_it_was() throws Exception {
        String db = dir.resolve("db").toString();
        Path good = jsonLines("good.jsonl", 0, 300, "v1");
        LanceIngest.builder().source(DocumentSource.jsonLines(good.toString())).database(db).table("t")
                .embedding(EmbeddingSpec.hashing(8)).build().run(spark);
        long version;
        try (LanceDatabase database = LanceDatabase.connect(db)) {
            version = database.openTable("t", List.of(), false).version();
        }

        Path duplicates = dir.resolve("dup.jsonl");
        Files.writeString(duplicates, "{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"a\",\"text\":\"two\"}\n{\"id\":\"b\",\"text\":\"x\"}\n");
        assertThatThrownBy(() -> ingest(db, DocumentSource.jsonLines(duplicates.toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeats [a (2×)]");

        Path noText = dir.resolve("notext.jsonl");
        Files.writeString(noText, "{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\"}\n{\"id\":\"c\",\"text\":\"  \"}\n");
        assertThatThrownBy(() -> ingest(db, DocumentSource.jsonLines(noText.toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 of 3 documents")
                .hasMessageContaining("have no text").hasMessageContaining("b").hasMessageContaining("c");

        assertThatThrownBy(() -> ingest(db, DocumentSource.jsonLines(good.toString()).textColumn("body")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The text column 'body' is not in").hasMessageContaining("[category, id, tags, text]");

        Path nested = dir.resolve("nested.jsonl");
        Files.writeString(nested, "{\"id\":\"a\",\"text\":\"one\",\"author\":{\"name\":\"x\"}}\n");
        assertThatThrownBy(() -> ingest(db, DocumentSource.jsonLines(nested.toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Column 'author'")
                .hasMessageContaining("which metadata cannot hold");

        assertThatThrownBy(() -> LanceIngest.builder().source(DocumentSource.jsonLines(good.toString())).database(db)
                .table("t").embedding(EmbeddingSpec.hashing(12)).build().run(spark))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 8")
                .hasMessageContaining("12");

        try (LanceDatabase database = LanceDatabase.connect(db)) {
            LanceTable table = database.openTable("t", List.of(), false);
            assertThat(table.version()).isEqualTo(version);
            assertThat(table.countRows()).isEqualTo(300);
        }
    }

    void ingest(String db, DocumentSource source) {
        LanceIngest.builder().source(source).database(db).table("t").embedding(EmbeddingSpec.hashing(8)).build()
                .run(spark);
    }

    // ---------------------------------------------------------------------------------- real ONNX model, text files

    @Test
    void text_files_embedded_by_the_in_process_model_are_found_by_meaning() throws Exception {
        Path folder = dir.resolve("notes");
        Files.createDirectories(folder.resolve("kitchen"));
        Map<String, String> files = Map.of(
                "kitchen/bread.txt", "Knead the dough for ten minutes, let it rise for an hour, then bake the loaf at 220 degrees until the crust is golden.",
                "kitchen/coffee.txt", "Grind the beans just before brewing; water slightly below boiling extracts the best espresso flavour.",
                "garden.txt", "Tomatoes need full sun, regular watering and support stakes as the plants grow taller.",
                "car.txt", "Check the tyre pressure monthly and change the engine oil every ten thousand kilometres.",
                "finance.txt", "Diversify investments across index funds and bonds to reduce the risk of your retirement savings.",
                "astronomy.txt", "Jupiter is the largest planet in the solar system and has dozens of moons, including Ganymede.");
        for (Map.Entry<String, String> e : files.entrySet()) {
            Files.writeString(folder.resolve(e.getKey()), e.getValue());
        }
        String db = dir.resolve("db").toString();
        IngestResult result = LanceIngest.builder().source(DocumentSource.textFiles(folder.toString()))
                .database(db).table("notes").embedding(EmbeddingSpec.allMiniLmL6V2())
                .chunking(400, 40).build().run(spark);
        assertThat(result.documents()).isEqualTo(6);

        AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
        try (LanceDbEmbeddingStore store = LanceDbEmbeddingStore.builder().uri(db).tableName("notes")
                .indexPolicy(IndexPolicy.explicit()).build()) {
            EmbeddingMatch<TextSegment> top = store.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(model.embed("how do I make a loaf of bread?").content()).maxResults(1).build())
                    .matches().get(0);
            assertThat(top.embedded().metadata().getString("source")).isEqualTo("kitchen/bread.txt");
            assertThat(top.embedded().metadata().getString("file_name")).isEqualTo("bread.txt");
            assertThat(top.embeddingId()).isEqualTo(Chunker.chunkId("kitchen/bread.txt", 0));

            EmbeddingMatch<TextSegment> filtered = store.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(model.embed("which planet is the biggest?").content()).maxResults(1)
                    .filter(metadataKey("file_name").isNotEqualTo("astronomy.txt")).build()).matches().get(0);
            assertThat(filtered.embedded().metadata().getString("file_name")).isNotEqualTo("astronomy.txt");
        }
    }

    // ---------------------------------------------------------------------------------- OpenAI-compatible API

    @Test
    void an_openai_compatible_api_is_called_in_batches_with_retries() throws Exception {
        Path input = jsonLines("api.jsonl", 0, 95, "v1");
        String db = dir.resolve("db").toString();
        try (OpenAiCompatibleServer server = OpenAiCompatibleServer.start().requireApiKey("secret-key")
                .defaultDimensions(24)) {
            server.failNextRequests(1, 503);
            IngestResult result = LanceIngest.builder().source(DocumentSource.jsonLines(input.toString()))
                    .database(db).table("api").partitions(2)
                    .embedding(EmbeddingSpec.openAiCompatible(server.baseUrl(), "secret-key", "embed-small")
                            .withBatchSize(10).withMaxRetries(3).withRequestsPerSecond(200))
                    .build().run(spark);
            assertThat(result.rowsEmbedded()).isEqualTo(95);

            List<RecordedRequest> requests = server.requests("/embeddings");
            Set<String> embedded = new HashSet<>();
            requests.forEach(r -> embedded.addAll(r.embeddingInputs()));
            assertThat(requests).allSatisfy(r -> {
                assertThat(r.embeddingInputs()).hasSizeLessThanOrEqualTo(10);
                assertThat(r.authorization()).isEqualTo("Bearer secret-key");
            });
            assertThat(embedded).contains("entry 0 v1", "entry 94 v1");
            // 95 rows in batches of 10 on 2 partitions: at least 10 requests, plus the failed one and the dimension probe.
            assertThat(requests.size()).isBetween(12, 14);
        }
        try (LanceDbEmbeddingStore store = LanceDbEmbeddingStore.builder().uri(db).tableName("api")
                .indexPolicy(IndexPolicy.explicit()).build()) {
            EmbeddingMatch<TextSegment> top = store.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(Embedding.from(OpenAiCompatibleServer.defaultEmbedding("entry 42 v1", 24)))
                    .maxResults(1).filter(metadataKey("category").isEqualTo("c0")).build()).matches().get(0);
            assertThat(top.embeddingId()).isEqualTo(Chunker.chunkId("d42", 0));
            assertThat(top.score()).isGreaterThan(0.999);
            assertThat(top.embedded().metadata().toMap()).containsEntry("category", "c0");
        }
    }

    // ---------------------------------------------------------------------------------- a table the stores wrote

    @Test
    void the_job_upserts_into_a_table_a_store_created_with_a_typed_metadata_column() throws Exception {
        String db = dir.resolve("db").toString();
        HashingEmbeddingModel model = new HashingEmbeddingModel(32);
        try (LanceDbEmbeddingStore store = LanceDbEmbeddingStore.builder().uri(db).tableName("kb").dimension(32)
                .metadataColumn("category", MetadataColumn.Kind.STRING).indexPolicy(IndexPolicy.explicit()).build()) {
            List<String> ids = new ArrayList<>();
            List<Embedding> vectors = new ArrayList<>();
            List<TextSegment> segments = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String text = "store row " + i;
                ids.add("store-" + i);
                vectors.add(Embedding.from(HashingEmbeddingModel.vector(text, 32)));
                segments.add(TextSegment.from(text, Metadata.from(Map.of("category", "c" + (i % 3), "n", i))));
            }
            store.addAll(ids, vectors, segments);
        }
        Path input = jsonLines("more.jsonl", 0, 200, "spark");
        IngestResult result = LanceIngest.builder().source(DocumentSource.jsonLines(input.toString())).database(db)
                .table("kb").embedding(EmbeddingSpec.hashing(32)).build().run(spark);
        assertThat(result.rowsWritten()).isEqualTo(200);

        try (LanceDbEmbeddingStore store = LanceDbEmbeddingStore.builder().uri(db).tableName("kb")
                .indexPolicy(IndexPolicy.explicit()).build()) {
            assertThat(store.table().countRows()).isEqualTo(500);
            assertThat(store.table().metadataColumns()).containsKey("category");
            EmbeddingMatch<TextSegment> old = store.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(model.embed("store row 7").content()).maxResults(1)
                    .filter(metadataKey("category").isEqualTo("c1")).build()).matches().get(0);
            assertThat(old.embeddingId()).isEqualTo("store-7");
            EmbeddingMatch<TextSegment> added = store.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(model.embed("entry 8 spark").content()).maxResults(1)
                    .filter(metadataKey("category").isEqualTo("c2")).build())
                    .matches().get(0);
            assertThat(added.embeddingId()).isEqualTo(Chunker.chunkId("d8", 0));
            // the typed column was filled by the job's writer: a filter on it counts the new rows too
            long typed = store.table().withDataset(ds -> ds.countRows("meta_category = 'c2'"));
            assertThat(typed).isEqualTo(100 + 66);
            // LangChain4j metadata has no lists: the store returns the job's string arrays as text
            assertThat(added.embedded().metadata().getString("tags")).isEqualTo("[t0, all]");
        }
    }
}
