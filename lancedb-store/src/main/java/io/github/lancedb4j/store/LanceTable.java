package io.github.lancedb4j.store;

import io.github.lancedb4j.store.filter.MetadataFilter;
import io.github.lancedb4j.store.internal.ConflictRetry;
import io.github.lancedb4j.store.internal.GroupCommit;
import io.github.lancedb4j.store.internal.FullTextIndexes;
import io.github.lancedb4j.store.internal.FullTextSearch;
import io.github.lancedb4j.store.internal.Housekeeping;
import io.github.lancedb4j.store.internal.HybridSearch;
import io.github.lancedb4j.store.internal.IndexManager;
import io.github.lancedb4j.store.internal.KeyPromotions;
import io.github.lancedb4j.store.internal.SchemaChanges;
import io.github.lancedb4j.store.internal.SnapshotManager;
import io.github.lancedb4j.store.internal.TableContext;
import io.github.lancedb4j.store.internal.TableLayout;
import io.github.lancedb4j.store.internal.TableWriter;
import io.github.lancedb4j.store.internal.ValueCategory;
import io.github.lancedb4j.store.internal.VectorSearch;
import io.github.lancedb4j.store.internal.WritePlans;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.lance.Dataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lance dataset used as a vector store table: upserts, deletes and vector searches, safe to use from many
 * threads and alongside other processes.
 *
 * <p>Searches run on an immutable snapshot of one version ({@code SnapshotManager}); every mutation goes through one
 * writer that commits on the latest version and retries lost commit races ({@code TableWriter}); vector indexes are
 * built, tuned and described by one index manager ({@code IndexManager}). A search sees this table's own writes at
 * once and other processes' writes as the database's {@link ReadConsistency} says.
 */
