package io.github.lancedb4j.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.SearchTuning;
import io.github.lancedb4j.store.VectorIndexInfo;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;

/** Index management through the Spring AI store. */
class IndexedVectorStoreTests {

    @TempDir
    Path directory;
    TestStores stores;

    @BeforeEach
    void open() {
        stores = TestStores.local(directory);
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void an_index_built_through_the_store_serves_filtered_searches() {
        LanceDbVectorStore store = LanceDbVectorStore.builder(TestStores.EMBEDDING_MODEL).database(stores.database())
                .tableName("indexed").initializeSchema(true).indexPolicy(IndexPolicy.explicit()).build();
        List<Document> documents = new ArrayList<>();
        String[] topics = {"rivers", "mountains", "deserts", "oceans", "forests"};
        for (int i = 0; i < 300; i++) {
            String topic = topics[i % topics.length];
            documents.add(new Document("doc-" + i, "A note about " + topic + " number " + i, Map.of("topic", topic, "i", i)));
        }
        store.add(documents);
        SearchRequest request = SearchRequest.builder().query("notes about deserts").topK(5)
                .filterExpression("topic == 'deserts'").build();
        List<String> exact = store.similaritySearch(request).stream().map(Document::getId).toList();

        VectorIndexInfo index = store.createIndex(VectorIndexSpec.of(VectorIndexType.IVF_FLAT).withPartitions(8));

        assertThat(store.index()).contains(index);
        List<Document> indexed = store.similaritySearch(request, SearchTuning.of(8, null, null));
        assertThat(indexed).extracting(Document::getId).isEqualTo(exact);
        assertThat(indexed).allSatisfy(d -> assertThat(d.getMetadata()).containsEntry("topic", "deserts"));
    }
}
