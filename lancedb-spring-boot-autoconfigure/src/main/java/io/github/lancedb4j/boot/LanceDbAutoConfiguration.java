package io.github.lancedb4j.boot;

import io.github.lancedb4j.store.LanceDatabase;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The Lance connection: one {@link LanceDatabase} for {@code lancedb.uri} and {@code lancedb.storage-options}
 * (closed with the context), and {@link LanceDbTables}, which opens each store's table at startup.
 */
@AutoConfiguration
@ConditionalOnClass(LanceDatabase.class)
@EnableConfigurationProperties({LanceDbProperties.class, SpringAiVectorStoreProperties.class})
public class LanceDbAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public LanceDatabase lancedbDatabase(LanceDbProperties properties) {
        NativeClassLoaderCheck.warnIfNeeded(LanceDatabase.class.getClassLoader());
        return LanceDbConnections.connect(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    public LanceDbTables lancedbTables(LanceDatabase lancedbDatabase, LanceDbProperties properties) {
        return new LanceDbTables(lancedbDatabase, properties);
    }

    /** Flushes the stores' write buffers when the application stops (a no-op without buffers). */
    @Bean
    @ConditionalOnMissingBean
    public LanceDbWriteBufferLifecycle lancedbWriteBufferLifecycle(LanceDbTables lancedbTables) {
        return new LanceDbWriteBufferLifecycle(lancedbTables);
    }
}
