package io.github.lancedb4j.boot.springai;

import io.github.lancedb4j.boot.EmbeddingModelChoice;
import io.github.lancedb4j.boot.LanceDbAutoConfiguration;
import io.github.lancedb4j.boot.LanceDbConfigurationException;
import io.github.lancedb4j.boot.LanceDbEmbeddingModelAutoConfiguration;
import io.github.lancedb4j.boot.LanceDbProperties;
import io.github.lancedb4j.boot.LanceDbTables;
import io.github.lancedb4j.boot.NamedStoreBeans;
import io.github.lancedb4j.boot.SingleStoreCondition;
import io.github.lancedb4j.boot.StoreSettings;
import io.github.lancedb4j.springai.LanceDbDocumentRetriever;
import io.github.lancedb4j.springai.LanceDbVectorStore;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationConvention;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * The Spring AI {@link VectorStore}: {@code lancedbVectorStore} and its {@code lancedbDocumentRetriever}, or with
 * named stores one {@code <name>VectorStore}, {@code <name>SpringAiEmbeddingModel} and {@code <name>DocumentRetriever}
 * per name, qualified by the name. Off with
 * {@code spring.ai.vectorstore.type=none} (or any type other than {@code lancedb}).
 */
@AutoConfiguration(after = {LanceDbAutoConfiguration.class, LanceDbEmbeddingModelAutoConfiguration.class})
@ConditionalOnClass({VectorStore.class, LanceDbVectorStore.class})
@ConditionalOnBean(LanceDbTables.class)
@ConditionalOnProperty(name = LanceDbSpringAiAutoConfiguration.VECTOR_STORE_TYPE, havingValue = "lancedb",
        matchIfMissing = true)
public class LanceDbSpringAiAutoConfiguration {

    /** Spring AI's vector store selector ({@code SpringAIVectorStoreTypes.TYPE}). */
    public static final String VECTOR_STORE_TYPE = "spring.ai.vectorstore.type";

    @Bean
    @ConditionalOnMissingBean(VectorStore.class)
    @Conditional(SingleStoreCondition.class)
    public LanceDbVectorStore lancedbVectorStore(LanceDbTables lancedbTables, LanceDbProperties properties,
            BeanFactory beans, ObjectProvider<EmbeddingModel> embeddingModels,
            ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<VectorStoreObservationConvention> convention, ObjectProvider<BatchingStrategy> batching) {
        EmbeddingModel embeddingModel = EmbeddingModelChoice.choose(beans, embeddingModels, EmbeddingModel.class,
                "lancedbVectorStore");
        if (embeddingModel == null) {
            throw new LanceDbConfigurationException("The LanceDB vector store needs a Spring AI EmbeddingModel and "
                    + "the application context has none.", "Add lancedb-spring-ai-spring-boot-starter (it brings "
                    + "the models the store builds from lancedb.embedding.*), or define an EmbeddingModel bean.");
        }
        return SpringAiStores.create(lancedbTables, StoreSettings.all(properties).get(0), embeddingModel,
                observations.getIfUnique(() -> ObservationRegistry.NOOP), convention.getIfAvailable(),
                batching.getIfAvailable());
    }

    static final String DOCUMENT_RETRIEVER = "org.springframework.ai.rag.retrieval.search.DocumentRetriever";

    @Bean
    @Conditional(SingleStoreCondition.Named.class)
    public static BeanDefinitionRegistryPostProcessor lancedbSpringAiNamedStores(Environment environment) {
        return (BeanDefinitionRegistry registry) -> {
            BeanFactory beans = (BeanFactory) registry;
            for (StoreSettings s : NamedStoreBeans.stores(environment)) {
                boolean ownStore = registry.containsBeanDefinition(s.beanName("VectorStore"));
                String modelName = s.beanName("SpringAiEmbeddingModel");
                NamedStoreBeans.register(registry, modelName, s.name(), EmbeddingModel.class, () -> {
                    s.validateEmbedding();
                    return SpringAiEmbeddingModels.create(s.embedding(), observations(beans));
                });
                NamedStoreBeans.register(registry, s.beanName("VectorStore"), s.name(), LanceDbVectorStore.class,
                        () -> SpringAiStores.create(beans.getBean(LanceDbTables.class), s,
                                beans.getBean(modelName, EmbeddingModel.class), observations(beans),
                                beans.getBeanProvider(VectorStoreObservationConvention.class).getIfAvailable(),
                                beans.getBeanProvider(BatchingStrategy.class).getIfAvailable()));
                if (!ownStore && org.springframework.util.ClassUtils.isPresent(DOCUMENT_RETRIEVER,
                        LanceDbSpringAiAutoConfiguration.class.getClassLoader())) {
                    NamedStoreBeans.register(registry, s.beanName("DocumentRetriever"), s.name(),
                            LanceDbDocumentRetriever.class, () -> SpringAiStores.retriever(
                                    beans.getBean(s.beanName("VectorStore"), LanceDbVectorStore.class), s));
                }
            }
        };
    }

    private static ObservationRegistry observations(BeanFactory beans) {
        return beans.getBeanProvider(ObservationRegistry.class).getIfUnique(() -> ObservationRegistry.NOOP);
    }
}