public final class LanceTable implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LanceTable.class);

    private final LanceDatabase database;
    private final TableContext context;
    private final SnapshotManager snapshots;
    private final TableWriter writer;
    private final IndexManager indexes;
    private final WritePlans writes;
    private final VectorSearch reads;
    private final FullTextIndexes fullTextIndexes;
    private final FullTextSearch fullTextReads;
    private final HybridSearch hybridReads;
    private final Housekeeping housekeeping;
    private final TableMaintenance maintenance;
    private final KeyPromotions keys;
    private final GroupCommit groupCommit;
    private final SchemaChanges schema;
    private final TableIndexes indexOperations;
    private final AtomicBoolean closed = new AtomicBoolean();

    LanceTable(LanceDatabase database, TableContext context, Dataset initial, ReadConsistency consistency,
            Maintenance maintenanceSettings) {
        this.database = database;
        this.context = context;
        this.snapshots = new SnapshotManager(context, initial, consistency);
        this.writer = new TableWriter(context, snapshots, ConflictRetry.DEFAULT);
        this.indexes = new IndexManager(context, snapshots, writer, ConflictRetry.DEFAULT);
        this.writes = new WritePlans(context);
        this.housekeeping = new Housekeeping(context, snapshots, writer, ConflictRetry.DEFAULT);
        this.maintenance = new TableMaintenance(this, context.maintenanceExecutor(), context.scheduler(),
                maintenanceSettings);
        this.reads = new VectorSearch(context, indexes, maintenance::requestRestamp);
        this.keys = new KeyPromotions(context, snapshots, writer, reads);
        this.groupCommit = new GroupCommit(writer, writes);
        this.schema = new SchemaChanges(context, snapshots, writer, writes, reads);
        this.fullTextIndexes = new FullTextIndexes(context, snapshots, writer, indexes);
        this.fullTextReads = new FullTextSearch(context);
        this.hybridReads = new HybridSearch(context, reads, fullTextReads);
        this.indexOperations = new TableIndexes(this, indexes, fullTextIndexes, maintenance);
        writer.onCommit(maintenance::afterWrite);
    }

    public String name() {
        return context.name();
    }

    public String uri() {
        return context.uri();
    }

    /** How soon searches see other processes' commits. */
    public ReadConsistency readConsistency() {
        return snapshots.consistency();
    }

    /** The vector columns and their dimensions, in table order. */
    public Map<String, Integer> vectorColumns() {
        return layout().vectorColumns();
    }

    /** The column with its dimension as stored, or an {@link IllegalArgumentException} naming the table's columns. */
    public VectorColumn vectorColumn(String column) {
        return layout().vectorColumn(name(), column);
    }

    /**
     * Makes sure the table has this vector column: checks the dimension of an existing one, or adds it without
     * rewriting any data (existing rows get no vector in it).
     */
    public VectorColumn ensureVectorColumn(VectorColumn column) {
        return ensureVectorColumn(column, true);
    }

    /** As {@link #ensureVectorColumn(VectorColumn)}; with {@code addIfMissing} false a missing column is an error. */
    public VectorColumn ensureVectorColumn(VectorColumn column, boolean addIfMissing) {
        return schema.ensureVectorColumn(column, addIfMissing);
    }

    /**
     * Inserts rows, or replaces the rows with the same id: one commit for the whole call — shared with other
     * threads' concurrent writes (group commit), returning when this call's rows are committed. Within the call,
     * and across calls in the order they arrive, the last row with a given id wins. Only the base columns and {@code vectorColumns} are written: a row's vectors in other
     * columns (other embedding models) are kept when it is replaced.
     */
    public void upsert(List<Row> rows, Collection<String> vectorColumns) {
        if (!rows.isEmpty()) {
            groupCommit.upsert(rows, vectorColumns);
        }
    }

    /**
     * A write buffer over this table for fire-and-forget ingestion (see {@link WriteBuffer}); close it to flush.
     */
    public WriteBuffer writeBuffer(WriteBuffer.Settings settings) {
        return new WriteBuffer(this, settings);
    }

    /** Validates rows for {@link #upsert} against the current version without writing them. */
    void validateUpsert(List<Row> rows, Collection<String> vectorColumns) {
        snapshots.read(s -> writes.upsert(rows, vectorColumns).apply(s.layout()));
    }

    /** Validates rows for {@link #append} against the current version without writing them. */
    void validateAppend(List<Row> rows) {
        snapshots.read(s -> writes.append(rows).apply(s.layout()));
    }

    /**
     * Appends rows whose ids are new (e.g. freshly generated): cheaper than {@link #upsert}, as no join on id is
     * needed. Rows get no vector in columns they do not mention.
     */
    public void append(List<Row> rows) {
        if (!rows.isEmpty()) {
            groupCommit.append(rows);
        }
    }

    /**
     * Sets the vectors of one column for rows that already exist (backfilling a second embedding model), leaving
     * every other column as it is. Ids that are not in the table are ignored.
     */
    public void updateVectors(String column, Map<String, float[]> vectorsById) {
        if (!vectorsById.isEmpty()) {
            writer.write("update vectors", writes.updateVectors(column, vectorsById));
        }
    }

    /** Deletes the rows with these ids (absent ids are ignored), in one commit. */
    public void delete(Collection<String> ids) {
        if (!ids.isEmpty()) {
            groupCommit.delete(ids);
        }
    }

    /** Deletes the rows matching a metadata filter (rows without metadata never match). */
    public void delete(MetadataFilter filter) {
        layout().filterSql().predicate(filter); // bad filters fail here, before a handle is opened
        writer.write("delete by filter", writes.deleteWhere(layout -> layout.filterSql().predicate(filter)));
    }

    /** Deletes every row; the schema, vector columns and indexes stay. */
    public void deleteAll() {
        writer.write("delete all", writes.deleteWhere(layout -> "true"));
    }

    /** Counts the rows, optionally only those matching a filter. */
    public long countRows(MetadataFilter filter) {
        return snapshots.read(s -> reads.count(s, filter));
    }

    public long countRows() {
        return countRows(null);
    }

    /** The number of rows with a vector in a column (reads the column: not for every request). */
    public long countVectors(String column) {
        vectorColumn(column);
        return snapshots.read(s -> reads.countWhere(s, "`" + column + "` IS NOT NULL", "count vectors"));
    }

    /** The version of the data that searches currently see. */
    public long version() {
        return snapshots.read(s -> s.version());
    }

    /**
     * The best rows for a query, best first, in the query's {@link SearchMode}. The filter is applied before ranking
     * (Lance prefilter, on both arms of a hybrid search), so the result is the top-k among matching rows.
     *
     * <ul>
     *   <li>Vector: the nearest rows to the query vector in one column — exact without an index or with the exact
     *       index, approximate (like any unfiltered search) with an ANN index. Rows without a vector in the column
     *       are never returned.</li>
     *   <li>Full-text: the rows whose text best matches the query text by BM25, through the full-text index when
     *       there is one (rows written since it was built are matched too); {@code metric} is not used.</li>
     *   <li>Hybrid: both on the same version, fused by reciprocal rank fusion.</li>
     * </ul>
     */
    public List<SearchHit> search(SearchQuery query, DistanceMetric metric) {
        if (query.filter() != null) {
            keys.noteFilter(query.filter(), maintenance.promoteKeysAfter(), maintenance.promoteKeysMinRows(),
                    maintenance::requestPromotion);
        }
        return snapshots.read(s -> switch (query.mode()) {
            case VECTOR -> reads.search(s, query, metric);
            case FULL_TEXT -> fullTextReads.search(s, query.text(), query.textMatch(), query.filter(), query.limit(),
                    query.includeVector() ? query.column() : null);
            case HYBRID -> hybridReads.search(s, query, metric);
        });
    }

    /**
     * Promotes a metadata key into typed, scalar-indexed columns now — one per kind of value the table holds for it
     * (text, whole numbers, decimals, booleans) — so that filters on it read an index instead of every row's JSON.
     * Unlike {@link #ensureMetadataColumn}, rows may hold any type for the key, and rows written by other tools stay
     * correct (they are read from the JSON until restamped). With {@link IndexPolicy.Mode#AUTO} this happens by itself
     * for keys that filters keep using.
     *
     * @throws IllegalArgumentException when no row holds the key with a value a filter can compare
     */
    public void promoteMetadataKey(String key) {
        keys.promoteNow(key);
    }

    /** The metadata keys promoted into typed columns in the version searches see. */
    public Set<String> promotedMetadataKeys() {
        return snapshots.read(s -> Set.copyOf(s.layout().promotedKeys().keys().keySet()));
    }

    void promoteKeys(Map<String, Set<ValueCategory>> wanted) {
        keys.promote(wanted);
    }

    /** Rows matching a metadata filter (all when null), without vectors, in storage order; at most {@code limit}. */
    public List<StoredRow> find(MetadataFilter filter, int limit) {
        return snapshots.read(s -> reads.find(s, filter, limit));
    }

    /** The metadata keys mirrored into typed, indexed columns, by key. */
    public Map<String, MetadataColumn> metadataColumns() {
        return layout().metadataColumns();
    }

    /**
     * Mirrors a metadata key into a typed column with a scalar index (BTREE; BITMAP for booleans), so that filters
     * on it use the index instead of parsing every row's JSON. Existing rows are filled from their JSON; from then on
     * every write fills the column and must hold the key with the declared kind of value (or not at all).
     *
     * @throws IllegalArgumentException when the key exists with another kind, or existing rows hold other types
     */
    public MetadataColumn ensureMetadataColumn(MetadataColumn column) {
        return schema.ensureMetadataColumn(column);
    }

    /** The table's vector and full-text indexes: their policies, builds and descriptions. */
    public TableIndexes indexes() {
        return indexOperations;
    }

    /**
     * Housekeeping, on a separate handle: merges small fragments when there are more than {@code maxFragments} and
     * deletes the files of versions older than {@code retention} (null: keeps them). Returns the versions removed.
     */
    public long compactAndCleanUp(Duration retention, int maxFragments) {
        return housekeeping.compactAndCleanUp(retention, maxFragments);
    }

    /**
     * Runs maintenance now on this thread (after a background run, if one is running): compaction, cleanup of old
     * versions, the automatic index policies and pending key promotions.
     *
     * @throws LanceStoreException when it fails (the failure is also kept in {@link #maintenanceStatus()})
     */
    public MaintenanceStatus runMaintenance() {
        return maintenance.runNow();
    }

    /** What the background maintenance did lately, including its last failure. */
    public MaintenanceStatus maintenanceStatus() {
        return maintenance.status();
    }

    /**
     * The escape hatch to native Lance: runs a function on the current {@link Dataset} handle, which stays open for
     * the call. For what the store does not offer (statistics, custom scans); do not close the handle, keep it after
     * the call, or write through it (writes here bypass the store's writer and its conflict handling). This is the
     * only public method that exposes a Lance type.
     */
    public <T> T withDataset(Function<Dataset, T> function) {
        return snapshots.read(s -> context.call("native access", () -> function.apply(s.dataset())));
    }

    /**
     * Moves searches to the latest committed version now, including other processes' commits.
     *
     * @return whether a newer version was found
     */
    public boolean refresh() {
        return snapshots.refresh();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            maintenance.stop();
            snapshots.close();
            database.forget(this);
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    SnapshotManager snapshots() {
        return snapshots;
    }

    TableWriter writer() {
        return writer;
    }

    GroupCommit groupCommit() {
        return groupCommit;
    }

    private TableLayout layout() {
        return snapshots.read(s -> s.layout());
    }
}
