package io.github.lancedb4j.store;

import io.github.lancedb4j.store.filter.FilterSql;
import io.github.lancedb4j.store.filter.MetadataFilter;
import io.github.lancedb4j.store.internal.DatasetHandle;
import io.github.lancedb4j.store.internal.NativeCall;
import io.github.lancedb4j.store.internal.RowBatchReader;
import io.github.lancedb4j.store.internal.SearchResultReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.Dataset;
import org.lance.WriteParams;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.Query;
import org.lance.ipc.ScanOptions;
import org.lance.merge.MergeInsertParams;
import org.lance.merge.MergeInsertResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lance dataset used as a vector store table: upserts, deletes and vector searches, safe to use from many
 * threads.
 *
 * <p>Reads run on a shared, reference-counted handle. Each write runs on a fresh handle opened at the latest
 * version (so it includes commits by other processes), under one lock per table, and commits once; the resulting
 * handle then replaces the shared one. A search that started on the old handle finishes on it. Searches see this
 * table's own writes at once, and other processes' writes after {@link #refresh()} or, when the database has a
 * read-consistency interval, automatically.
 */
public final class LanceTable implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LanceTable.class);

    /** Rows per Arrow batch on writes; bounds the Arrow memory one write holds at a time. */
    static final int WRITE_BATCH_ROWS = 8192;

    private final LanceDatabase database;
    private final String name;
    private final String uri;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicReference<DatasetHandle> current;
    private volatile Map<String, Integer> vectorColumns;
    private volatile Map<String, MetadataColumn> metadataColumns;
    private volatile FilterSql filterSql;
    /** Vector indexes by column, for the version searches currently see (null: not read yet). */
    private volatile IndexState indexes;
    private final Map<String, VectorIndexSpec> specsBuiltHere = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<String> metricWarnings = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final IndexMaintenance maintenance;
    private volatile long lastConsistencyCheck = System.nanoTime();
    private volatile boolean closed;

    LanceTable(LanceDatabase database, String name, String uri, Dataset dataset) {
        this.database = database;
        this.name = name;
        this.uri = uri;
        this.current = new AtomicReference<>(new DatasetHandle(dataset));
        this.vectorColumns = TableSchema.vectorColumns(dataset.getSchema());
        this.metadataColumns = TableSchema.metadataColumns(dataset.getSchema());
        this.filterSql = FilterSql.withColumns(metadataColumns);
        this.maintenance = new IndexMaintenance(this, database.maintenanceExecutor(), database.versionRetention());
    }

    public String name() {
        return name;
    }

    public String uri() {
        return uri;
    }

    /** The vector columns and their dimensions, in table order. */
    public Map<String, Integer> vectorColumns() {
        return vectorColumns;
    }

    /**
     * The column with its dimension as stored, or an {@link IllegalArgumentException} naming the table's columns.
     */
    public VectorColumn vectorColumn(String column) {
        Integer dim = vectorColumns.get(column);
        if (dim == null) {
            throw new IllegalArgumentException("Table '" + name + "' has no vector column '" + column
                    + "'; its vector columns are " + vectorColumns);
        }
        return VectorColumn.of(column, dim);
    }

    /**
     * Makes sure the table has this vector column: checks the dimension of an existing one, or adds it without
     * rewriting any data (existing rows get no vector in it).
     *
     * @return the column with its dimension
     */
    public VectorColumn ensureVectorColumn(VectorColumn column) {
        return ensureVectorColumn(column, true);
    }

    /** As {@link #ensureVectorColumn(VectorColumn)}; with {@code addIfMissing} false a missing column is an error. */
    public VectorColumn ensureVectorColumn(VectorColumn column, boolean addIfMissing) {
        Integer existing = vectorColumns.get(column.name());
        if (existing != null) {
            return checkDimension(column, existing);
        }
        if (!addIfMissing) {
            throw new IllegalArgumentException("Table '" + name + "' has no vector column '" + column.name()
                    + "' and schema changes are disabled; its vector columns are " + vectorColumns);
        }
        if (!column.hasDimension()) {
            throw new IllegalArgumentException("Table '" + name + "' has no vector column '" + column.name()
                    + "' and no dimension was given to add it; its vector columns are " + vectorColumns);
        }
        writeLock.lock();
        try {
            Dataset writer = openLatest("add column");
            existing = TableSchema.vectorColumns(writer.getSchema()).get(column.name());
            if (existing != null) {
                publish(writer);
                return checkDimension(column, existing);
            }
            NativeCall.run(name, uri, "add vector column '" + column.name() + "'",
                    () -> writer.addColumns(List.of(TableSchema.vectorField(column))));
            log.info("Added vector column '{}' ({} dimensions) to table '{}'", column.name(), column.dimension(), name);
            publish(writer);
            return column;
        } finally {
            writeLock.unlock();
        }
    }

    private VectorColumn checkDimension(VectorColumn requested, int existing) {
        if (requested.hasDimension() && requested.dimension() != existing) {
            throw new IllegalArgumentException("Vector column '" + requested.name() + "' of table '" + name
                    + "' has dimension " + existing + " but the store is configured with dimension "
                    + requested.dimension());
        }
        return VectorColumn.of(requested.name(), existing);
    }

    /**
     * Inserts rows, or replaces the rows with the same id: one commit for the whole call. Within the call, the last
     * row with a given id wins. Only the base columns and {@code vectorColumns} are written: a row's vectors in other
     * columns (other embedding models) are kept when it is replaced.
     */
    public void upsert(List<Row> rows, Collection<String> columnsWritten) {
        if (rows.isEmpty()) {
            return;
        }
        List<VectorColumn> columns = resolveColumns(columnsWritten);
        List<Row> unique = lastPerId(rows);
        List<MetadataCodec.Encoded> metadata = validate(unique, columns);
        write("upsert", writer -> {
            MergeInsertParams params = new MergeInsertParams(List.of(TableSchema.ID))
                    .withMatchedUpdateAll()
                    .withNotMatched(MergeInsertParams.WhenNotMatched.InsertAll);
            return merge(writer, params, new RowBatchReader(database.allocator(), unique, metadata, columns,
                    List.copyOf(metadataColumns.values()), WRITE_BATCH_ROWS));
        });
    }

    /**
     * Appends rows whose ids are new (e.g. freshly generated): cheaper than {@link #upsert}, as no join on id is
     * needed. Rows get no vector in columns they do not mention.
     */
    public void append(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<VectorColumn> columns = resolveColumns(vectorColumns.keySet());
        List<MetadataCodec.Encoded> metadata = validate(rows, columns);
        Set<String> seen = new LinkedHashSet<>();
        for (Row r : rows) {
            if (!seen.add(r.id())) {
                throw new IllegalArgumentException("Append to table '" + name + "': id '" + r.id()
                        + "' occurs twice; use upsert for ids that may repeat");
            }
        }
        write("append", writer -> {
            try (ArrowReader reader = new RowBatchReader(database.allocator(), rows, metadata, columns,
                    List.copyOf(metadataColumns.values()), WRITE_BATCH_ROWS);
                    ArrowArrayStream stream = ArrowArrayStream.allocateNew(database.allocator())) {
                Data.exportArrayStream(database.allocator(), reader, stream);
                Dataset appended = Dataset.write().allocator(database.allocator()).stream(stream).uri(uri)
                        .mode(WriteParams.WriteMode.APPEND).storageOptions(database.storageOptions())
                        .session(database.session()).execute();
                writer.close();
                return appended;
            }
        });
    }

    /**
     * Sets the vectors of one column for rows that already exist (backfilling a second embedding model), leaving
     * every other column as it is. Ids that are not in the table are ignored.
     */
    public void updateVectors(String column, Map<String, float[]> vectorsById) {
        if (vectorsById.isEmpty()) {
            return;
        }
        VectorColumn col = vectorColumn(column);
        vectorsById.forEach((id, v) -> col.validate(v, "vector of id '" + id + "'"));
        write("update vectors", writer -> {
            MergeInsertParams params = new MergeInsertParams(List.of(TableSchema.ID))
                    .withMatchedUpdateAll()
                    .withNotMatched(MergeInsertParams.WhenNotMatched.DoNothing);
            List<Row> rows = new ArrayList<>();
            vectorsById.forEach((id, v) -> rows.add(Row.of(id, null, null, column, v)));
            return merge(writer, params, RowBatchReader.vectorsOnly(database.allocator(), rows, col, WRITE_BATCH_ROWS));
        });
    }

    /** Deletes the rows with these ids (absent ids are ignored), in one commit. */
    public void delete(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        String predicate = "`" + TableSchema.ID + "` IN "
                + new LinkedHashSet<>(ids).stream().map(FilterSql::literal).collect(Collectors.joining(", ", "(", ")"));
        write("delete by id", writer -> {
            writer.delete(predicate);
            return writer;
        });
    }

    /** Deletes the rows matching a metadata filter (rows without metadata never match). */
    public void delete(MetadataFilter filter) {
        String predicate = filterSql.predicate(filter);
        write("delete by filter", writer -> {
            writer.delete(predicate);
            return writer;
        });
    }

    /** Deletes every row; the schema, vector columns and indexes stay. */
    public void deleteAll() {
        write("delete all", writer -> {
            writer.delete("true");
            return writer;
        });
    }

    /** Counts the rows, optionally only those matching a filter. */
    public long countRows(MetadataFilter filter) {
        return read("count", ds -> filter == null ? ds.countRows() : ds.countRows(filterSql.predicate(filter)));
    }

    public long countRows() {
        return countRows(null);
    }

    /** The version of the data that searches currently see. */
    public long version() {
        return read("version", Dataset::version);
    }

    /**
     * The nearest rows to a query vector in one column, best first. The filter is applied before ranking (Lance
     * prefilter), so the result is the top-k among matching rows: exact without an index or with the exact index,
     * approximate (like any unfiltered search) with an ANN index. Rows without a vector in the column are
     * never returned.
     */
    public List<SearchHit> search(VectorQuery query, DistanceMetric metric) {
        VectorColumn column = vectorColumn(query.column());
        column.validate(query.vector(), "query vector");
        // Lance skips rows whose vector is null. No "IS NOT NULL" predicate here: as a prefilter it would read the
        // whole vector column and turn an indexed search into a full scan (measured: 34 ms -> 250 ms at 100K x 768).
        String predicate = query.filter() == null ? null : filterSql.predicate(query.filter());
        List<String> projection = new ArrayList<>(List.of(TableSchema.ID, TableSchema.TEXT, TableSchema.METADATA,
                TableSchema.METADATA_TYPES));
        if (query.includeVector()) {
            projection.add(column.name());
        }
        projection.add(SearchResultReader.DISTANCE);
        Query.Builder nearest = new Query.Builder()
                .setColumn(column.name())
                .setKey(query.vector())
                .setK(query.limit())
                .setDistanceType(metric.lanceType());
        tune(nearest, column.name(), metric, query.tuning(), query.limit());
        ScanOptions.Builder options = new ScanOptions.Builder().nearest(nearest.build()).columns(projection);
        if (predicate != null) {
            options.filter(predicate).prefilter(true);
        }
        return read("search", ds -> {
            try (LanceScanner scanner = ds.newScan(options.build()); ArrowReader reader = scanner.scanBatches()) {
                return SearchResultReader.read(reader, column.name(), query.includeVector(), metric);
            }
        });
    }

    /**
     * Rows matching a metadata filter (all rows when it is null), without vectors, in storage order; at most
     * {@code limit} of them.
     */
    public List<StoredRow> find(MetadataFilter filter, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be greater than 0, got " + limit);
        }
        ScanOptions.Builder options = new ScanOptions.Builder()
                .columns(List.of(TableSchema.ID, TableSchema.TEXT, TableSchema.METADATA, TableSchema.METADATA_TYPES))
                .limit(limit);
        if (filter != null) {
            options.filter(filterSql.predicate(filter));
        }
        return read("find", ds -> {
            try (LanceScanner scanner = ds.newScan(options.build()); ArrowReader reader = scanner.scanBatches()) {
                return SearchResultReader.readRows(reader);
            }
        });
    }

    /** The metadata keys mirrored into typed, indexed columns, by key. */
    public Map<String, MetadataColumn> metadataColumns() {
        return metadataColumns;
    }

    /**
     * Mirrors a metadata key into a typed column with a scalar index (BTREE; BITMAP for booleans), so that filters
     * on it use the index instead of parsing every row's JSON. Existing rows are filled from their JSON; from then on
     * every write fills the column and must hold the key with the declared kind of value (or not at all).
     *
     * @throws IllegalArgumentException when the key exists with another kind, or existing rows hold other types
     */
    public MetadataColumn ensureMetadataColumn(MetadataColumn column) {
        MetadataColumn existing = metadataColumns.get(column.key());
        if (existing != null) {
            if (existing.kind() != column.kind()) {
                throw new IllegalArgumentException("Metadata key '" + column.key() + "' of table '" + name
                        + "' already has a " + existing.kind() + " column, not " + column.kind());
            }
            return existing;
        }
        String kinds = "json_get_string(`" + TableSchema.METADATA_TYPES + "`, " + FilterSql.literal(column.key())
                + ") NOT IN " + column.storedTypesSql();
        long conflicting = read("check metadata types", ds -> ds.countRows(kinds));
        if (conflicting > 0) {
            throw new IllegalArgumentException("Metadata key '" + column.key() + "' of table '" + name
                    + "' holds values that are not " + column.kind() + " in " + conflicting + " rows");
        }
        write("add metadata column '" + column.columnName() + "'", writer -> addMetadataColumn(writer, column));
        log.info("Mirrored metadata key '{}' of table '{}' into {} ({}, {} index)", column.key(), name,
                column.columnName(), column.kind(), column.kind() == MetadataColumn.Kind.BOOLEAN ? "BITMAP" : "BTREE");
        return column;
    }

    private Dataset addMetadataColumn(Dataset writer, MetadataColumn column) throws Exception {
        // Lance's add-column expressions cannot call the JSON functions: add an empty column (no data rewritten),
        // then fill it from the rows that hold the key, with a merge on id.
        writer.addColumns(List.of(column.arrowField()));
        List<Row> holders = new ArrayList<>();
        ScanOptions scan = new ScanOptions.Builder()
                .columns(List.of(TableSchema.ID, TableSchema.TEXT, TableSchema.METADATA, TableSchema.METADATA_TYPES))
                .filter("json_get_string(`" + TableSchema.METADATA_TYPES + "`, " + FilterSql.literal(column.key())
                        + ") IS NOT NULL")
                .build();
        try (LanceScanner scanner = writer.newScan(scan); ArrowReader reader = scanner.scanBatches()) {
            for (StoredRow r : SearchResultReader.readRows(reader)) {
                holders.add(new Row(r.id(), null, Map.of(column.key(), r.metadata().get(column.key())), null));
            }
        }
        Dataset filled = writer;
        if (!holders.isEmpty()) {
            filled = merge(writer, new MergeInsertParams(List.of(TableSchema.ID)).withMatchedUpdateAll()
                    .withNotMatched(MergeInsertParams.WhenNotMatched.DoNothing),
                    RowBatchReader.metadataColumnOnly(database.allocator(), holders, column, WRITE_BATCH_ROWS));
        }
        boolean bitmap = column.kind() == MetadataColumn.Kind.BOOLEAN;
        filled.createIndex(org.lance.index.IndexOptions
                .builder(List.of(column.columnName()),
                        bitmap ? org.lance.index.IndexType.BITMAP : org.lance.index.IndexType.BTREE,
                        org.lance.index.IndexParams.builder().setScalarIndexParams(
                                org.lance.index.scalar.ScalarIndexParams.create(bitmap ? "bitmap" : "btree")).build())
                .withIndexName(column.indexName()).replace(true).build());
        return filled;
    }

    /**
     * Sets who builds a column's index and when (see {@link IndexPolicy}); {@code metric} is the distance the
     * column's searches use, which an automatic index is built for.
     */
    public void indexPolicy(String column, IndexPolicy policy, DistanceMetric metric) {
        vectorColumn(column);
        maintenance.set(column, policy, metric);
    }

    /** The column's index policy, or null when none was set (indexes are then built only when asked). */
    public IndexPolicy indexPolicy(String column) {
        return maintenance.policy(column);
    }

    /** The number of rows with a vector in a column (reads the column: not for every request). */
    public long countVectors(String column) {
        vectorColumn(column);
        return read("count vectors", ds -> ds.countRows("`" + column + "` IS NOT NULL"));
    }

    /**
     * Builds (or rebuilds) the vector index of a column. Training runs on a separate handle, so searches keep
     * running on the current version meanwhile; when the build commits, searches move to the indexed version.
     * Rows written during the build are searched by brute force until {@link #optimizeVectorIndexes()}.
     *
     * @throws IllegalArgumentException when the index cannot be trained: no vectors yet, fewer than 256 vectors for
     *                                  IVF_PQ, more partitions than vectors, a dimension PQ/RQ cannot split
     */
    public VectorIndexInfo createVectorIndex(String column, VectorIndexSpec spec, DistanceMetric metric) {
        ensureOpen();
        VectorColumn col = vectorColumn(column);
        requireIndexingAllowed(column);
        String operation = "create " + spec.type() + " index on '" + column + "'";
        Dataset builder = openLatest(operation);
        try {
            long rows = NativeCall.run(name, uri, operation, () -> builder.countRows("`" + column + "` IS NOT NULL"));
            org.lance.index.vector.VectorIndexParams params = spec.toLanceParams(name, column, rows, col.dimension(),
                    metric.lanceType());
            long started = System.nanoTime();
            NativeCall.run(name, uri, operation, () -> builder.createIndex(org.lance.index.IndexOptions
                    .builder(List.of(column), spec.type().lanceType(),
                            org.lance.index.IndexParams.builder().setVectorIndexParams(params).build())
                    .withIndexName(indexName(column, spec))
                    .replace(true)
                    .build()));
            // A column has one vector index: drop the one this build replaces (the exact and the approximate index
            // have different names, so that the kind survives Lance splitting the exact index's partition).
            for (String other : VectorIndexReader.vectorIndexNames(builder, column)) {
                if (!other.equals(indexName(column, spec))) {
                    NativeCall.run(name, uri, operation, () -> builder.dropIndex(other));
                }
            }
            log.info("Built {} index on '{}' of table '{}' ({} vectors, {} partitions, {}) in {} ms", spec.type(), column,
                    name, rows, spec.partitionsFor(rows), metric, (System.nanoTime() - started) / 1_000_000);
        } finally {
            builder.close();
        }
        specsBuiltHere.put(column, spec);
        refresh();
        return vectorIndex(column).orElseThrow(() -> new LanceStoreException(name, operation,
                "The index on '" + column + "' of table '" + name + "' was built but is not visible", null));
    }

    /**
     * Folds rows written since the last build into every vector index (no retraining), on a separate handle.
     */
    public void optimizeVectorIndexes() {
        ensureOpen();
        if (vectorIndexes().isEmpty()) {
            return;
        }
        Dataset optimizer = openLatest("optimize indexes");
        try {
            NativeCall.run(name, uri, "optimize indexes",
                    () -> optimizer.optimizeIndices(org.lance.index.OptimizeOptions.builder().build()));
        } finally {
            optimizer.close();
        }
        refresh();
    }

    /**
     * Housekeeping, on a separate handle: merges small fragments (many small writes make many fragments, and every
     * search pays per fragment) and deletes the files of versions older than {@code retention} (every write makes a
     * version; without cleanup the table only grows). Returns the number of old versions removed.
     */
    public long compactAndCleanUp(java.time.Duration retention, int maxFragments) {
        ensureOpen();
        Dataset worker = openLatest("compact");
        long removed;
        try {
            int fragments = worker.getFragments().size();
            if (fragments > maxFragments) {
                NativeCall.run(name, uri, "compact", () -> worker.compact());
                log.info("Compacted table '{}': {} fragments -> {}", name, fragments, worker.getFragments().size());
            }
            removed = retention == null ? 0 : NativeCall.run(name, uri, "clean up old versions", () ->
                    worker.cleanupWithPolicy(org.lance.cleanup.CleanupPolicy.builder()
                            .withBeforeTimestampMillis(System.currentTimeMillis() - retention.toMillis())
                            .build()).getOldVersions());
            if (removed > 0) {
                log.debug("Removed {} old versions of table '{}'", removed, name);
            }
        } finally {
            worker.close();
        }
        refresh();
        return removed;
    }

    /** Drops the vector index of a column, if there is one; searches become exact scans. */
    public void dropVectorIndex(String column) {
        Optional<VectorIndexInfo> index = vectorIndex(column);
        if (index.isEmpty()) {
            return;
        }
        write("drop index", writer -> {
            writer.dropIndex(index.get().name());
            return writer;
        });
        specsBuiltHere.remove(column);
    }

    private void requireIndexingAllowed(String column) {
        IndexPolicy policy = maintenance.policy(column);
        if (policy != null && policy.mode() == IndexPolicy.Mode.NONE) {
            throw new IllegalStateException("Column '" + column + "' of table '" + name + "' has the index policy NONE: "
                    + "its searches are exact scans; choose EXPLICIT or AUTO to build an index");
        }
    }

    /** The vector indexes of the version searches currently see. */
    public List<VectorIndexInfo> vectorIndexes() {
        return List.copyOf(indexState().byColumn().values());
    }

    public Optional<VectorIndexInfo> vectorIndex(String column) {
        return Optional.ofNullable(indexState().byColumn().get(column));
    }

    /** The index name the store gives a column's vector index: {@code <column>_idx}, or {@code <column>_exact_idx}. */
    static String indexName(String column, VectorIndexSpec spec) {
        return column + (spec.isExact() ? VectorIndexInfo.EXACT_SUFFIX : "_idx");
    }

    private record IndexState(long version, Map<String, VectorIndexInfo> byColumn) {
    }

    private IndexState indexState() {
        IndexState state = indexes;
        if (state != null) {
            return state;
        }
        IndexState read = read("describe indexes", ds -> new IndexState(ds.version(), VectorIndexReader.read(ds)));
        indexes = read;
        return read;
    }

    private void tune(Query.Builder nearest, String column, DistanceMetric metric, SearchTuning requested, int k) {
        VectorIndexInfo index = indexState().byColumn().get(column);
        if (index == null) {
            return;
        }
        if (index.metric() != metric) {
            // Lance would silently scan everything; we say so once, then scan on purpose.
            if (metricWarnings.add(column + "/" + metric)) {
                log.warn("Searching column '{}' of table '{}' by {} but its {} index was built for {}: these searches "
                        + "scan every vector (exact, slow). Rebuild the index with {} to use it.", column, name, metric,
                        index.type(), index.metric(), metric);
            }
            nearest.setUseIndex(false);
            return;
        }
        VectorIndexSpec spec = index.exact() ? VectorIndexSpec.exact()
                : specsBuiltHere.getOrDefault(column, VectorIndexSpec.of(index.type()));
        if (spec.isExact() != index.exact()) {
            spec = VectorIndexSpec.of(index.type()); // replaced since by another process
        }
        SearchTuning tuning = (requested == null ? SearchTuning.DEFAULTS : requested)
                .orElse(spec.defaultTuning(index.partitions() == null ? 1 : index.partitions()));
        if (tuning.nprobes() != null) {
            nearest.setNprobes(tuning.nprobes());
        }
        if (tuning.refineFactor() != null && index.type() != VectorIndexType.IVF_FLAT) {
            nearest.setRefineFactor(tuning.refineFactor());
        }
        if (tuning.ef() != null && index.type() == VectorIndexType.IVF_HNSW_SQ) {
            // Lance requires ef >= k × refine factor (the candidates HNSW must return).
            int refine = tuning.refineFactor() == null ? 1 : tuning.refineFactor();
            nearest.setEf(Math.max(tuning.ef(), k * refine));
        }
    }

    /**
     * Runs a function on the current Lance {@link Dataset} handle, which stays open for the call. For advanced use
     * (statistics, versions, custom scans); do not close the handle or keep it after the call.
     */
    public <T> T withDataset(Function<Dataset, T> function) {
        return read("native access", function::apply);
    }

    /** Moves searches to the latest committed version, including other processes' commits. */
    public void refresh() {
        writeLock.lock();
        try {
            Dataset latest = openLatest("refresh");
            if (latest.version() == current.get().dataset().version()) {
                latest.close();
            } else {
                publish(latest);
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            current.get().release();
            database.forget(this);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface WriteStep {
        Dataset apply(Dataset writer) throws Exception;
    }

    private void write(String operation, WriteStep step) {
        ensureOpen();
        writeLock.lock();
        try {
            Dataset writer = openLatest(operation);
            Dataset result;
            try {
                result = NativeCall.run(name, uri, operation, () -> step.apply(writer));
            } catch (RuntimeException e) {
                if (!writer.closed()) {
                    writer.close();
                }
                throw e;
            }
            publish(result);
        } finally {
            writeLock.unlock();
        }
        maintenance.afterWrite();
    }

    private Dataset merge(Dataset writer, MergeInsertParams params, ArrowReader source) throws Exception {
        try (ArrowReader reader = source; ArrowArrayStream stream = ArrowArrayStream.allocateNew(database.allocator())) {
            Data.exportArrayStream(database.allocator(), reader, stream);
            MergeInsertResult result = writer.mergeInsert(params, stream);
            writer.close();
            return result.dataset();
        }
    }

    private <T> T read(String operation, NativeFunction<T> function) {
        ensureOpen();
        maybeRefresh();
        DatasetHandle handle = acquire();
        try {
            return NativeCall.run(name, uri, operation, () -> function.apply(handle.dataset()));
        } finally {
            handle.release();
        }
    }

    @FunctionalInterface
    private interface NativeFunction<T> {
        T apply(Dataset dataset) throws Exception;
    }

    private DatasetHandle acquire() {
        while (true) {
            DatasetHandle handle = current.get();
            if (handle.tryRetain()) {
                return handle;
            }
            ensureOpen();
        }
    }

    private void publish(Dataset dataset) {
        DatasetHandle previous = current.getAndSet(new DatasetHandle(dataset));
        vectorColumns = TableSchema.vectorColumns(dataset.getSchema());
        Map<String, MetadataColumn> mirrored = TableSchema.metadataColumns(dataset.getSchema());
        if (!mirrored.equals(metadataColumns)) {
            metadataColumns = mirrored;
            filterSql = FilterSql.withColumns(mirrored);
        }
        indexes = null;
        lastConsistencyCheck = System.nanoTime();
        previous.release();
    }

    private void maybeRefresh() {
        Duration interval = database.readConsistencyInterval();
        if (interval != null && System.nanoTime() - lastConsistencyCheck >= interval.toNanos()) {
            refresh();
        }
    }

    private Dataset openLatest(String operation) {
        return NativeCall.run(name, uri, operation + " (open latest version)", () -> database.openDataset(uri));
    }

    private List<VectorColumn> resolveColumns(Collection<String> names) {
        List<VectorColumn> columns = new ArrayList<>();
        for (String c : names) {
            columns.add(vectorColumn(c));
        }
        return columns;
    }

    /** Validates every row before anything is written; returns the rows' encoded metadata. */
    private List<MetadataCodec.Encoded> validate(List<Row> rows, List<VectorColumn> columns) {
        List<MetadataCodec.Encoded> metadata = new ArrayList<>(rows.size());
        Set<String> known = columns.stream().map(VectorColumn::name).collect(Collectors.toSet());
        for (Row row : rows) {
            for (String c : row.vectors().keySet()) {
                if (!known.contains(c)) {
                    throw new IllegalArgumentException("Row '" + row.id() + "' has a vector for column '" + c
                            + "', which this write does not cover; table '" + name + "' has " + vectorColumns);
                }
            }
            for (VectorColumn column : columns) {
                float[] v = row.vectors().get(column.name());
                if (v != null) {
                    column.validate(v, "vector of id '" + row.id() + "'");
                }
            }
            metadata.add(row.metadata() == null ? null : MetadataCodec.encode(row.metadata()));
            if (row.metadata() != null) {
                for (MetadataColumn mc : metadataColumns.values()) {
                    Object value = row.metadata().get(mc.key());
                    if (value != null && !mc.kind().accepts(MetadataType.of(mc.key(), value))) {
                        throw new IllegalArgumentException("Metadata key '" + mc.key() + "' of table '" + name
                                + "' has a typed column (" + mc.columnName() + ", " + mc.kind() + ") but row '"
                                + row.id() + "' holds a " + value.getClass().getSimpleName() + " there");
                    }
                }
            }
        }
        return metadata;
    }

    static List<Row> lastPerId(List<Row> rows) {
        Map<String, Row> byId = new LinkedHashMap<>();
        for (Row r : rows) {
            byId.remove(r.id());
            byId.put(r.id(), r);
        }
        return byId.size() == rows.size() ? rows : new ArrayList<>(byId.values());
    }

    boolean isClosed() {
        return closed;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Table '" + name + "' is closed");
        }
    }
}
