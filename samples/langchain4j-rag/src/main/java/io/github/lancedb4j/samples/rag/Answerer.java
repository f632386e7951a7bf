package io.github.lancedb4j.samples.rag;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.injector.DefaultContentInjector;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code ask}: retrieves passages with an {@link EmbeddingStoreContentRetriever} and either prints them or lets an
 * {@link AiServices} assistant answer from them, citing their paths.
 */
final class Answerer {

    /** The assistant; the passages (with their paths) are appended to the question by the retrieval augmentor. */
    interface Assistant {
        @SystemMessage("""
                You answer questions about a collection of documents, using only the passages that come with the \
                question. Each passage is followed by its path. Cite the path of every passage you use in square \
                brackets, e.g. [docs/guide.md]. If the passages do not contain the answer, say so plainly.""")
        Result<String> answer(String question);
    }

    private static final int SNIPPET_CHARS = 320;

    private final ContentRetriever retriever;

    Answerer(EmbeddingModel model, EmbeddingStore<TextSegment> store, int maxResults, double minScore, Filter filter) {
        this.retriever = EmbeddingStoreContentRetriever.builder()
                .embeddingStore(store)
                .embeddingModel(model)
                .maxResults(maxResults)
                .minScore(minScore)
                .filter(filter)
                .build();
    }

    List<Content> retrieve(String question) {
        return retriever.retrieve(Query.from(question));
    }

    /** Prints the passages with score, source and a snippet; returns how many there were. */
    int printPassages(String question, PrintStream out) {
        List<Content> passages = retrieve(question);
        if (passages.isEmpty()) {
            return 0;
        }
        out.println("Best passages for \"" + question + "\":");
        out.println();
        for (int i = 0; i < passages.size(); i++) {
            Content c = passages.get(i);
            out.println(source(i + 1, c));
            out.println("    " + snippet(c.textSegment().text()));
            out.println();
        }
        return passages.size();
    }

    /**
     * Answers through the chat model and prints the answer and its sources; returns the number of sources (0: no
     * passage was relevant enough, nothing was sent to the chat model).
     */
    int printAnswer(String question, ChatModel chatModel, PrintStream out) {
        if (retrieve(question).isEmpty()) {
            return 0;   // no context: do not let the model answer from its own knowledge
        }
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(chatModel)
                .retrievalAugmentor(DefaultRetrievalAugmentor.builder()
                        .contentRetriever(retriever)
                        .contentInjector(DefaultContentInjector.builder()
                                .metadataKeysToInclude(List.of(CorpusIngester.PATH))
                                .build())
                        .build())
                .build();
        Result<String> result = assistant.answer(question);
        out.println(result.content().strip());
        out.println();
        out.println("Sources:");
        List<Content> sources = result.sources();
        for (int i = 0; i < sources.size(); i++) {
            out.println(source(i + 1, sources.get(i)));
        }
        return sources.size();
    }

    private static String source(int rank, Content c) {
        Object score = c.metadata().get(ContentMetadata.SCORE);
        TextSegment s = c.textSegment();
        return String.format(Locale.ROOT, "[%d] %s  %s  (segment %s)", rank,
                score instanceof Number n ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : "-",
                s.metadata().getString(CorpusIngester.PATH), s.metadata().getInteger(CorpusIngester.SEGMENT));
    }

    static String snippet(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= SNIPPET_CHARS ? flat : flat.substring(0, SNIPPET_CHARS) + " …";
    }
}
