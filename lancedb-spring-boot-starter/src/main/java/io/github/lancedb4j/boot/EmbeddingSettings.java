package io.github.lancedb4j.boot;

import java.time.Duration;

/**
 * One store's embedding model, resolved: a named store's values over the root values over the defaults, and the
 * provider chosen. {@link #toString()} masks the API key.
 *
 * @param propertyPrefix where the user configures it, e.g. {@code lancedb.embedding} or
 *                       {@code lancedb.stores.small.embedding}, for messages
 */
public record EmbeddingSettings(EmbeddingProvider provider, String baseUrl, String apiKey, String model,
        Integer dimensions, int batchSize, Duration timeout, int maxRetries, String encodingFormat,
        String propertyPrefix) {

    /** The dimension of the local all-MiniLM-L6-v2 model. */
    public static final int LOCAL_DIMENSIONS = 384;

    static EmbeddingSettings resolve(LanceDbProperties.Embedding root, LanceDbProperties.Embedding own,
            String propertyPrefix) {
        String apiKey = pick(own.getApiKey(), root.getApiKey());
        EmbeddingProvider provider = pick(own.getProvider(), root.getProvider());
        if (provider == null) {
            provider = apiKey == null || apiKey.isBlank() ? EmbeddingProvider.LOCAL : EmbeddingProvider.HOLYSHEEP;
        }
        String baseUrl = pick(own.getBaseUrl(), root.getBaseUrl());
        if (baseUrl == null) {
            baseUrl = provider.defaultBaseUrl();
        }
        return new EmbeddingSettings(provider, baseUrl, apiKey,
                pick(pick(own.getModel(), root.getModel()), LanceDbProperties.Embedding.DEFAULT_MODEL),
                pick(own.getDimensions(), root.getDimensions()),
                pick(pick(own.getBatchSize(), root.getBatchSize()), LanceDbProperties.Embedding.DEFAULT_BATCH_SIZE),
                pick(pick(own.getTimeout(), root.getTimeout()), LanceDbProperties.Embedding.DEFAULT_TIMEOUT),
                pick(pick(own.getMaxRetries(), root.getMaxRetries()), LanceDbProperties.Embedding.DEFAULT_MAX_RETRIES),
                pick(pick(own.getEncodingFormat(), root.getEncodingFormat()),
                        LanceDbProperties.Embedding.DEFAULT_ENCODING_FORMAT),
                propertyPrefix);
    }

    /** Checks what building this model needs; called only when the starter builds it (a user's model wins). */
    void validate() {
        if (provider.isRemote() && (apiKey == null || apiKey.isBlank())) {
            throw new LanceDbConfigurationException(propertyPrefix + ".provider is " + provider.displayName()
                    + " but no API key is configured.",
                    "Set " + propertyPrefix + ".api-key (for example to ${HOLYSHEEP_API_KEY}), or set "
                            + propertyPrefix + ".provider=local to use the in-process model (no key, no network).");
        }
        if (provider == EmbeddingProvider.LOCAL && dimensions != null && dimensions != LOCAL_DIMENSIONS) {
            throw new LanceDbConfigurationException(propertyPrefix + ".dimensions is " + dimensions
                    + " but the local all-MiniLM-L6-v2 model produces " + LOCAL_DIMENSIONS + " dimensions.",
                    "Remove " + propertyPrefix + ".dimensions, or choose a provider whose model supports "
                            + dimensions + " dimensions.");
        }
        if (!"float".equals(encodingFormat) && !"base64".equals(encodingFormat)) {
            throw new LanceDbConfigurationException(propertyPrefix + ".encoding-format is '" + encodingFormat + "'.",
                    "Set " + propertyPrefix + ".encoding-format to float or base64.");
        }
        if (batchSize <= 0) {
            throw new LanceDbConfigurationException(propertyPrefix + ".batch-size is " + batchSize + ".",
                    "Set " + propertyPrefix + ".batch-size to a positive number.");
        }
    }

    /** The dimension known without calling the model, or null. */
    Integer knownDimensions() {
        return provider == EmbeddingProvider.LOCAL ? Integer.valueOf(LOCAL_DIMENSIONS) : dimensions;
    }

    private static <T> T pick(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    @Override
    public String toString() {
        return "EmbeddingSettings[provider=" + provider.displayName()
                + (provider.isRemote() ? ", baseUrl=" + baseUrl + ", apiKey=" + Secrets.mask(apiKey) + ", model="
                        + model : "")
                + ", dimensions=" + dimensions + ", batchSize=" + batchSize + ", timeout=" + timeout
                + ", maxRetries=" + maxRetries + ", encodingFormat=" + encodingFormat + "]";
    }
}
