package io.github.lancedb4j.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;

/**
 * One table, both frameworks: what LangChain4j writes, Spring AI reads, and the reverse — text, metadata and scores
 * intact (each framework's score convention: LangChain4j {@code (1 + cos) / 2}, Spring AI {@code cos}).
 */
class CrossFrameworkTests {

    @TempDir
    Path directory;
    TestStores stores;
    LanceDbEmbeddingStore langchain4j;
    LanceDbVectorStore springAi;
    dev.langchain4j.model.embedding.EmbeddingModel model =
            ((LangChain4jEmbeddingModel) TestStores.EMBEDDING_MODEL).delegate();

    @BeforeEach
    void open() {
        stores = TestStores.local(directory);
        langchain4j = LanceDbEmbeddingStore.builder().database(stores.database()).tableName("shared").dimension(384).build();
        springAi = LanceDbVectorStore.builder(TestStores.EMBEDDING_MODEL).database(stores.database()).tableName("shared")
                .build();
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void spring_ai_reads_what_langchain4j_wrote() {
        TextSegment segment = TextSegment.from("Lance tables can live on S3.",
                Metadata.from(Map.of("source", "guide.md", "page", 7, "weight", 0.5d)));
        langchain4j.addAll(List.of("lc4j-1"), List.of(model.embed(segment).content()), List.of(segment));

        Document doc = springAi.similaritySearch(SearchRequest.builder().query("Where can Lance tables live?").topK(1)
                .filterExpression("source == 'guide.md' && page == 7").build()).get(0);
        EmbeddingMatch<TextSegment> match = langchain4j.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(model.embed("Where can Lance tables live?").content()).maxResults(1).build()).matches().get(0);

        assertThat(doc.getId()).isEqualTo("lc4j-1");
        assertThat(doc.getText()).isEqualTo(segment.text());
        assertThat(doc.getMetadata()).containsEntry("source", "guide.md").containsEntry("page", 7).containsEntry("weight", 0.5d);
        assertThat(match.score()).isCloseTo((1 + doc.getScore()) / 2, within(1e-6));
    }

    @Test
    void langchain4j_reads_what_spring_ai_wrote() {
        springAi.add(List.of(new Document("sa-1", "Spring AI documents have ids.",
                Map.of("source", "spring.md", "year", 2026, "draft", true))));

        EmbeddingMatch<TextSegment> match = langchain4j.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(model.embed("What do documents have?").content()).maxResults(1)
                .filter(dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey("year").isEqualTo(2026))
                .build()).matches().get(0);
        Document doc = springAi.similaritySearch(SearchRequest.builder().query("What do documents have?").topK(1).build())
                .get(0);

        assertThat(match.embeddingId()).isEqualTo("sa-1");
        assertThat(match.embedded().text()).isEqualTo("Spring AI documents have ids.");
        assertThat(match.embedded().metadata().getString("source")).isEqualTo("spring.md");
        assertThat(match.embedded().metadata().getInteger("year")).isEqualTo(2026);
        assertThat(match.embedded().metadata().getString("draft")).isEqualTo("true"); // LangChain4j has no Boolean
        assertThat(match.score()).isCloseTo((1 + doc.getScore()) / 2, within(1e-6));
    }
}
