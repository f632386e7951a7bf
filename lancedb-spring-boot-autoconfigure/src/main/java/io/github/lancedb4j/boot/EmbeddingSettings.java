package io.github.lancedb4j.boot;

import java.time.Duration;

/**
 * One store's embedding model, resolved: a named store's values over the root values over the defaults, and the
 * provider chosen. {@link #toString()} masks the API key.
 *
 * <p>The key rule: an API key is only sent to a host the configuration names. A provider's own key
 * ({@code holysheep.api-key}, {@code openai.api-key}) names its provider; the generic {@code api-key} needs
 * {@code provider} or {@code base-url}. A configuration that breaks the rule resolves, but {@link #validate()} —
 * called only when the starter builds the model — fails with both ways to fix it.
 *
 * @param provider       the provider, or null when the configuration does not say where a key goes
 * @param propertyPrefix where the user configures it, e.g. {@code lancedb.embedding} or
 *                       {@code lancedb.stores.small.embedding}, for messages
 * @param keyProblem     why the keys cannot be used as configured, or null
 */
public record EmbeddingSettings(EmbeddingProvider provider, String baseUrl, String apiKey, String model,
        Integer dimensions, int batchSize, Duration timeout, int maxRetries, String encodingFormat,
        String propertyPrefix, String keyProblem) {

    /** The dimension of the local all-MiniLM-L6-v2 model. */
    public static final int LOCAL_DIMENSIONS = 384;

    static EmbeddingSettings resolve(LanceDbProperties.Embedding root, LanceDbProperties.Embedding own,
            String propertyPrefix) {
        String genericKey = blankToNull(pick(own.getApiKey(), root.getApiKey()));
        String holysheepKey = blankToNull(pick(own.getHolysheep().getApiKey(), root.getHolysheep().getApiKey()));
        String openaiKey = blankToNull(pick(own.getOpenai().getApiKey(), root.getOpenai().getApiKey()));
        EmbeddingProvider provider = pick(own.getProvider(), root.getProvider());
        String baseUrl = pick(own.getBaseUrl(), root.getBaseUrl());
        String apiKey = null;
        String problem = null;
        String p = propertyPrefix;
        if (provider == EmbeddingProvider.LOCAL) {
            apiKey = null;
        } else if (provider != null) {
            String own_ = provider == EmbeddingProvider.HOLYSHEEP ? holysheepKey : openaiKey;
            apiKey = own_ != null ? own_ : genericKey;
            String other = provider == EmbeddingProvider.HOLYSHEEP ? openaiKey : holysheepKey;
            if (apiKey == null && other != null) {
                problem = p + ".provider is " + provider.displayName() + " but the only key configured is "
                        + p + "." + (provider == EmbeddingProvider.HOLYSHEEP ? "openai" : "holysheep")
                        + ".api-key, which is never sent to another provider.";
            }
        } else if (holysheepKey != null && openaiKey != null) {
            problem = "Both " + p + ".holysheep.api-key and " + p + ".openai.api-key are set, and " + p
                    + ".provider does not say which provider to use.";
        } else if (holysheepKey != null) {
            provider = EmbeddingProvider.HOLYSHEEP;
            apiKey = holysheepKey;
        } else if (openaiKey != null) {
            provider = EmbeddingProvider.OPENAI;
            apiKey = openaiKey;
        } else if (genericKey != null && baseUrl != null) {
            provider = EmbeddingProvider.HOLYSHEEP; // an OpenAI-compatible server at the configured base-url
            apiKey = genericKey;
        } else if (genericKey != null) {
            problem = p + ".api-key is set, but neither " + p + ".provider nor " + p + ".base-url says where to "
                    + "send it (a key is only sent to a host the configuration names).";
        } else {
            provider = EmbeddingProvider.LOCAL;
        }
        if (baseUrl == null && provider != null) {
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
                propertyPrefix, problem);
    }

    /** The two ways to say where a key goes, for every key-rule message. */
    private String keyOptions() {
        String p = propertyPrefix;
        return "Either give the key to its provider: " + p + ".holysheep.api-key (HolySheep, "
                + EmbeddingProvider.HOLYSHEEP.defaultBaseUrl() + ") or " + p + ".openai.api-key (OpenAI, "
                + EmbeddingProvider.OPENAI.defaultBaseUrl() + "); or keep " + p + ".api-key and name its destination "
                + "with " + p + ".provider=holysheep|openai or " + p + ".base-url=https://your-server/v1. Or set "
                + p + ".provider=local for the in-process model (no key, no network).";
    }

    /** Checks what building this model needs; called only when the starter builds it (a user's model wins). */
    void validate() {
        if (keyProblem != null) {
            throw new LanceDbConfigurationException(keyProblem, keyOptions());
        }
        if (provider.isRemote() && (apiKey == null || apiKey.isBlank())) {
            throw new LanceDbConfigurationException(propertyPrefix + ".provider is " + provider.displayName()
                    + " but no API key is configured.",
                    "Set " + propertyPrefix + "." + provider.displayName() + ".api-key (for example to ${"
                            + provider.name() + "_API_KEY}), or set " + propertyPrefix
                            + ".provider=local to use the in-process model (no key, no network).");
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static <T> T pick(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    @Override
    public String toString() {
        if (provider == null) {
            return "EmbeddingSettings[provider=unresolved: " + keyProblem + "]";
        }
        return "EmbeddingSettings[provider=" + provider.displayName()
                + (provider.isRemote() ? ", baseUrl=" + baseUrl + ", apiKey=" + Secrets.mask(apiKey) + ", model="
                        + model : "")
                + ", dimensions=" + dimensions + ", batchSize=" + batchSize + ", timeout=" + timeout
                + ", maxRetries=" + maxRetries + ", encodingFormat=" + encodingFormat + "]";
    }
}
