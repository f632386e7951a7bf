package io.github.lancedb4j.samples.springai;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The sample's own settings, under {@code sample.*}; the store itself is configured under {@code lancedb.*}. */
@ConfigurationProperties(prefix = "sample")
public class SampleProperties {

    /** Ingest the bundled documents (classpath:sample-docs/) at startup when the table is empty. */
    private boolean sampleDocuments = true;

    /** Target chunk size, in tokens, when an uploaded file is split. */
    private int chunkSize = 300;

    /** The optional chat model behind POST /ask. */
    private final Chat chat = new Chat();

    public boolean isSampleDocuments() {
        return sampleDocuments;
    }

    public void setSampleDocuments(boolean sampleDocuments) {
        this.sampleDocuments = sampleDocuments;
    }

    public int getChunkSize() {
        return chunkSize;
    }

    public void setChunkSize(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    public Chat getChat() {
        return chat;
    }

    /** An OpenAI-compatible chat model; configured only when {@code api-key} is set. */
    public static class Chat {

        public static final String HOLYSHEEP_URL = "https://api.holysheep.ai/v1";

        /** The provider's API key; without it /ask is off. Never logged. */
        private String apiKey;

        /** The provider's OpenAI-compatible base URL, including /v1. */
        private String baseUrl = HOLYSHEEP_URL;

        /** The chat model. */
        private String model = "gpt-4o-mini";

        /** Documents retrieved for a question, unless the request says otherwise. */
        private int topK = 4;

        /**
         * Lowest score (cosine similarity) a retrieved document must reach to be given to the model: unrelated
         * passages only distract it.
         */
        private double similarityThreshold = 0.2;

        /** Per-request timeout of the chat model. */
        private Duration timeout = Duration.ofSeconds(120);

        public boolean isConfigured() {
            return apiKey != null && !apiKey.isBlank();
        }

        public String getApiKey() {
            return apiKey;
        }

        public void setApiKey(String apiKey) {
            this.apiKey = apiKey;
        }

        public String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public String getModel() {
            return model;
        }

        public void setModel(String model) {
            this.model = model;
        }

        public int getTopK() {
            return topK;
        }

        public void setTopK(int topK) {
            this.topK = topK;
        }

        public double getSimilarityThreshold() {
            return similarityThreshold;
        }

        public void setSimilarityThreshold(double similarityThreshold) {
            this.similarityThreshold = similarityThreshold;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        /** Without the key. */
        @Override
        public String toString() {
            return model + " at " + baseUrl;
        }
    }
}
