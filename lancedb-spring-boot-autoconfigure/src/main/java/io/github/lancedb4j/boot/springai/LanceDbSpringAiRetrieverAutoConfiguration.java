package io.github.lancedb4j.boot.springai;

import io.github.lancedb4j.boot.LanceDbProperties;
import io.github.lancedb4j.boot.SingleStoreCondition;
import io.github.lancedb4j.boot.StoreSettings;
import io.github.lancedb4j.springai.LanceDbDocumentRetriever;
import io.github.lancedb4j.springai.LanceDbVectorStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * {@code lancedbDocumentRetriever}: a {@code DocumentRetriever} for {@code RetrievalAugmentationAdvisor} over the
 * store, searching in its mode ({@code lancedb.search.mode}; Spring AI's {@code SearchRequest} has none) with
 * {@code lancedb.search.top-k} and {@code similarity-threshold}. Needs spring-ai-rag (the Spring AI starter brings
 * it); backs off when the application has a {@code DocumentRetriever}. Named stores get theirs from
 * {@link LanceDbSpringAiAutoConfiguration}.
 */
@AutoConfiguration(after = LanceDbSpringAiAutoConfiguration.class)
@ConditionalOnClass(name = LanceDbSpringAiAutoConfiguration.DOCUMENT_RETRIEVER)
public class LanceDbSpringAiRetrieverAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(type = LanceDbSpringAiAutoConfiguration.DOCUMENT_RETRIEVER)
    @ConditionalOnBean(LanceDbVectorStore.class)
    @Conditional(SingleStoreCondition.class)
    public LanceDbDocumentRetriever lancedbDocumentRetriever(LanceDbVectorStore lancedbVectorStore,
            LanceDbProperties properties) {
        return SpringAiStores.retriever(lancedbVectorStore, StoreSettings.all(properties).get(0));
    }
}
