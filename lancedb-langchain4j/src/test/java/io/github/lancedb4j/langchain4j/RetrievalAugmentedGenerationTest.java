package io.github.lancedb4j.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.loader.FileSystemDocumentLoader;
import dev.langchain4j.data.document.parser.TextDocumentParser;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import io.github.lancedb4j.testing.OpenAiCompatibleServer;
import io.github.lancedb4j.testing.RecordedRequest;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole LangChain4j RAG chain over our store: real documents ingested with the in-process all-MiniLM-L6-v2 model,
 * retrieval with a metadata filter, and an AiServices assistant whose chat model is a local OpenAI-compatible server.
 */
class RetrievalAugmentedGenerationTest {

    interface Assistant {
        String answer(String question);
    }

    @TempDir
    Path directory;
    TestDatabases databases;
    OpenAiCompatibleServer chatServer;
    LanceDbEmbeddingStore store;

    @BeforeEach
    void ingestCorpus() throws URISyntaxException {
        databases = TestDatabases.local(directory);
        chatServer = OpenAiCompatibleServer.start().requireApiKey("test-key");
        store = LanceDbEmbeddingStore.builder().database(databases.database()).tableName("corpus").dimension(384).build();

        Path corpus = Path.of(getClass().getResource("/corpus").toURI());
        List<Document> documents = FileSystemDocumentLoader.loadDocuments(corpus, new TextDocumentParser());
        assertThat(documents).hasSize(3);
        EmbeddingStoreIngestor.builder()
                .documentSplitter(DocumentSplitters.recursive(400, 40))
                .embeddingModel(TestDatabases.EMBEDDING_MODEL)
                .embeddingStore(store)
                .build()
                .ingest(documents);
    }

    @AfterEach
    void close() {
        chatServer.close();
        databases.close();
    }

    @Test
    void relevant_segments_of_the_filtered_document_reach_the_chat_request() {
        chatServer.chatReply(request -> "Curiosity found clay minerals and organic molecules in Gale Crater.");
        EmbeddingStoreContentRetriever retriever = EmbeddingStoreContentRetriever.builder()
                .embeddingStore(store)
                .embeddingModel(TestDatabases.EMBEDDING_MODEL)
                .maxResults(2)
                .minScore(0.5)
                .filter(metadataKey("file_name").isEqualTo("mars.md"))
                .build();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(OpenAiChatModel.builder().baseUrl(chatServer.baseUrl()).apiKey("test-key")
                        .modelName("test-chat").build())
                .contentRetriever(retriever)
                .build();

        String answer = assistant.answer("What did the Curiosity rover find in Gale Crater?");

        assertThat(answer).contains("Gale Crater");
        List<RecordedRequest> chats = chatServer.requests("/chat/completions");
        assertThat(chats).hasSize(1);
        String prompt = chats.get(0).lastUserMessage();
        assertThat(prompt).contains("What did the Curiosity rover find in Gale Crater?")
                .contains("Curiosity landed in Gale Crater")
                .doesNotContain("sourdough", "Lance dataset");
    }

    @Test
    void the_filter_keeps_out_a_document_that_would_otherwise_rank_first() {
        EmbeddingStoreContentRetriever unfiltered = EmbeddingStoreContentRetriever.builder()
                .embeddingStore(store).embeddingModel(TestDatabases.EMBEDDING_MODEL).maxResults(1).build();
        EmbeddingStoreContentRetriever filtered = EmbeddingStoreContentRetriever.builder()
                .embeddingStore(store).embeddingModel(TestDatabases.EMBEDDING_MODEL).maxResults(1)
                .filter(metadataKey("file_name").isEqualTo("sourdough.md")).build();
        String question = "How do vector indexes with product quantization work?";

        assertThat(unfiltered.retrieve(dev.langchain4j.rag.query.Query.from(question)))
                .singleElement()
                .satisfies(c -> assertThat(c.textSegment().metadata().getString("file_name")).isEqualTo("lance-format.md"));
        assertThat(filtered.retrieve(dev.langchain4j.rag.query.Query.from(question)))
                .singleElement()
                .satisfies(c -> assertThat(c.textSegment().metadata().getString("file_name")).isEqualTo("sourdough.md"));
    }
}
