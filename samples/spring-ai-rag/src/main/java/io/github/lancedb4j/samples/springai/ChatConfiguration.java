package io.github.lancedb4j.samples.springai;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The chat model and the {@link Assistant} behind {@code POST /ask}: only when {@code sample.chat.api-key} is set (in
 * {@code application.yml} it defaults to {@code ${HOLYSHEEP_API_KEY:}}). Without it the application starts all the
 * same, offline, and {@code /ask} answers 503 with the property to set.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ChatConfiguration.ApiKeySet.class)
class ChatConfiguration {

    @Bean
    ChatModel chatModel(SampleProperties properties) {
        SampleProperties.Chat chat = properties.getChat();
        // Spring AI 2.0's setters return the raw builder type: one call per statement.
        OpenAiChatOptions.Builder options = OpenAiChatOptions.builder();
        options.baseUrl(chat.getBaseUrl());
        options.apiKey(chat.getApiKey());
        options.model(chat.getModel());
        options.timeout(chat.getTimeout());
        options.maxRetries(1);
        return OpenAiChatModel.builder().options(options.build()).build();
    }

    @Bean
    Assistant assistant(ChatModel chatModel, VectorStore vectorStore, SampleProperties properties) {
        return new Assistant(ChatClient.builder(chatModel).build(), vectorStore, properties.getChat());
    }

    /** {@code sample.chat.api-key} is set and not blank (an empty {@code ${HOLYSHEEP_API_KEY:}} does not count). */
    static class ApiKeySet extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("sample.chat.api-key"))
                    ? ConditionOutcome.match("sample.chat.api-key is set")
                    : ConditionOutcome.noMatch("sample.chat.api-key is not set: no chat model, /ask is off");
        }
    }
}
