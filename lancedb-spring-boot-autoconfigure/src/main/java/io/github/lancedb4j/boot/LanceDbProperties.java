package io.github.lancedb4j.boot;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.ReadConsistency;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Configuration of the LanceDB stores, under {@value #PREFIX}. The root properties describe one store; with
 * {@code lancedb.stores.<name>.*} they become the defaults of several named stores instead.
 */
@ConfigurationProperties(prefix = LanceDbProperties.PREFIX)
public class LanceDbProperties implements EnvironmentAware, InitializingBean {

    public static final String PREFIX = "lancedb";
    public static final String DEFAULT_URI = "./lancedb-data";
    public static final String DEFAULT_TABLE = "documents";
    public static final String DEFAULT_VECTOR_COLUMN = "vector";

    /**
     * Where the database lives: a local directory, file://..., s3://bucket/prefix, gs://bucket/prefix or
     * az://container/prefix. Each table is the Lance dataset <uri>/<table>.lance.
     */
    private String uri = DEFAULT_URI;

    /** The table the store reads and writes. */
    private String table = DEFAULT_TABLE;

    /** The vector column of the store: one column per embedding model, so several models can share a table. */
    private String vectorColumn = DEFAULT_VECTOR_COLUMN;

    /**
     * Length of the vectors in the vector column. When unset: lancedb.embedding.dimensions, else the existing
     * column's, else the embedding model's (local: 384; holysheep/openai: known models without a call, other
     * models through one embedding call at startup).
     */
    private Integer dimensions;

    /** The distance searches rank by: cosine, l2 or dot. */
    private DistanceMetric distance = DistanceMetric.COSINE;

    /**
     * Whether to create the table (and add the vector column) when absent. On by default: the store is embedded,
     * so there is no server or administrator to create it, and creating it is the same in every environment.
     * Turn it off to fail at startup when the table is missing, e.g. when another process owns the schema.
     */
    private boolean initializeSchema = true;

    /**
     * How soon searches see other processes' (other replicas') writes: a duration such as 1s or 500ms (checked in
     * the background that often; searches never wait), strong (or 0s: checked before every search), or manual
     * (only this application's writes and explicit refreshes). Unset: 1s on a local disk, 5s on object storage.
     */
    private ReadConsistency readConsistency;

    /**
     * How long old table versions are kept (LanceDB's default: 7 days); older ones are deleted by the background
     * maintenance. Tagged versions are always kept. Keep it longer than any search or time-travel read may last.
     */
    private Duration versionRetention = Duration.ofDays(7);

    /** Fire-and-forget ingestion for every store. */
    @NestedConfigurationProperty
    private final WriteBufferProperties writeBuffer = new WriteBufferProperties();

    /** Background maintenance of the tables. */
    @NestedConfigurationProperty
    private final MaintenanceProperties maintenance = new MaintenanceProperties();

    /**
     * Object-store settings passed to Lance, e.g. aws_access_key_id, aws_secret_access_key, aws_region,
     * aws_endpoint, allow_http. Values are never logged. For s3/gs/az URIs, connect_timeout (5s) and
     * client_retry_timeout (60 seconds) are set unless given here, so that a wrong endpoint fails startup in
     * seconds.
     */
    private Map<String, String> storageOptions = new LinkedHashMap<>();

    /** The embedding model of the store (and the defaults of the named stores' models). */
    private final Embedding embedding = new Embedding();

    /**
     * Metadata keys mirrored into typed columns with a scalar index, for fast filters on them: key = string, long,
     * double or boolean (e.g. source: string). Every document must then hold the key with that kind of value, or
     * not at all. Applies to every store.
     */
    private Map<String, String> metadataColumns = new LinkedHashMap<>();

    /** Vector index management, for every store. */
    private final Index index = new Index();

    /** Search tuning over the index's defaults, for every store. */
    private final Search search = new Search();

    /** The full-text (BM25) index on the table's text, for full-text and hybrid search. */
    @org.springframework.boot.context.properties.NestedConfigurationProperty
    private final FullTextProperties fullText = FullTextProperties.withDefaults();

    /**
     * Named stores, each a table or a vector column with its own embedding model; each key becomes qualified
     * beans (<name>VectorStore, <name>EmbeddingStore, <name>EmbeddingModel). Unset keys take the root values.
     * When set, they replace the single root store.
     */
    private Map<String, Store> stores = new LinkedHashMap<>();

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    /** After binding: Spring AI's names for the same settings ({@link SpringAiVectorStoreProperties}). */
    @Override
    public void afterPropertiesSet() {
        if (environment != null) {
            PropertyAliases.apply(this, Binder.get(environment));
        }
    }

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public String getVectorColumn() {
        return vectorColumn;
    }

    public void setVectorColumn(String vectorColumn) {
        this.vectorColumn = vectorColumn;
    }

    public Integer getDimensions() {
        return dimensions;
    }

    public void setDimensions(Integer dimensions) {
        this.dimensions = dimensions;
    }

    public DistanceMetric getDistance() {
        return distance;
    }

    public void setDistance(DistanceMetric distance) {
        this.distance = distance;
    }

    public boolean isInitializeSchema() {
        return initializeSchema;
    }

    public void setInitializeSchema(boolean initializeSchema) {
        this.initializeSchema = initializeSchema;
    }

    public ReadConsistency getReadConsistency() {
        return readConsistency;
    }

    public void setReadConsistency(ReadConsistency readConsistency) {
        this.readConsistency = readConsistency;
    }

    public Map<String, String> getStorageOptions() {
        return storageOptions;
    }

    public void setStorageOptions(Map<String, String> storageOptions) {
        this.storageOptions = storageOptions;
    }

    public Embedding getEmbedding() {
        return embedding;
    }

    public Index getIndex() {
        return index;
    }

    public WriteBufferProperties getWriteBuffer() {
        return writeBuffer;
    }

    public MaintenanceProperties getMaintenance() {
        return maintenance;
    }

    public Duration getVersionRetention() {
        return versionRetention;
    }

    public void setVersionRetention(Duration versionRetention) {
        this.versionRetention = versionRetention;
    }

    public Map<String, String> getMetadataColumns() {
        return metadataColumns;
    }

    public void setMetadataColumns(Map<String, String> metadataColumns) {
        this.metadataColumns = metadataColumns;
    }

    public Search getSearch() {
        return search;
    }

    public FullTextProperties getFullText() {
        return fullText;
    }

    public Map<String, Store> getStores() {
        return stores;
    }

    public void setStores(Map<String, Store> stores) {
        this.stores = stores;
    }

    @Override
    public String toString() {
        return "LanceDbProperties[uri=" + uri + ", table=" + table + ", vectorColumn=" + vectorColumn
                + ", dimensions=" + dimensions + ", distance=" + distance + ", initializeSchema=" + initializeSchema
                + ", storageOptions=" + Secrets.maskValues(storageOptions) + ", embedding=" + embedding
                + ", stores=" + stores + "]";
    }

    /** An embedding model; every property is optional. */
    /** Who builds each store's vector index and how. */
    public static class Index {

        /**
         * auto: build in the background once an index pays (an exact index from min-rows vectors, the type below
         * from ann-rows on), fold new rows in, retrain as the table grows; explicit: only when the application
         * calls createIndex; none: never, every search is an exact scan.
         */
        private String policy = "auto";

        /** With policy auto: vectors from which the exact index (an in-memory copy, recall 1.0) is built. */
        private long minRows = 10_000; // IndexPolicy.DEFAULT_MIN_ROWS, literal for the configuration metadata

        /** With policy auto: vectors from which the approximate index (type) replaces the exact one. */
        private long annRows = 100_000; // IndexPolicy.DEFAULT_ANN_ROWS

        /** The approximate index: ivf_hnsw_sq, ivf_pq, ivf_flat or ivf_rq. */
        private String type = "ivf_hnsw_sq";

        /** IVF partitions; unset: derived from the row count (about sqrt(rows), an eighth of that for HNSW). */
        private Integer partitions;

        /** PQ sub-vectors; unset: dimension/16, or dimension/8 when 16 does not divide it. */
        private Integer subVectors;

        /** HNSW graph degree (M); unset: 20. */
        private Integer hnswM;

        /** HNSW construction beam width; unset: 150. */
        private Integer efConstruction;

        public String getPolicy() {
            return policy;
        }

        public void setPolicy(String policy) {
            this.policy = policy;
        }

        public long getMinRows() {
            return minRows;
        }

        public void setMinRows(long minRows) {
            this.minRows = minRows;
        }

        public long getAnnRows() {
            return annRows;
        }

        public void setAnnRows(long annRows) {
            this.annRows = annRows;
        }

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public Integer getPartitions() {
            return partitions;
        }

        public void setPartitions(Integer partitions) {
            this.partitions = partitions;
        }

        public Integer getSubVectors() {
            return subVectors;
        }

        public void setSubVectors(Integer subVectors) {
            this.subVectors = subVectors;
        }

        public Integer getHnswM() {
            return hnswM;
        }

        public void setHnswM(Integer hnswM) {
            this.hnswM = hnswM;
        }

        public Integer getEfConstruction() {
            return efConstruction;
        }

        public void setEfConstruction(Integer efConstruction) {
            this.efConstruction = efConstruction;
        }

        /** The policy these properties describe. */
        public io.github.lancedb4j.store.IndexPolicy toPolicy() {
            io.github.lancedb4j.store.VectorIndexSpec spec = io.github.lancedb4j.store.VectorIndexSpec
                    .of(io.github.lancedb4j.store.VectorIndexType.parse(type));
            if (partitions != null) {
                spec = spec.withPartitions(partitions);
            }
            if (subVectors != null) {
                spec = spec.withSubVectors(subVectors);
            }
            if (hnswM != null || efConstruction != null) {
                spec = spec.withHnsw(hnswM == null ? 20 : hnswM, efConstruction == null ? 150 : efConstruction);
            }
            return io.github.lancedb4j.store.IndexPolicy.parse(policy).withMinRows(minRows).withAnnRows(annRows)
                    .withAnnIndex(spec);
        }
    }

    /** How hard indexed searches work; unset values take the index's defaults. */
    public static class Search {

        /** IVF partitions probed per search; unset: about 5% of the partitions, at least 20 (4 for HNSW). */
        private Integer nprobes;

        /** Re-rank refine-factor x k candidates on the raw vectors; unset: 10 for PQ/RQ, 5 for HNSW-SQ. */
        private Integer refineFactor;

        /** HNSW search beam width; unset: 300. */
        private Integer ef;

        /**
         * What searches rank by: vector (the query's embedding), full-text (BM25 on the text: codes, names, rare
         * terms) or hybrid (both, fused by reciprocal rank fusion). The stores' default searches and the retrievers
         * use it.
         */
        private io.github.lancedb4j.store.SearchMode mode = io.github.lancedb4j.store.SearchMode.VECTOR;

        /** Reciprocal rank fusion's rank constant k for hybrid searches. */
        private int rrfK = 60; // ReciprocalRankFusion.DEFAULT_K, literal for the configuration metadata

        /** The weight of the vector ranking in hybrid searches (0 turns it off). */
        private double vectorWeight = 1.0;

        /** The weight of the full-text ranking in hybrid searches (0 turns it off). */
        private double textWeight = 1.0;

        /** Results of the retriever beans (lancedbContentRetriever, lancedbDocumentRetriever). */
        private int topK = 4;

        /** The lowest score the retriever beans keep, in [0, 1]; 0 keeps all (scores per mode: see the README). */
        private double similarityThreshold = 0.0;

        public io.github.lancedb4j.store.SearchMode getMode() {
            return mode;
        }

        public void setMode(io.github.lancedb4j.store.SearchMode mode) {
            this.mode = mode;
        }

        public int getRrfK() {
            return rrfK;
        }

        public void setRrfK(int rrfK) {
            this.rrfK = rrfK;
        }

        public double getVectorWeight() {
            return vectorWeight;
        }

        public void setVectorWeight(double vectorWeight) {
            this.vectorWeight = vectorWeight;
        }

        public double getTextWeight() {
            return textWeight;
        }

        public void setTextWeight(double textWeight) {
            this.textWeight = textWeight;
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

        public Integer getNprobes() {
            return nprobes;
        }

        public void setNprobes(Integer nprobes) {
            this.nprobes = nprobes;
        }

        public Integer getRefineFactor() {
            return refineFactor;
        }

        public void setRefineFactor(Integer refineFactor) {
            this.refineFactor = refineFactor;
        }

        public Integer getEf() {
            return ef;
        }

        public void setEf(Integer ef) {
            this.ef = ef;
        }

        public io.github.lancedb4j.store.SearchTuning toTuning() {
            return nprobes == null && refineFactor == null && ef == null ? null
                    : io.github.lancedb4j.store.SearchTuning.of(nprobes, refineFactor, ef);
        }
    }

    public static class Embedding {

        public static final String DEFAULT_MODEL = "text-embedding-3-small";
        public static final int DEFAULT_BATCH_SIZE = 256;
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
        public static final int DEFAULT_MAX_RETRIES = 3;
        public static final String DEFAULT_ENCODING_FORMAT = "float";

        /**
         * local (in-process all-MiniLM-L6-v2, 384 dimensions, no network), holysheep (HolySheep's
         * OpenAI-compatible API) or openai. Default: the provider whose key is set (holysheep.api-key or
         * openai.api-key), else local. Required with the generic api-key unless base-url is set.
         */
        private EmbeddingProvider provider;

        /**
         * Base URL of the OpenAI-compatible API, including /v1 (the clients append /embeddings). Default:
         * https://api.holysheep.ai/v1 for holysheep, https://api.openai.com/v1 for openai.
         */
        private String baseUrl;

        /**
         * An API key for the provider named by provider (or the server at base-url), sent as 'Authorization: Bearer
         * ...'. Needs provider or base-url: a key is only sent to a host the configuration names. Prefer
         * holysheep.api-key or openai.api-key, which name the provider themselves. Never logged.
         */
        private String apiKey;

        /** HolySheep's API key. */
        private final ProviderKey holysheep = new ProviderKey();

        /** OpenAI's API key. */
        private final ProviderKey openai = new ProviderKey();

        /** The provider's embedding model. */
        private String model = DEFAULT_MODEL;

        /**
         * Vector length to request from the provider (its 'dimensions' parameter, for models that support
         * it); also the vector column's dimension when lancedb.dimensions is unset.
         */
        private Integer dimensions;

        /** Most texts per embeddings request. */
        private Integer batchSize = DEFAULT_BATCH_SIZE;

        /** Timeout of one embeddings request. */
        private Duration timeout = DEFAULT_TIMEOUT;

        /** Retries of a failed request (rate limits, server errors); authentication errors are not retried. */
        private Integer maxRetries = DEFAULT_MAX_RETRIES;

        /**
         * Encoding of the vectors in responses: float (plain JSON numbers, what every compatible server speaks)
         * or base64.
         */
        private String encodingFormat = DEFAULT_ENCODING_FORMAT;

        public EmbeddingProvider getProvider() {
            return provider;
        }

        public void setProvider(EmbeddingProvider provider) {
            this.provider = provider;
        }

        public String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public String getApiKey() {
            return apiKey;
        }

        public void setApiKey(String apiKey) {
            this.apiKey = apiKey;
        }

        public ProviderKey getHolysheep() {
            return holysheep;
        }

        public ProviderKey getOpenai() {
            return openai;
        }

        public String getModel() {
            return model;
        }

        public void setModel(String model) {
            this.model = model;
        }

        public Integer getDimensions() {
            return dimensions;
        }

        public void setDimensions(Integer dimensions) {
            this.dimensions = dimensions;
        }

        public Integer getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(Integer batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public Integer getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(Integer maxRetries) {
            this.maxRetries = maxRetries;
        }

        public String getEncodingFormat() {
            return encodingFormat;
        }

        public void setEncodingFormat(String encodingFormat) {
            this.encodingFormat = encodingFormat;
        }

        @Override
        public String toString() {
            return "Embedding[provider=" + provider + ", baseUrl=" + baseUrl + ", apiKey=" + Secrets.mask(apiKey)
                    + ", holysheep.apiKey=" + Secrets.mask(holysheep.getApiKey()) + ", openai.apiKey="
                    + Secrets.mask(openai.getApiKey()) + ", model=" + model + ", dimensions=" + dimensions + ", batchSize=" + batchSize
                    + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", encodingFormat=" + encodingFormat
                    + "]";
        }
    }

    /** A key that belongs to one provider: setting it chooses that provider and its host. */
    public static class ProviderKey {

        /**
         * The provider's API key, sent only to that provider (its default base URL, or base-url when set).
         * Never logged.
         */
        private String apiKey;

        public String getApiKey() {
            return apiKey;
        }

        public void setApiKey(String apiKey) {
            this.apiKey = apiKey;
        }
    }

    /** A named store: unset properties take the root lancedb.* values. */
    /** A named store's search settings. */
    public static class StoreSearch {

        /** What this store's searches rank by (vector, full-text or hybrid); default lancedb.search.mode. */
        private io.github.lancedb4j.store.SearchMode mode;

        public io.github.lancedb4j.store.SearchMode getMode() {
            return mode;
        }

        public void setMode(io.github.lancedb4j.store.SearchMode mode) {
            this.mode = mode;
        }
    }

    public static class Store {

        /** The table of this store; default lancedb.table. */
        private String table;

        /** The vector column of this store; default lancedb.vector-column. */
        private String vectorColumn;

        /** Length of this store's vectors; default lancedb.dimensions (or the model's). */
        private Integer dimensions;

        /** The distance of this store; default lancedb.distance. */
        private DistanceMetric distance;

        /** This store's embedding model; unset properties take lancedb.embedding.* (not its defaults). */
        private Embedding embedding = new Embedding();

        /** This store's search mode. */
        private final StoreSearch search = new StoreSearch();

        /** This store's full-text index; unset properties take lancedb.full-text.*. */
        @org.springframework.boot.context.properties.NestedConfigurationProperty
        private FullTextProperties fullText = new FullTextProperties();

        public StoreSearch getSearch() {
            return search;
        }

        public FullTextProperties getFullText() {
            return fullText;
        }

        public Store() {
            // The model's own defaults must not hide the root values: start from "unset".
            embedding.setModel(null);
            embedding.setBatchSize(null);
            embedding.setTimeout(null);
            embedding.setMaxRetries(null);
            embedding.setEncodingFormat(null);
        }

        public String getTable() {
            return table;
        }

        public void setTable(String table) {
            this.table = table;
        }

        public String getVectorColumn() {
            return vectorColumn;
        }

        public void setVectorColumn(String vectorColumn) {
            this.vectorColumn = vectorColumn;
        }

        public Integer getDimensions() {
            return dimensions;
        }

        public void setDimensions(Integer dimensions) {
            this.dimensions = dimensions;
        }

        public DistanceMetric getDistance() {
            return distance;
        }

        public void setDistance(DistanceMetric distance) {
            this.distance = distance;
        }

        public Embedding getEmbedding() {
            return embedding;
        }

        public void setEmbedding(Embedding embedding) {
            this.embedding = embedding;
        }

        @Override
        public String toString() {
            return "Store[table=" + table + ", vectorColumn=" + vectorColumn + ", dimensions=" + dimensions
                    + ", distance=" + distance + ", embedding=" + embedding + "]";
        }
    }
}
