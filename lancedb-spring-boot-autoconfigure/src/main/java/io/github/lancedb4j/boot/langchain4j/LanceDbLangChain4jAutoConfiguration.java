package io.github.lancedb4j.boot.langchain4j;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.store.embedding.EmbeddingStore;
import io.github.lancedb4j.boot.EmbeddingModelChoice;
import io.github.lancedb4j.boot.LanceDbAutoConfiguration;
import io.github.lancedb4j.boot.LanceDbEmbeddingModelAutoConfiguration;
import io.github.lancedb4j.boot.LanceDbProperties;
import io.github.lancedb4j.boot.LanceDbTables;
import io.github.lancedb4j.boot.NamedStoreBeans;
import io.github.lancedb4j.boot.SingleStoreCondition;
import io.github.lancedb4j.boot.StoreSettings;
import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * The LangChain4j {@link EmbeddingStore EmbeddingStore&lt;TextSegment&gt;}: {@code lancedbEmbeddingStore} and its
 * {@code lancedbContentRetriever}, or with named stores one {@code <name>EmbeddingStore}, {@code <name>EmbeddingModel}
 * and {@code <name>ContentRetriever} per name, qualified by the name.
 */
@AutoConfiguration(after = {LanceDbAutoConfiguration.class, LanceDbEmbeddingModelAutoConfiguration.class},
        // Before LangChain4j's own starter, whose RAG auto-configuration otherwise registers an in-memory store.
        beforeName = "dev.langchain4j.spring.LangChain4jAutoConfig")
@ConditionalOnClass({EmbeddingStore.class, LanceDbEmbeddingStore.class})
@ConditionalOnBean(LanceDbTables.class)
public class LanceDbLangChain4jAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(EmbeddingStore.class)
    @Conditional(SingleStoreCondition.class)
    public LanceDbEmbeddingStore lancedbEmbeddingStore(LanceDbTables lancedbTables, LanceDbProperties properties,
            BeanFactory beans, ObjectProvider<EmbeddingModel> embeddingModels) {
        StoreSettings settings = StoreSettings.all(properties).get(0);
        return LangChain4jStores.create(lancedbTables, settings,
                EmbeddingModelChoice.choose(beans, embeddingModels, EmbeddingModel.class, "lancedbEmbeddingStore"));
    }

    /**
     * A content retriever over the store, searching in its mode ({@code lancedb.search.mode}: vector, full-text or
     * hybrid) with {@code lancedb.search.top-k} and {@code similarity-threshold}; backs off when the application has
     * a {@link ContentRetriever}.
     */
    @Bean
    @ConditionalOnMissingBean(ContentRetriever.class)
    @ConditionalOnBean({LanceDbEmbeddingStore.class, EmbeddingModel.class})
    @Conditional(SingleStoreCondition.class)
    public ContentRetriever lancedbContentRetriever(LanceDbEmbeddingStore lancedbEmbeddingStore,
            LanceDbProperties properties, BeanFactory beans, ObjectProvider<EmbeddingModel> embeddingModels) {
        return LangChain4jStores.retriever(lancedbEmbeddingStore,
                EmbeddingModelChoice.choose(beans, embeddingModels, EmbeddingModel.class, "lancedbContentRetriever"),
                StoreSettings.all(properties).get(0));
    }

    @Bean
    @Conditional(SingleStoreCondition.Named.class)
    public static BeanDefinitionRegistryPostProcessor lancedbLangChain4jNamedStores(Environment environment) {
        return (BeanDefinitionRegistry registry) -> {
            BeanFactory beans = (BeanFactory) registry;
            for (StoreSettings s : NamedStoreBeans.stores(environment)) {
                boolean ownStore = registry.containsBeanDefinition(s.beanName("EmbeddingStore"));
                String modelName = s.beanName("EmbeddingModel");
                NamedStoreBeans.register(registry, modelName, s.name(), EmbeddingModel.class, () -> {
                    s.validateEmbedding();
                    return LangChain4jEmbeddingModels.create(s.embedding());
                });
                NamedStoreBeans.register(registry, s.beanName("EmbeddingStore"), s.name(),
                        LanceDbEmbeddingStore.class, () -> LangChain4jStores.create(beans.getBean(LanceDbTables.class),
                                s, beans.getBean(modelName, EmbeddingModel.class)));
                if (!ownStore) {
                    NamedStoreBeans.register(registry, s.beanName("ContentRetriever"), s.name(),
                            ContentRetriever.class, () -> LangChain4jStores.retriever(beans.getBean(
                                    s.beanName("EmbeddingStore"), LanceDbEmbeddingStore.class),
                                    beans.getBean(modelName, EmbeddingModel.class), s));
                }
            }
        };
    }

}
