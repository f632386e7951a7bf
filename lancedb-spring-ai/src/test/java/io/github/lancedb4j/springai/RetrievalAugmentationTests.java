package io.github.lancedb4j.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.testing.OpenAiCompatibleServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.document.Document;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.rag.advisor.RetrievalAugmentationAdvisor;
import org.springframework.ai.rag.retrieval.search.VectorStoreDocumentRetriever;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;

/**
 * A ChatClient with Spring AI's retrieval advisor over our store, the in-process embedding model, and a chat model
 * played by a local OpenAI-compatible server: the retrieved documents must reach the chat request.
 */
class RetrievalAugmentationTests {

    @TempDir
    Path directory;
    TestStores stores;
    OpenAiCompatibleServer chatServer;
    LanceDbVectorStore store;

    @BeforeEach
    void ingest() {
        stores = TestStores.local(directory);
        chatServer = OpenAiCompatibleServer.start().requireApiKey("test-key");
        store = LanceDbVectorStore.builder(TestStores.EMBEDDING_MODEL).database(stores.database()).tableName("kb")
                .initializeSchema(true).build();
        store.add(List.of(
                new Document("Perseverance landed in Jezero Crater in 2021 and carried the Ingenuity helicopter.",
                        Map.of("source", "mars.md")),
                new Document("Curiosity landed in Gale Crater in 2012 and found clay minerals in mudstone.",
                        Map.of("source", "mars.md")),
                new Document("A sourdough starter doubles within four to eight hours after feeding.",
                        Map.of("source", "bread.md")),
                new Document("Ingenuity is also the name of a bakery product line.", Map.of("source", "bread.md"))));
    }

    @AfterEach
    void close() {
        chatServer.close();
        stores.close();
    }

    @Test
    void retrieved_documents_reach_the_chat_request() {
        chatServer.chatReply(request -> "Perseverance carried Ingenuity.");
        OpenAiChatOptions.Builder options = OpenAiChatOptions.builder();
        options.baseUrl(chatServer.baseUrl());
        options.apiKey("test-key");
        options.model("test-chat");
        ChatClient chatClient = ChatClient.builder(OpenAiChatModel.builder().options(options.build()).build())
                .defaultAdvisors(RetrievalAugmentationAdvisor.builder()
                        .documentRetriever(VectorStoreDocumentRetriever.builder()
                                .vectorStore(store)
                                .topK(2)
                                .similarityThreshold(0.2)
                                .filterExpression(new FilterExpressionBuilder().eq("source", "mars.md").build())
                                .build())
                        .build())
                .build();

        String answer = chatClient.prompt().user("Which rover carried the Ingenuity helicopter?").call().content();

        assertThat(answer).isEqualTo("Perseverance carried Ingenuity.");
        String prompt = chatServer.requests("/chat/completions").get(0).lastUserMessage();
        assertThat(prompt).contains("Which rover carried the Ingenuity helicopter?")
                .contains("Perseverance landed in Jezero Crater")
                .doesNotContain("bakery", "sourdough");
    }
}
