package io.github.lancedb4j.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Spring AI's conventional names for the settings every Spring AI vector store has, under {@value #PREFIX}: aliases
 * of {@code lancedb.initialize-schema}, {@code lancedb.table} and {@code lancedb.dimensions}, so that a Spring AI
 * configuration moves over unchanged. Either name works; setting both to different values fails at startup. With
 * named stores ({@code lancedb.stores.*}) they are the defaults, like the {@code lancedb.*} properties they alias.
 */
@ConfigurationProperties(prefix = SpringAiVectorStoreProperties.PREFIX)
public class SpringAiVectorStoreProperties {

    public static final String PREFIX = "spring.ai.vectorstore.lancedb";

    /** Alias of lancedb.initialize-schema: whether to create the table (and the vector column) when absent. */
    private Boolean initializeSchema;

    /** Alias of lancedb.table: the table the store reads and writes. */
    private String tableName;

    /** Alias of lancedb.dimensions: the length of the vectors in the vector column. */
    private Integer dimensions;

    public Boolean getInitializeSchema() {
        return initializeSchema;
    }

    public void setInitializeSchema(Boolean initializeSchema) {
        this.initializeSchema = initializeSchema;
    }

    public String getTableName() {
        return tableName;
    }

    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    public Integer getDimensions() {
        return dimensions;
    }

    public void setDimensions(Integer dimensions) {
        this.dimensions = dimensions;
    }
}
