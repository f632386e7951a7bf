package io.github.lancedb4j.samples.rag;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import java.util.Map;

/**
 * The optional chat model for {@code ask}, from the environment: {@code HOLYSHEEP_API_KEY} (with
 * {@code HOLYSHEEP_BASE_URL}, default {@value #HOLYSHEEP_URL}) or {@code OPENAI_API_KEY} (with
 * {@code OPENAI_BASE_URL}, default {@value #OPENAI_URL}), and {@code CHAT_MODEL} (default {@value #DEFAULT_MODEL}).
 */
record ChatSettings(String baseUrl, String apiKey, String modelName) {

    static final String HOLYSHEEP_URL = "https://api.holysheep.ai/v1";
    static final String OPENAI_URL = "https://api.openai.com/v1";
    static final String DEFAULT_MODEL = "gpt-4o-mini";

    /** The settings, or null when no API key is set. */
    static ChatSettings fromEnvironment(Map<String, String> env) {
        String model = nonBlank(env.get("CHAT_MODEL"), DEFAULT_MODEL);
        String holySheepKey = env.get("HOLYSHEEP_API_KEY");
        if (holySheepKey != null && !holySheepKey.isBlank()) {
            return new ChatSettings(nonBlank(env.get("HOLYSHEEP_BASE_URL"), HOLYSHEEP_URL), holySheepKey, model);
        }
        String openAiKey = env.get("OPENAI_API_KEY");
        if (openAiKey != null && !openAiKey.isBlank()) {
            return new ChatSettings(nonBlank(env.get("OPENAI_BASE_URL"), OPENAI_URL), openAiKey, model);
        }
        return null;
    }

    ChatModel chatModel() {
        return OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey)
                .modelName(modelName)
                .temperature(0.0)
                .timeout(Duration.ofSeconds(120))
                .maxRetries(1)
                .build();
    }

    /** Without the key. */
    @Override
    public String toString() {
        return modelName + " at " + baseUrl;
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
