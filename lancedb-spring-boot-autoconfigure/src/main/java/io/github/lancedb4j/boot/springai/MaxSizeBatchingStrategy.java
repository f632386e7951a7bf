package io.github.lancedb4j.boot.springai;

import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.embedding.TokenCountBatchingStrategy;

/**
 * Spring AI's token-count batching, with at most {@code maxSize} documents per embeddings request
 * ({@code lancedb.embedding.batch-size}).
 */
public class MaxSizeBatchingStrategy implements BatchingStrategy {

    private final BatchingStrategy tokens = new TokenCountBatchingStrategy();
    private final int maxSize;

    public MaxSizeBatchingStrategy(int maxSize) {
        if (maxSize <= 0) {
            throw new IllegalArgumentException("maxSize must be positive, got " + maxSize);
        }
        this.maxSize = maxSize;
    }

    @Override
    public List<List<Document>> batch(List<Document> documents) {
        List<List<Document>> batches = new ArrayList<>();
        for (List<Document> batch : tokens.batch(documents)) {
            for (int from = 0; from < batch.size(); from += maxSize) {
                batches.add(batch.subList(from, Math.min(batch.size(), from + maxSize)));
            }
        }
        return batches;
    }
}
