package io.github.lancedb4j.langchain4j;

import static dev.langchain4j.internal.ValidationUtils.ensureNotBlank;
import static dev.langchain4j.internal.ValidationUtils.ensureConsistentSizes;
import static dev.langchain4j.internal.ValidationUtils.ensureNotNull;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.RelevanceScore;
import dev.langchain4j.store.embedding.filter.Filter;
import io.github.lancedb4j.store.ColumnBinding;
import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.FullTextIndexInfo;
import io.github.lancedb4j.store.FullTextIndexSpec;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.MetadataColumn;
import io.github.lancedb4j.store.ReadConsistency;
import io.github.lancedb4j.store.ReciprocalRankFusion;
import io.github.lancedb4j.store.Row;
import io.github.lancedb4j.store.SearchHit;
import io.github.lancedb4j.store.SearchMode;
import io.github.lancedb4j.store.SearchTuning;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.VectorIndexInfo;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.WriteBuffer;
import io.github.lancedb4j.store.SearchQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A LangChain4j {@link EmbeddingStore} over a LanceDB table, embedded in the application (local disk or object
 * storage, no server).
 *
 * <p>The store is bound to one vector column of the table; several stores (one per embedding model) can share a
 * table, its ids, texts and metadata, each with its own column.
 *
 * <ul>
 *   <li>{@code addAll(ids, …)} and {@code add(id, …)} are upserts on id, one commit per call; if a call repeats an id,
 *       the last occurrence wins. Replacing a row keeps its vectors in other stores' columns.</li>
 *   <li>Filters run inside Lance before ranking, so {@code maxResults} counts matching rows only (exact without an
 *       index or with the exact index; approximate, like any search, with an ANN index).
 *       {@code ContainsString} is a literal, case-sensitive substring test.</li>
 *   <li>Search modes ({@link Builder#searchMode}): {@link SearchMode#VECTOR} (the default) ranks by the query
 *       embedding; {@link SearchMode#FULL_TEXT} ranks the stored text by BM25 against
 *       {@link EmbeddingSearchRequest#query()} (the words typed: codes, names, rare terms; the text is never read as
 *       query syntax); {@link SearchMode#HYBRID} runs both on the same version of the table, filters on both, and
 *       fuses them by reciprocal rank fusion. {@code EmbeddingStoreContentRetriever} fills {@code query()} with the
 *       user's question. A text mode makes the store manage a full-text index on the table's text.</li>
 *   <li>Scores, and so {@code minScore}, per mode (always in [0, 1], higher is better, {@code minScore}
 *       inclusive):
 *     <ul>
 *       <li>vector: with {@link DistanceMetric#COSINE} (the default) {@code (1 + cos) / 2}, i.e.
 *           {@code 1 - cosineDistance / 2}. With {@link DistanceMetric#DOT} {@code (1 + dot) / 2} and with
 *           {@link DistanceMetric#L2} {@code 1 - squaredL2 / 4}: both equal the cosine score for unit vectors; for
 *           other vectors they are clamped to [0, 1] (results keep Lance's order);</li>
 *       <li>full-text: the BM25 score relative to the best match of the query (the best match scores 1; BM25 has
 *           no absolute scale), so {@code minScore(0.5)} keeps the matches at least half as relevant as the
 *           best;</li>
 *       <li>hybrid: the fused score normalised to its best possible value — 1 for a row ranked first by both
 *           searches, about 0.5 for a row ranked first by one and not found by the other (equal weights), less
 *           further down; so {@code minScore} above 0.5 keeps mostly rows both searches found.</li>
 *     </ul>
 *   </li>
 * </ul>
 */
public class LanceDbEmbeddingStore implements EmbeddingStore<TextSegment>, AutoCloseable {

    private final ColumnBinding binding;
    private final LanceTable table;
    private final VectorColumn column;
    private final DistanceMetric distance;
    private final SearchTuning searchTuning;
    private final SearchMode searchMode;
    private final ReciprocalRankFusion fusion;
    private final SearchExecutor searchExecutor;
    /** Fire-and-forget writes, when configured: adds are queued and committed in batches. */
    private final WriteBuffer buffer;

    private LanceDbEmbeddingStore(Builder b) {
        this.binding = ColumnBinding.builder().database(b.database).uri(b.uri).storageOptions(b.storageOptions)
                .readConsistency(b.readConsistency).table(b.tableName).vectorColumn(b.vectorColumn)
                .dimension(b.dimension).createIfMissing(b.createIfMissing).indexPolicy(b.indexPolicy)
                .distance(b.distance).metadataColumns(b.metadataColumns)
                .fullTextIndex(b.fullTextIndex != null ? b.fullTextIndex
                        : b.searchMode.usesText() ? FullTextIndexSpec.defaults() : null)
                .open();
        this.table = binding.table();
        this.column = binding.column();
        this.distance = b.distance;
        this.searchTuning = b.searchTuning;
        this.searchMode = b.searchMode;
        this.fusion = b.fusion;
        this.searchExecutor = new SearchExecutor(b.searchExecutor, b.tableName);
        this.buffer = b.writeBuffer == null ? null : table.writeBuffer(b.writeBuffer);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The underlying table, for maintenance and for other stores over the same table. */
    public LanceTable table() {
        return table;
    }

    /** The vector column this store writes and searches, with its dimension. */
    public VectorColumn vectorColumn() {
        return column;
    }

    public DistanceMetric distance() {
        return distance;
    }

    /** What {@link #search(EmbeddingSearchRequest)} ranks by. */
    public SearchMode searchMode() {
        return searchMode;
    }

    @Override
    public String add(Embedding embedding) {
        String id = newId();
        add(id, embedding);
        return id;
    }

    @Override
    public void add(String id, Embedding embedding) {
        ensureNotBlank(id, "id");
        ensureNotNull(embedding, "embedding");
        upsert(List.of(row(id, embedding, null)));
    }

    @Override
    public String add(Embedding embedding, TextSegment textSegment) {
        ensureNotNull(embedding, "embedding");
        String id = newId();
        append(List.of(row(id, embedding, textSegment)));
        return id;
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        return addAll(embeddings, null);
    }

    /** Stores new rows under generated ids: an append, cheaper than an upsert. */
    @Override
    public List<String> addAll(List<Embedding> embeddings, List<TextSegment> embedded) {
        ensureNotNull(embeddings, "embeddings");
        checkSizes(embeddings.size(), embedded);
        List<String> ids = new ArrayList<>(embeddings.size());
        List<Row> rows = new ArrayList<>(embeddings.size());
        for (int i = 0; i < embeddings.size(); i++) {
            String id = newId();
            ids.add(id);
            rows.add(row(id, embeddings.get(i), embedded == null ? null : embedded.get(i)));
        }
        append(rows);
        return ids;
    }

    /**
     * Upserts on id: rows with these ids are replaced, others inserted; one commit for the whole call. Lists of
     * different sizes are rejected; nothing to add (empty or null lists) is a no-op, as LangChain4j's contract says.
     */
    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> embedded) {
        ensureConsistentSizes(ids, embeddings, embedded);
        if (embeddings == null || embeddings.isEmpty()) {
            return;
        }
        List<Row> rows = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            rows.add(row(ensureNotBlank(ids.get(i), "id"), embeddings.get(i), embedded == null ? null : embedded.get(i)));
        }
        upsert(rows);
    }

    /**
     * Sets this store's vectors for rows that already exist — e.g. backfilling a second embedding model's column
     * for rows ingested through another store — leaving their text, metadata and other columns as they are. Ids not
     * in the table are ignored. One commit.
     */
    public void updateEmbeddings(List<String> ids, List<Embedding> embeddings) {
        ensureNotNull(ids, "ids");
        ensureNotNull(embeddings, "embeddings");
        if (ids.size() != embeddings.size()) {
            throw new IllegalArgumentException("The number of ids (" + ids.size()
                    + ") must equal the number of embeddings (" + embeddings.size() + ")");
        }
        Map<String, float[]> vectors = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            vectors.put(ensureNotBlank(ids.get(i), "id"), ensureNotNull(embeddings.get(i), "embedding").vector());
        }
        flush();
        table.updateVectors(column.name(), vectors);
    }

    @Override
    public void remove(String id) {
        ensureNotBlank(id, "id");
        flush();
        table.delete(List.of(id));
    }

    @Override
    public void removeAll(Collection<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return; // nothing to remove: a no-op, as LangChain4j's contract says
        }
        ids.forEach(id -> ensureNotBlank(id, "id"));
        flush();
        table.delete(ids);
    }

    @Override
    public void removeAll(Filter filter) {
        ensureNotNull(filter, "filter");
        flush();
        table.delete(LangChain4jFilters.toMetadataFilter(filter));
    }

    @Override
    public void removeAll() {
        flush();
        table.deleteAll();
    }

    /**
     * Builds this store's vector index now (on a separate handle: searches continue meanwhile), for the store's
     * distance. See {@link VectorIndexSpec} for the kinds and their derived parameters.
     */
    public VectorIndexInfo createIndex(VectorIndexSpec spec) {
        ensureNotNull(spec, "spec");
        return table.indexes().createVectorIndex(column.name(), spec, distance);
    }

    /** Folds rows added since the last index build into the vector index and the full-text index. */
    public void optimizeIndex() {
        table.indexes().optimizeVectorIndexes();
        table.indexes().optimizeFullTextIndex();
    }

    /**
     * Builds (or rebuilds) the full-text index on the table's text now, on a separate handle. A store whose search
     * mode uses text manages it by itself (under its index policy); this is for the other cases.
     */
    public FullTextIndexInfo createFullTextIndex(FullTextIndexSpec spec) {
        ensureNotNull(spec, "spec");
        return table.indexes().createFullTextIndex(spec);
    }

    /** The table's full-text index, if it has one. */
    public java.util.Optional<FullTextIndexInfo> fullTextIndex() {
        return table.indexes().fullTextIndex();
    }

    /** This store's vector index, if it has one. */
    public java.util.Optional<VectorIndexInfo> index() {
        return table.indexes().vectorIndex(column.name());
    }

    /** Searches in the store's {@link #searchMode()} (see the class comment for what the scores mean). */
    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        return search(request, searchMode, null);
    }

    /**
     * Searches with per-request index tuning (nprobes, refine factor, ef) over the store's defaults; null fields
     * keep them.
     */
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request, SearchTuning tuning) {
        return search(request, searchMode, tuning);
    }

    /**
     * Searches in the given mode, whatever the store's: {@link SearchMode#FULL_TEXT} and {@link SearchMode#HYBRID}
     * match {@link EmbeddingSearchRequest#query()}. Full-text search requires it; a hybrid search without it ranks
     * by the embedding alone (with hybrid scores).
     *
     * @throws IllegalArgumentException for a full-text search of a request without query text
     */
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request, SearchMode mode,
            SearchTuning tuning) {
        ensureNotNull(request, "request");
        ensureNotNull(mode, "mode");
        SearchTuning effective = tuning == null ? searchTuning : tuning.orElse(searchTuning);
        String text = request.query();
        SearchQuery.Builder query = switch (mode) {
            case VECTOR -> SearchQuery.nearest(column.name(), request.queryEmbedding().vector());
            case FULL_TEXT -> {
                if (text == null) {
                    throw new IllegalArgumentException("A full-text search needs the query text: the request has no "
                            + "query() (EmbeddingStoreContentRetriever sets it; set it with "
                            + "EmbeddingSearchRequest.builder().query(text))");
                }
                yield SearchQuery.fullText(text).includeVector(column.name());
            }
            case HYBRID -> SearchQuery.hybrid(column.name(), request.queryEmbedding().vector(), text).fusion(fusion);
        };
        query.limit(request.maxResults())
                .filter(request.filter() == null ? null : LangChain4jFilters.toMetadataFilter(request.filter()))
                .includeVector(true)
                .tuning(effective);
        List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>();
        for (SearchHit hit : table.search(query.build(), distance)) {
            double score = mode == SearchMode.VECTOR ? vectorScore(hit) : hit.score();
            if (score >= request.minScore()) {
                matches.add(new EmbeddingMatch<>(score, hit.id(), hit.vector() == null ? null
                        : Embedding.from(hit.vector()), segment(hit)));
            }
        }
        matches.sort(Comparator.comparingDouble((EmbeddingMatch<TextSegment> m) -> m.score()).reversed());
        return new EmbeddingSearchResult<>(matches);
    }

    /**
     * Clamped to LangChain4j's [0, 1]: with L2 or dot on vectors that are not unit length the cosine-based mapping
     * leaves that range, and minScore (0 by default) would drop every hit. Order stays Lance's.
     */
    private static double vectorScore(SearchHit hit) {
        return Math.max(0.0, Math.min(1.0, RelevanceScore.fromCosineSimilarity(hit.similarity())));
    }

    /**
     * {@link #search(EmbeddingSearchRequest)} without holding the caller's thread: the search runs on the store's
     * search executor ({@link Builder#searchExecutor}; by default a pool of the store's own, one daemon thread per
     * processor). Lance's Java search blocks a thread for the whole scan, so this is a blocking search on another
     * thread, not non-blocking I/O. Failures (a wrong dimension, a closed store) complete the future exceptionally.
     */
    @Override
    public CompletableFuture<EmbeddingSearchResult<TextSegment>> searchAsync(EmbeddingSearchRequest request) {
        ensureNotNull(request, "request");
        try {
            return CompletableFuture.supplyAsync(() -> search(request), searchExecutor);
        } catch (RuntimeException e) { // rejected: the store or the application's executor is shut down
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * With a write buffer: commits every segment added before this call, and waits for it (removals, backfills and
     * {@link #close()} flush first, so they apply to what was added before them). Without one, does nothing: every
     * add is committed when it returns.
     */
    public void flush() {
        if (buffer != null) {
            buffer.flush();
        }
    }

    /** The write buffer's counters (queued rows, flushes, failures), when the store has one. */
    public java.util.Optional<WriteBuffer.Stats> writeBufferStats() {
        return buffer == null ? java.util.Optional.empty() : java.util.Optional.of(buffer.stats());
    }

    /**
     * Flushes the write buffer (if any), then closes the database if this store opened it; a database passed to the
     * builder stays open.
     */
    @Override
    public void close() {
        try {
            if (buffer != null) {
                buffer.close();
            }
        } finally {
            searchExecutor.close();
            binding.close();
        }
    }

    private void upsert(List<Row> rows) {
        if (buffer != null) {
            buffer.upsert(rows, List.of(column.name()));
        } else {
            table.upsert(rows, List.of(column.name()));
        }
    }

    private void append(List<Row> rows) {
        if (buffer != null) {
            buffer.append(rows);
        } else {
            table.append(rows);
        }
    }

    @Override
    public String toString() {
        return "LanceDbEmbeddingStore[table=" + table.name() + ", column=" + column + ", distance=" + distance
                + ", searchMode=" + searchMode + ", database=" + binding.database() + "]";
    }

    private Row row(String id, Embedding embedding, TextSegment segment) {
        ensureNotNull(embedding, "embedding");
        Map<String, Object> metadata = segment == null ? null : segment.metadata().toMap();
        return Row.of(id, segment == null ? null : segment.text(), metadata, column.name(), embedding.vector());
    }

    private static TextSegment segment(SearchHit hit) {
        if (hit.text() == null || hit.text().isBlank()) {
            return null;
        }
        return TextSegment.from(hit.text(), hit.metadata() == null ? new Metadata() : toLangChain4j(hit.metadata()));
    }

    /** LangChain4j metadata holds String, UUID and numbers; booleans and lists (from Spring AI) come back as text. */
    private static Metadata toLangChain4j(Map<String, Object> stored) {
        Map<String, Object> values = new LinkedHashMap<>();
        stored.forEach((k, v) -> values.put(k, v instanceof Boolean || v instanceof List<?> ? v.toString() : v));
        return Metadata.from(values);
    }

    private static void checkSizes(int embeddings, List<TextSegment> embedded) {
        if (embedded != null && embedded.size() != embeddings) {
            throw new IllegalArgumentException("The number of embeddings (" + embeddings
                    + ") must equal the number of text segments (" + embedded.size() + ")");
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Builds a store; {@link #uri} or {@link #database} is required, everything else has a default. */
    public static final class Builder {
        private String uri;
        private LanceDatabase database;
        private Map<String, String> storageOptions = Map.of();
        private ReadConsistency readConsistency;
        private String tableName = "documents";
        private String vectorColumn = VectorColumn.DEFAULT_NAME;
        private Integer dimension;
        private DistanceMetric distance = DistanceMetric.COSINE;
        private boolean createIfMissing = true;
        private IndexPolicy indexPolicy = IndexPolicy.auto();
        private SearchTuning searchTuning;
        private SearchMode searchMode = SearchMode.VECTOR;
        private FullTextIndexSpec fullTextIndex;
        private ReciprocalRankFusion fusion = ReciprocalRankFusion.DEFAULT;
        private final List<MetadataColumn> metadataColumns = new ArrayList<>();
        private Executor searchExecutor;
        private WriteBuffer.Settings writeBuffer;

        /** The database: a directory, {@code file://…}, {@code s3://bucket/prefix}, {@code gs://…} or {@code az://…}. */
        public Builder uri(String uri) {
            this.uri = uri;
            return this;
        }

        /** An open database to share with other stores (it is not closed with this store). */
        public Builder database(LanceDatabase database) {
            this.database = database;
            return this;
        }

        /** Object-store settings (credentials, endpoint, region, allow_http …); used with {@link #uri}. */
        public Builder storageOptions(Map<String, String> storageOptions) {
            this.storageOptions = storageOptions == null ? Map.of() : storageOptions;
            return this;
        }

        /**
         * How soon searches see other processes' writes (default: within 1 s on a local disk, 5 s on object storage;
         * see {@link ReadConsistency}). Used with {@link #uri}; a shared {@link #database} has its own.
         */
        public Builder readConsistency(ReadConsistency readConsistency) {
            this.readConsistency = readConsistency;
            return this;
        }

        /** Shorthand: {@link Duration#ZERO} checks before every search, a positive interval in the background. */
        public Builder readConsistencyInterval(Duration interval) {
            this.readConsistency = interval == null ? null
                    : interval.isZero() ? ReadConsistency.strong() : ReadConsistency.eventual(interval);
            return this;
        }

        /** The table name (default {@code documents}); the data lives at {@code <uri>/<tableName>.lance}. */
        public Builder tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        /** The vector column this store uses (default {@code vector}); one column per embedding model. */
        public Builder vectorColumn(String vectorColumn) {
            this.vectorColumn = vectorColumn;
            return this;
        }

        /** The embedding dimension; optional when the table and column exist, checked against them when given. */
        public Builder dimension(Integer dimension) {
            this.dimension = dimension;
            return this;
        }

        /** The distance to rank by (default cosine). */
        public Builder distance(DistanceMetric distance) {
            this.distance = ensureNotNull(distance, "distance");
            return this;
        }

        /** Whether to create the table (and add the column) when absent (default true). */
        public Builder createIfMissing(boolean createIfMissing) {
            this.createIfMissing = createIfMissing;
            return this;
        }

        /**
         * Who builds the vector index and when (default {@link IndexPolicy#auto()}: in the background once the
         * table is large enough for an index to pay).
         */
        public Builder indexPolicy(IndexPolicy indexPolicy) {
            this.indexPolicy = ensureNotNull(indexPolicy, "indexPolicy");
            return this;
        }

        /** Default search tuning (nprobes, refine factor, ef) over the index's own defaults. */
        public Builder searchTuning(SearchTuning searchTuning) {
            this.searchTuning = searchTuning;
            return this;
        }

        /**
         * What {@code search} ranks by (default {@link SearchMode#VECTOR}). {@link SearchMode#FULL_TEXT} and
         * {@link SearchMode#HYBRID} use the request's {@code query()} text and make the store manage a full-text
         * index on the table's text (built at once, under the store's index policy).
         */
        public Builder searchMode(SearchMode searchMode) {
            this.searchMode = ensureNotNull(searchMode, "searchMode");
            return this;
        }

        /**
         * The full-text index settings (tokenizer, language, stemming, stop words, positions); default
         * {@link FullTextIndexSpec#defaults()} when the search mode uses text. Setting it makes the store manage the
         * index in vector mode too (for {@code search(request, mode, tuning)} in other modes).
         */
        public Builder fullTextIndex(FullTextIndexSpec fullTextIndex) {
            this.fullTextIndex = fullTextIndex;
            return this;
        }

        /** How hybrid searches fuse the two rankings (default: reciprocal rank fusion, k = 60, equal weights). */
        public Builder fusion(ReciprocalRankFusion fusion) {
            this.fusion = ensureNotNull(fusion, "fusion");
            return this;
        }

        /**
         * Mirrors a metadata key into a typed column with a scalar index, for fast filters on it (every segment must
         * then hold the key with that kind of value, or not at all). See {@link MetadataColumn}.
         */
        public Builder metadataColumn(String key, MetadataColumn.Kind kind) {
            this.metadataColumns.add(MetadataColumn.of(key, kind));
            return this;
        }

        /**
         * Where {@link LanceDbEmbeddingStore#searchAsync} runs searches (each holds a thread for the whole scan), e.g.
         * the application's bounded pool or virtual threads. Default: a pool owned by the store, as many daemon
         * threads as processors, shut down by {@link LanceDbEmbeddingStore#close()}. A given executor is never shut
         * down by the store.
         */
        /**
         * Fire-and-forget adds: {@code add}/{@code addAll} validate the segments and return once they are queued; a
         * background thread commits them in batches (see {@link WriteBuffer} for when, and for what a crash can
         * lose). Searches see queued segments once flushed; {@link LanceDbEmbeddingStore#flush()} waits for them.
         * Off by default: every add is committed when it returns.
         */
        public Builder writeBuffer(WriteBuffer.Settings settings) {
            this.writeBuffer = settings;
            return this;
        }

        public Builder searchExecutor(Executor searchExecutor) {
            this.searchExecutor = searchExecutor;
            return this;
        }

        public LanceDbEmbeddingStore build() {
            return new LanceDbEmbeddingStore(this);
        }
    }
}
