package io.github.lancedb4j.springai;

import io.github.lancedb4j.store.SearchMode;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.ai.rag.retrieval.search.VectorStoreDocumentRetriever;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.FilterExpressionTextParser;

/**
 * A {@link DocumentRetriever} over a {@link LanceDbVectorStore} that searches in a chosen {@link SearchMode} —
 * {@link SearchMode#HYBRID} by default, or full-text, or vector — for {@code RetrievalAugmentationAdvisor}, which
 * Spring AI's {@code SearchRequest} cannot ask for. It behaves like Spring AI's
 * {@link VectorStoreDocumentRetriever}: the same top-k, similarity threshold and filter expression, and a filter
 * expression in the query's context under {@link VectorStoreDocumentRetriever#FILTER_EXPRESSION} (a
 * {@link Filter.Expression} or its text) takes precedence over the configured one. Searches are observed like the
 * store's other searches.
 *
 * <pre>{@code
 * RetrievalAugmentationAdvisor.builder()
 *         .documentRetriever(LanceDbDocumentRetriever.builder(store).searchMode(SearchMode.HYBRID).topK(5).build())
 *         .build();
 * }</pre>
 *
 * <p>The threshold compares with each mode's score (see {@link LanceDbVectorStore}): the cosine similarity for
 * vector search, the BM25 score relative to the best match for full-text, the normalised fused score for hybrid; 0
 * accepts every document.
 */
public final class LanceDbDocumentRetriever implements DocumentRetriever {

    private final LanceDbVectorStore store;
    private final SearchMode searchMode;
    private final int topK;
    private final double similarityThreshold;
    private final Supplier<Filter.Expression> filterExpression;

    private LanceDbDocumentRetriever(Builder b) {
        this.store = b.store;
        this.searchMode = b.searchMode;
        this.topK = b.topK;
        this.similarityThreshold = b.similarityThreshold;
        this.filterExpression = b.filterExpression;
    }

    public static Builder builder(LanceDbVectorStore store) {
        return new Builder(store);
    }

    @Override
    public List<Document> retrieve(Query query) {
        Objects.requireNonNull(query, "query cannot be null");
        SearchRequest.Builder request = SearchRequest.builder()
                .query(query.text())
                .topK(topK)
                .similarityThreshold(similarityThreshold);
        Filter.Expression filter = filterFor(query);
        if (filter != null) {
            request.filterExpression(filter);
        }
        return store.similaritySearch(request.build(), searchMode);
    }

    public SearchMode searchMode() {
        return searchMode;
    }

    private Filter.Expression filterFor(Query query) {
        Object fromContext = query.context().get(VectorStoreDocumentRetriever.FILTER_EXPRESSION);
        if (fromContext instanceof Filter.Expression expression) {
            return expression;
        }
        if (fromContext != null && !fromContext.toString().isBlank()) {
            return new FilterExpressionTextParser().parse(fromContext.toString());
        }
        return filterExpression.get();
    }

    @Override
    public String toString() {
        return "LanceDbDocumentRetriever[store=" + store + ", searchMode=" + searchMode + ", topK=" + topK
                + ", similarityThreshold=" + similarityThreshold + "]";
    }

    public static final class Builder {
        private final LanceDbVectorStore store;
        private SearchMode searchMode = SearchMode.HYBRID;
        private int topK = SearchRequest.DEFAULT_TOP_K;
        private double similarityThreshold = SearchRequest.SIMILARITY_THRESHOLD_ACCEPT_ALL;
        private Supplier<Filter.Expression> filterExpression = () -> null;

        private Builder(LanceDbVectorStore store) {
            this.store = Objects.requireNonNull(store, "store cannot be null");
        }

        /** What to rank by (default {@link SearchMode#HYBRID}). */
        public Builder searchMode(SearchMode searchMode) {
            this.searchMode = Objects.requireNonNull(searchMode, "searchMode cannot be null");
            return this;
        }

        /** The number of documents to retrieve, &gt; 0 (default {@value SearchRequest#DEFAULT_TOP_K}). */
        public Builder topK(int topK) {
            if (topK <= 0) {
                throw new IllegalArgumentException("topK must be greater than 0, got " + topK);
            }
            this.topK = topK;
            return this;
        }

        /** The lowest score kept, in [0, 1] (default 0: every document). */
        public Builder similarityThreshold(double similarityThreshold) {
            if (!(similarityThreshold >= 0.0 && similarityThreshold <= 1.0)) {
                throw new IllegalArgumentException("similarityThreshold must be in [0, 1], got " + similarityThreshold);
            }
            this.similarityThreshold = similarityThreshold;
            return this;
        }

        /** A fixed filter on the documents' metadata (null: none). */
        public Builder filterExpression(Filter.Expression filterExpression) {
            return filterExpression(() -> filterExpression);
        }

        /** A filter computed per retrieval, e.g. from the current user or tenant. */
        public Builder filterExpression(Supplier<Filter.Expression> filterExpression) {
            this.filterExpression = Objects.requireNonNull(filterExpression, "filterExpression cannot be null");
            return this;
        }

        public LanceDbDocumentRetriever build() {
            return new LanceDbDocumentRetriever(this);
        }
    }
}
