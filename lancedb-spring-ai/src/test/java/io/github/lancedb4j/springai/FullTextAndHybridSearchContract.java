package io.github.lancedb4j.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.store.FullTextIndexInfo;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.SearchMode;
import io.github.lancedb4j.testing.OpenAiCompatibleServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.document.Document;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.advisor.RetrievalAugmentationAdvisor;
import org.springframework.ai.rag.retrieval.search.VectorStoreDocumentRetriever;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;

/**
 * Full-text and hybrid search through the Spring AI store and {@link LanceDbDocumentRetriever}, with the real
 * all-MiniLM-L6-v2 model: a literal code that vector search misses, filters on both arms, hostile query text, rows
 * added after the index, thresholds per mode, and retrieval augmentation. Run on a local table and on {@code s3://}.
 */
abstract class FullTextAndHybridSearchContract {

    static final String QUESTION = "Which help article covers KB-7731?";
    static final String CODE_ARTICLE = "KB-7731: rotate the webhook signing secret after it leaked";
    static final String CODE_ON_BILLING = "KB-7731 was also reported on the billing page";

    abstract LanceDatabase database();

    LanceDbVectorStore store(SearchMode mode) {
        LanceDbVectorStore store = LanceDbVectorStore.builder(TestStores.EMBEDDING_MODEL).database(database())
                .tableName("t_" + UUID.randomUUID().toString().replace("-", "")).initializeSchema(true)
                .searchMode(mode).build();
        // Articles with look-alike codes: an embedding barely tells KB-7731 from KB7713, BM25 matches it exactly.
        String[] topics = {"reset your password", "change the billing address", "export your invoices",
            "invite a team member", "enable two-factor sign-in", "delete your account", "change the plan",
            "connect a custom domain", "download the mobile app", "set up single sign-on"};
        String[] codes = {"KB7713", "KB7371", "KB1773", "KB7317", "KB3771", "KB7137", "KB1737", "KB7773",
            "KB7331", "KB7730"};
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < topics.length; i++) {
            documents.add(new Document("d" + i, codes[i] + ": how to " + topics[i],
                    Map.of("section", i % 2 == 0 ? "account" : "billing", "n", i)));
        }
        documents.add(new Document("code", CODE_ARTICLE, Map.of("section", "security", "n", 100)));
        documents.add(new Document("codeBilling", CODE_ON_BILLING, Map.of("section", "billing", "n", 101)));
        store.add(documents);
        return store;
    }

    static List<String> texts(List<Document> documents) {
        return documents.stream().map(Document::getText).toList();
    }

    static SearchRequest request(String text, int topK) {
        return SearchRequest.builder().query(text).topK(topK).build();
    }

    @Test
    void aLiteralCodeIsFoundByFullTextAndHybridButMissedByVectorSearch() {
        LanceDbVectorStore vector = store(SearchMode.VECTOR);
        LanceDbVectorStore fullText = store(SearchMode.FULL_TEXT);
        LanceDbVectorStore hybrid = store(SearchMode.HYBRID);

        assertThat(texts(vector.similaritySearch(request(QUESTION, 3)))).doesNotContain(CODE_ARTICLE);
        assertThat(texts(fullText.similaritySearch(request(QUESTION, 2))))
                .containsExactlyInAnyOrder(CODE_ARTICLE, CODE_ON_BILLING);
        assertThat(texts(hybrid.similaritySearch(request(QUESTION, 3)))).contains(CODE_ARTICLE, CODE_ON_BILLING);
        assertThat(texts(vector.similaritySearch(request(QUESTION, 3), SearchMode.HYBRID)))
                .as("the mode per call").contains(CODE_ARTICLE);
        assertThat(vector.fullTextIndex()).as("a vector store leaves the full-text index alone").isEmpty();
        assertThat(hybrid.fullTextIndex()).isPresent();
    }

    @Test
    void theRetrieverSearchesInItsModeWithTopKThresholdAndFilters() {
        LanceDbVectorStore store = store(SearchMode.VECTOR);
        LanceDbDocumentRetriever hybrid = LanceDbDocumentRetriever.builder(store).topK(3).build();
        LanceDbDocumentRetriever fullText = LanceDbDocumentRetriever.builder(store).searchMode(SearchMode.FULL_TEXT)
                .topK(5).build();
        LanceDbDocumentRetriever billingOnly = LanceDbDocumentRetriever.builder(store).topK(4)
                .filterExpression(new FilterExpressionBuilder().eq("section", "billing").build()).build();

        assertThat(hybrid.searchMode()).isEqualTo(SearchMode.HYBRID);
        assertThat(texts(hybrid.retrieve(new Query(QUESTION)))).hasSize(3).contains(CODE_ARTICLE);
        assertThat(texts(fullText.retrieve(new Query(QUESTION)))).containsExactlyInAnyOrder(CODE_ARTICLE,
                CODE_ON_BILLING);
        List<Document> billing = billingOnly.retrieve(new Query(QUESTION));
        assertThat(billing).hasSize(4).allSatisfy(d -> assertThat(d.getMetadata()).containsEntry("section", "billing"));
        assertThat(billing.get(0).getText()).isEqualTo(CODE_ON_BILLING);
        // A filter in the query's context wins over the configured one, as with VectorStoreDocumentRetriever.
        Query security = Query.builder().text(QUESTION)
                .context(Map.of(VectorStoreDocumentRetriever.FILTER_EXPRESSION, "section == 'security'")).build();
        assertThat(texts(billingOnly.retrieve(security))).containsExactly(CODE_ARTICLE);
    }

    @Test
    void theFilterAppliesToBothArms() {
        LanceDbVectorStore hybrid = store(SearchMode.HYBRID);
        SearchRequest billing = SearchRequest.builder().query(QUESTION).topK(4)
                .filterExpression("section == 'billing'").build();

        List<Document> documents = hybrid.similaritySearch(billing);

        assertThat(documents).hasSize(4)
                .allSatisfy(d -> assertThat(d.getMetadata()).containsEntry("section", "billing"));
        assertThat(documents.get(0).getText()).isEqualTo(CODE_ON_BILLING);
        assertThat(texts(documents)).doesNotContain(CODE_ARTICLE);
        assertThat(texts(store(SearchMode.FULL_TEXT).similaritySearch(billing))).containsExactly(CODE_ON_BILLING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"' OR 1=1 --", "\"KB-7731\" AND NOT billing", "KB-7731') OR true OR ('",
        "text:* -KB", "\\", "!!!", "日本語 😀 ünïcödé'ß", "nul\u0000byte KB-7731", "section == 'billing'"})
    void aHostileQueryTextIsOnlyWords(String hostile) {
        LanceDbVectorStore fullText = store(SearchMode.FULL_TEXT);
        LanceDbVectorStore hybrid = store(SearchMode.HYBRID);

        List<Document> byText = fullText.similaritySearch(request(hostile, 20));
        List<Document> fused = hybrid.similaritySearch(request(hostile, 20));

        List<String> words = Arrays.stream(hostile.toLowerCase().split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty()).toList();
        assertThat(byText).allSatisfy(d -> assertThat(words).anyMatch(w -> d.getText().toLowerCase().contains(w)));
        assertThat(byText.size()).isLessThan(4);
        assertThat(fused).hasSize(12);
        assertThat(hybrid.table().countRows()).isEqualTo(12);
    }

    @Test
    void documentsAddedAfterTheIndexIsBuiltAreFound() {
        LanceDbVectorStore hybrid = store(SearchMode.HYBRID);
        FullTextIndexInfo before = hybrid.fullTextIndex().orElseThrow();

        hybrid.add(List.of(new Document("late", "Release ZR-2048 removed the legacy export endpoint", Map.of())));

        assertThat(hybrid.fullTextIndex().orElseThrow().unindexedRows()).isGreaterThan(before.unindexedRows());
        assertThat(hybrid.similaritySearch(request("ZR-2048", 1))).extracting(Document::getId).containsExactly("late");
        hybrid.optimizeIndex();
        assertThat(hybrid.fullTextIndex().orElseThrow().unindexedRows()).isZero();
        assertThat(hybrid.similaritySearch(request("ZR-2048", 1))).extracting(Document::getId).containsExactly("late");
    }

    @Test
    void theThresholdComparesWithEachModesScore() {
        LanceDbVectorStore store = store(SearchMode.HYBRID);
        SearchRequest all = SearchRequest.builder().query("webhook secret leaked").topK(12).build();
        SearchRequest agreed = SearchRequest.from(all).similarityThreshold(0.51).build();

        List<Document> fused = store.similaritySearch(all);
        assertThat(fused).hasSize(12).allSatisfy(d -> assertThat(d.getScore()).isBetween(0.0, 1.0));
        assertThat(texts(store.similaritySearch(agreed))).containsExactly(CODE_ARTICLE);
        assertThat(fused.get(0).getMetadata()).containsKey("distance");

        List<Document> byText = store.similaritySearch(SearchRequest.builder().query("KB-7731 billing").topK(10)
                .build(), SearchMode.FULL_TEXT);
        assertThat(byText.get(0).getScore()).isEqualTo(1.0);
        assertThat(byText.get(0).getMetadata()).doesNotContainKey("distance");
        double second = byText.get(1).getScore();
        assertThat(store.similaritySearch(SearchRequest.builder().query("KB-7731 billing").topK(10)
                .similarityThreshold(second).build(), SearchMode.FULL_TEXT)).hasSize(2);
    }

    @Test
    void retrievedDocumentsReachTheChatRequestThroughTheRetrievalAdvisor() {
        LanceDbVectorStore store = store(SearchMode.VECTOR);
        try (OpenAiCompatibleServer chatServer = OpenAiCompatibleServer.start().requireApiKey("test-key")) {
            chatServer.chatReply(request -> "Rotate the webhook signing secret.");
            OpenAiChatOptions.Builder options = OpenAiChatOptions.builder();
            options.baseUrl(chatServer.baseUrl());
            options.apiKey("test-key");
            options.model("test-chat");
            ChatClient chatClient = ChatClient.builder(OpenAiChatModel.builder().options(options.build()).build())
                    .defaultAdvisors(RetrievalAugmentationAdvisor.builder()
                            .documentRetriever(LanceDbDocumentRetriever.builder(store).topK(2).build())
                            .build())
                    .build();

            chatClient.prompt().user(QUESTION).call().content();

            String prompt = chatServer.requests("/chat/completions").get(0).lastUserMessage();
            assertThat(prompt).contains(QUESTION).contains(CODE_ARTICLE);
        }
    }
}
