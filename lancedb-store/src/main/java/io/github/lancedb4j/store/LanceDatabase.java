package io.github.lancedb4j.store;

import io.github.lancedb4j.store.internal.ArrowRuntime;
import io.github.lancedb4j.store.internal.NativeCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.lance.Dataset;
import org.lance.ReadOptions;
import org.lance.Session;
import org.lance.WriteParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LanceDB database: a directory (local, {@code file://}, {@code s3://}, {@code gs://}, {@code az://}) whose
 * tables are Lance datasets at {@code <uri>/<table>.lance}, the layout LanceDB's own SDKs use.
 *
 * <p>One database owns one Arrow allocator and one Lance {@link Session} (index and metadata caches) shared by all
 * its tables, and hands out one {@link LanceTable} per table name, so every store over a table in this process
 * sees the others' writes. Close it when the application stops.
 */
public final class LanceDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LanceDatabase.class);
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,254}");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.\\-]*://.*");

    private final String uri;
    private final Path localDirectory;
    private final Map<String, String> storageOptions;
    private final Duration readConsistencyInterval;
    private final String fileFormatVersion;
    private final Duration versionRetention;
    private final BufferAllocator allocator;
    private final boolean ownsAllocator;
    private final Session session;
    private final Map<String, LanceTable> tables = new ConcurrentHashMap<>();
    /** Index builds and optimizes requested by automatic index policies: one at a time, off the writing threads. */
    private final java.util.concurrent.ExecutorService maintenance = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "lancedb-index-maintenance");
                t.setDaemon(true);
                return t;
            });

    private LanceDatabase(Builder b) {
        ArrowRuntime.requireNioAccess();
        Objects.requireNonNull(b.uri, "uri");
        this.localDirectory = localPath(b.uri);
        this.uri = localDirectory != null ? localDirectory.toString() : stripTrailingSlash(b.uri);
        this.storageOptions = Map.copyOf(b.storageOptions);
        this.readConsistencyInterval = b.readConsistencyInterval;
        this.fileFormatVersion = b.fileFormatVersion;
        this.versionRetention = b.versionRetention;
        this.ownsAllocator = b.allocator == null;
        this.allocator = b.allocator != null ? b.allocator : new RootAllocator();
        this.session = Session.builder()
                .indexCacheSizeBytes(b.indexCacheSizeBytes)
                .metadataCacheSizeBytes(b.metadataCacheSizeBytes)
                .build();
        if (localDirectory != null) {
            try {
                Files.createDirectories(localDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the database directory " + localDirectory, e);
            }
        }
        log.debug("Connected to LanceDB database at {}", uri);
    }

    public static LanceDatabase connect(String uri) {
        return builder().uri(uri).build();
    }

    public static LanceDatabase connect(String uri, Map<String, String> storageOptions) {
        return builder().uri(uri).storageOptions(storageOptions).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The database location: an absolute local path, or the object-store URI as given. */
    public String uri() {
        return uri;
    }

    /** The location of a table's dataset. */
    public String tableUri(String table) {
        validateTableName(table);
        return uri + "/" + table + ".lance";
    }

    public boolean tableExists(String table) {
        String location = tableUri(table);
        if (localDirectory != null) {
            return Files.isDirectory(localDirectory.resolve(table + ".lance").resolve("_versions"));
        }
        try {
            openDataset(location).close();
            return true;
        } catch (IllegalArgumentException e) {
            if (String.valueOf(e.getMessage()).contains("was not found")) {
                return false;
            }
            throw cannotCheck(table, location, e);
        } catch (Exception e) {
            // Lance throws undeclared IOExceptions from native code (403, missing bucket, unreachable endpoint).
            throw cannotCheck(table, location, e);
        }
    }

    private static LanceStoreException cannotCheck(String table, String location, Exception e) {
        return new LanceStoreException(table, "open", "Cannot check table '" + table + "' at " + location + ": "
                + NativeCall.summary(e), e);
    }

    /**
     * Opens a table, creating it when absent and {@code createIfMissing} is set. An existing table is validated: it
     * must have the store's base columns, and each requested vector column must exist with the same dimension (a
     * column without a dimension takes the stored one) or, with {@code createIfMissing}, is added without rewriting
     * data. With no vector columns requested, an existing table is opened as it is.
     *
     * @throws IllegalArgumentException when the table does not fit, saying what differs
     */
    public LanceTable openTable(String table, List<VectorColumn> vectorColumns, boolean createIfMissing) {
        validateTableName(table);
        if (vectorColumns.isEmpty() && createIfMissing && !tables.containsKey(table) && !tableExists(table)) {
            throw new IllegalArgumentException("Table '" + table + "': at least one vector column is needed to create it");
        }
        LanceTable opened = tables.computeIfAbsent(table, name -> open(name, vectorColumns, createIfMissing));
        for (VectorColumn column : vectorColumns) {
            opened.ensureVectorColumn(column, createIfMissing);
        }
        return opened;
    }

    private LanceTable open(String table, List<VectorColumn> vectorColumns, boolean createIfMissing) {
        String location = tableUri(table);
        Dataset dataset;
        if (tableExists(table)) {
            dataset = NativeCall.run(table, location, "open", () -> openDataset(location));
        } else if (createIfMissing) {
            dataset = create(table, location, vectorColumns);
        } else {
            throw new IllegalArgumentException("Table '" + table + "' does not exist at " + location
                    + " and creating it is disabled");
        }
        List<String> problems = TableSchema.baseColumnProblems(dataset.getSchema());
        if (!problems.isEmpty()) {
            dataset.close();
            throw new IllegalArgumentException("Table '" + table + "' at " + location
                    + " cannot be used as a vector store: " + String.join("; ", problems));
        }
        return new LanceTable(this, table, location, dataset);
    }

    private Dataset create(String table, String location, List<VectorColumn> vectorColumns) {
        List<VectorColumn> withDimension = new ArrayList<>();
        for (VectorColumn c : vectorColumns) {
            if (!c.hasDimension()) {
                throw new IllegalArgumentException("Table '" + table + "' does not exist yet: vector column '"
                        + c.name() + "' needs a dimension to create it");
            }
            withDimension.add(c);
        }
        try {
            Dataset created = Dataset.write().allocator(allocator).schema(TableSchema.create(withDimension))
                    .uri(location).mode(WriteParams.WriteMode.CREATE).storageOptions(storageOptions)
                    .dataStorageVersion(fileFormatVersion).session(session).execute();
            log.info("Created table '{}' at {} with vector columns {}", table, location, withDimension);
            return created;
        } catch (IllegalArgumentException e) {
            if (String.valueOf(e.getMessage()).contains("already exists")) {
                // Another process created it between our check and our create.
                return NativeCall.run(table, location, "open", () -> openDataset(location));
            }
            throw new LanceStoreException(table, "create", "Lance create failed on table '" + table + "' at "
                    + location + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new LanceStoreException(table, "create", "Lance create failed on table '" + table + "' at "
                    + location + ": " + NativeCall.summary(e), e);
        }
    }

    /**
     * The vector column a store should ask {@link #openTable} for: with the configured dimension if there is one;
     * else with the table's (when the column exists or may not be created); else with the embedding model's, which
     * is asked only then — for a remote model that can cost one embedding call.
     */
    public VectorColumn columnToOpen(String table, String column, Integer configuredDimension, boolean createIfMissing,
            java.util.function.IntSupplier modelDimension) {
        if (configuredDimension != null) {
            return VectorColumn.of(column, configuredDimension);
        }
        if (!createIfMissing || tableExists(table)
                && openTable(table, List.of(), false).vectorColumns().containsKey(column)) {
            return VectorColumn.existing(column);
        }
        return VectorColumn.of(column, modelDimension.getAsInt());
    }

    /** Deletes a table and all its data. Closes it first if it is open. */
    public void dropTable(String table) {
        LanceTable open = tables.remove(table);
        if (open != null) {
            open.close();
        }
        String location = tableUri(table);
        NativeCall.run(table, location, "drop", () -> Dataset.drop(location, storageOptions));
    }

    Dataset openDataset(String location) {
        return Dataset.open()
                .allocator(allocator)
                .uri(location)
                .readOptions(new ReadOptions.Builder().setStorageOptions(storageOptions).build())
                .session(session)
                .build();
    }

    void forget(LanceTable table) {
        tables.remove(table.name(), table);
    }

    BufferAllocator allocator() {
        return allocator;
    }

    Session session() {
        return session;
    }

    Map<String, String> storageOptions() {
        return storageOptions;
    }

    Duration readConsistencyInterval() {
        return readConsistencyInterval;
    }

    Duration versionRetention() {
        return versionRetention;
    }

    java.util.concurrent.Executor maintenanceExecutor() {
        return maintenance;
    }

    @Override
    public void close() {
        maintenance.shutdown();
        try {
            // A build in native code cannot be interrupted; it holds Arrow memory until it ends.
            if (!maintenance.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES)) {
                log.warn("An index build on {} is still running; closing anyway", uri);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        new ArrayList<>(tables.values()).forEach(LanceTable::close);
        session.close();
        if (ownsAllocator) {
            allocator.close();
        }
    }

    @Override
    public String toString() {
        // Storage options hold credentials: show their keys only.
        return "LanceDatabase[uri=" + uri + ", storageOptions=" + storageOptions.keySet() + "]";
    }

    static void validateTableName(String table) {
        if (table == null || !TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("Table name '" + table + "' is not valid: use letters, digits, '_', "
                    + "'-' and '.', not starting with '-' or '.'");
        }
    }

    /** A local directory for a plain path or a {@code file:} URI; null for object-store URIs. */
    static Path localPath(String uri) {
        if (uri.isBlank()) {
            throw new IllegalArgumentException("The database URI is empty");
        }
        if (uri.startsWith("file:")) {
            return Paths.get(URI.create(uri)).toAbsolutePath().normalize();
        }
        if (SCHEME.matcher(uri).matches()) {
            return null;
        }
        return Paths.get(uri).toAbsolutePath().normalize();
    }

    private static String stripTrailingSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    public static final class Builder {
        private String uri;
        private final Map<String, String> storageOptions = new LinkedHashMap<>();
        private Duration readConsistencyInterval;
        private BufferAllocator allocator;
        private long indexCacheSizeBytes = 2L << 30;
        private long metadataCacheSizeBytes = 128L << 20;
        private String fileFormatVersion = "2.0";
        private Duration versionRetention = Duration.ofDays(1);

        /** A local directory, {@code file://…}, {@code s3://bucket/prefix}, {@code gs://…} or {@code az://…}. */
        public Builder uri(String uri) {
            this.uri = uri;
            return this;
        }

        /**
         * Object-store settings passed to Lance, e.g. {@code aws_access_key_id}, {@code aws_secret_access_key},
         * {@code aws_region}, {@code aws_endpoint}, {@code allow_http}.
         */
        public Builder storageOptions(Map<String, String> options) {
            if (options != null) {
                this.storageOptions.putAll(options);
            }
            return this;
        }

        public Builder storageOption(String key, String value) {
            this.storageOptions.put(key, value);
            return this;
        }

        /**
         * How stale searches may be with respect to other processes' writes: {@code null} (the default) checks only
         * on {@link LanceTable#refresh()}, {@link Duration#ZERO} checks before every search.
         */
        public Builder readConsistencyInterval(Duration interval) {
            this.readConsistencyInterval = interval;
            return this;
        }

        /** Use this allocator instead of an own {@link RootAllocator}; the caller closes it after the database. */
        public Builder allocator(BufferAllocator allocator) {
            this.allocator = allocator;
            return this;
        }

        /** Size of the shared cache of vector/scalar index data (default 2 GiB, a cap rather than an allocation: an exact index holds the vectors, a 1M × 768 IVF_HNSW_SQ index about 1 GiB). */
        public Builder indexCacheSizeBytes(long bytes) {
            this.indexCacheSizeBytes = bytes;
            return this;
        }

        /** Size of the shared cache of manifests and file metadata (default 128 MiB). */
        public Builder metadataCacheSizeBytes(long bytes) {
            this.metadataCacheSizeBytes = bytes;
            return this;
        }

        /**
         * The Lance file format of new tables: "2.0" (the default), "2.1" or "2.2". 2.0 reads fixed-size vectors
         * about 3× faster (a scan of 100K × 768: 108 ms against 322 ms with 2.1, measured on the 2-core machine of
         * BENCHMARKS.md); 2.1 and later compress text better.
         */
        public Builder fileFormatVersion(String version) {
            this.fileFormatVersion = version;
            return this;
        }

        /**
         * How long old table versions (time travel, readers of older versions in other processes) are kept: every
         * 20 writes, versions older than this are deleted and small fragments merged, in the background. Default 1
         * day; null keeps every version.
         */
        public Builder versionRetention(Duration retention) {
            this.versionRetention = retention;
            return this;
        }

        public LanceDatabase build() {
            return new LanceDatabase(this);
        }
    }
}
