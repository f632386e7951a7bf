package io.github.lancedb4j.springai;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;

import io.micrometer.observation.tck.TestObservationRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;

/** Every operation is observed as {@code db.vector.client.operation} with LanceDB's system, table, URI and metric. */
class ObservationTests {

    @TempDir
    Path directory;
    TestStores stores;
    TestObservationRegistry registry = TestObservationRegistry.create();
    LanceDbVectorStore store;

    @BeforeEach
    void open() {
        stores = TestStores.local(directory);
        store = LanceDbVectorStore.builder(TestStores.EMBEDDING_MODEL).database(stores.database()).tableName("observed")
                .initializeSchema(true).observationRegistry(registry).build();
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void add_query_and_delete_are_observed_with_lancedb_attributes() {
        store.add(List.of(new Document("id-1", "Lance tables live on disk or S3.", Map.of("k", "v"))));
        assertOperation("add");
        registry.clear();

        store.similaritySearch(SearchRequest.builder().query("Where do tables live?").topK(3).build());
        assertOperation("query");
        assertThat(registry).hasObservationWithNameEqualTo("db.vector.client.operation").that()
                .hasHighCardinalityKeyValue("db.vector.query.top_k", "3");
        registry.clear();

        store.delete(List.of("id-1"));
        assertOperation("delete");
    }

    private void assertOperation(String operation) {
        assertThat(registry).doesNotHaveAnyRemainingCurrentObservation()
                .hasObservationWithNameEqualTo("db.vector.client.operation")
                .that()
                .hasContextualNameEqualTo("lancedb " + operation)
                .hasLowCardinalityKeyValue("db.system", "lancedb")
                .hasLowCardinalityKeyValue("db.operation.name", operation)
                .hasHighCardinalityKeyValue("db.collection.name", "observed")
                .hasHighCardinalityKeyValue("db.namespace", directory.toAbsolutePath().toString())
                .hasHighCardinalityKeyValue("db.vector.dimension_count", "384")
                .hasHighCardinalityKeyValue("db.vector.field_name", "vector")
                .hasHighCardinalityKeyValue("db.search.similarity_metric", "cosine")
                .hasBeenStarted()
                .hasBeenStopped();
    }
}
