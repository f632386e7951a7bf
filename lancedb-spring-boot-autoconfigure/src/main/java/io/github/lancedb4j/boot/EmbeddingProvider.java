package io.github.lancedb4j.boot;

/** Where embeddings come from. */
public enum EmbeddingProvider {

    /** The in-process all-MiniLM-L6-v2 ONNX model (384 dimensions): no network, no API key. */
    LOCAL(null),

    /** HolySheep's OpenAI-compatible API (or any compatible API, with {@code base-url}). */
    HOLYSHEEP("https://api.holysheep.ai/v1"),

    /** OpenAI's API. */
    OPENAI("https://api.openai.com/v1");

    private final String defaultBaseUrl;

    EmbeddingProvider(String defaultBaseUrl) {
        this.defaultBaseUrl = defaultBaseUrl;
    }

    /** The base URL used when none is configured, including {@code /v1} (clients append {@code /embeddings}). */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    public boolean isRemote() {
        return this != LOCAL;
    }

    public String displayName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
