package io.github.lancedb4j.springai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;

/** Spring AI's text filters with long chains — {@code a == 1 || a == 2 || …} — run inside Lance. */
class LongFilterChainTests {

    @TempDir
    Path directory;

    @Test
    void an_or_chain_of_150_terms_and_an_and_chain_of_150_terms_run() {
        try (LanceDbVectorStore store = TwoStoresOneTableTests.store(directory.toString())) {
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                documents.add(new Document("id-" + i, "document number " + i, Map.of("n", i)));
            }
            store.add(documents);

            String anyOf = IntStream.range(0, 150).mapToObj(i -> "n == " + (2 * i)).collect(Collectors.joining(" || "));
            assertThat(search(store, anyOf)).hasSize(150).allMatch(d -> ((Number) d.getMetadata().get("n")).intValue() % 2 == 0);

            String noneOf = IntStream.range(0, 150).mapToObj(i -> "n != " + i).collect(Collectors.joining(" && "));
            store.delete(noneOf);
            assertThat(search(store, null)).hasSize(150)
                    .allMatch(d -> ((Number) d.getMetadata().get("n")).intValue() < 150);
        }
    }

    private static List<Document> search(LanceDbVectorStore store, String filter) {
        SearchRequest.Builder request = SearchRequest.builder().query("document").topK(300);
        if (filter != null) {
            request.filterExpression(filter);
        }
        return store.similaritySearch(request.build());
    }
}
