package io.github.lancedb4j.samples.springai;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.advisor.RetrievalAugmentationAdvisor;
import org.springframework.ai.rag.generation.augmentation.ContextualQueryAugmenter;
import org.springframework.ai.rag.retrieval.search.VectorStoreDocumentRetriever;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.Filter;

/**
 * Answers a question with a {@link ChatClient} and Spring AI's {@link RetrievalAugmentationAdvisor}: a
 * {@link VectorStoreDocumentRetriever} over the Lance table finds the passages (filter and top-k per question), the
 * augmenter puts them, each with its source, into the prompt.
 */
public class Assistant {

    private final ChatClient chatClient;
    private final VectorStore vectorStore;
    private final SampleProperties.Chat settings;

    public Assistant(ChatClient chatClient, VectorStore vectorStore, SampleProperties.Chat settings) {
        this.chatClient = chatClient;
        this.vectorStore = vectorStore;
        this.settings = settings;
    }

    /** The answer and the documents the model was given. */
    public record Answer(String answer, List<Document> documents) {
    }

    public Answer ask(String question, Integer topK, Filter.Expression filter) {
        VectorStoreDocumentRetriever.Builder retriever = VectorStoreDocumentRetriever.builder()
                .vectorStore(vectorStore)
                .topK(topK != null ? topK : settings.getTopK())
                .similarityThreshold(settings.getSimilarityThreshold());
        if (filter != null) {
            retriever.filterExpression(filter);
        }
        RetrievalAugmentationAdvisor advisor = RetrievalAugmentationAdvisor.builder()
                .documentRetriever(retriever.build())
                .queryAugmenter(ContextualQueryAugmenter.builder().documentFormatter(Assistant::format).build())
                .build();
        ChatClientResponse response = chatClient.prompt().advisors(advisor).user(question).call().chatClientResponse();
        ChatResponse chat = response.chatResponse();
        String answer = chat == null || chat.getResult() == null ? "" : chat.getResult().getOutput().getText();
        return new Answer(answer == null ? "" : answer, documents(response));
    }

    /** Each passage with a number and its source, so that the model can cite them. */
    static String format(List<Document> documents) {
        return IntStream.range(0, documents.size())
                .mapToObj(i -> "[" + (i + 1) + "] (source: " + documents.get(i).getMetadata().getOrDefault("source", "?")
                        + ")\n" + documents.get(i).getText())
                .collect(Collectors.joining("\n\n"));
    }

    @SuppressWarnings("unchecked")
    private static List<Document> documents(ChatClientResponse response) {
        Object documents = response.context().get(RetrievalAugmentationAdvisor.DOCUMENT_CONTEXT);
        if (documents == null && response.chatResponse() != null) {
            documents = response.chatResponse().getMetadata().get(RetrievalAugmentationAdvisor.DOCUMENT_CONTEXT);
        }
        return documents instanceof List<?> list ? (List<Document>) list : List.of();
    }

    @Override
    public String toString() {
        return settings.toString();
    }
}
