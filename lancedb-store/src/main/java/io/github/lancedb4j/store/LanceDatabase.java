package io.github.lancedb4j.store;

import io.github.lancedb4j.store.internal.ArrowRuntime;
import io.github.lancedb4j.store.internal.CallGate;
import io.github.lancedb4j.store.internal.DatabaseLocation;
import io.github.lancedb4j.store.internal.NativeCall;
import io.github.lancedb4j.store.internal.TableContext;
import io.github.lancedb4j.store.internal.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.lance.Dataset;
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
 * sees the others' writes at once. Other processes' writes (and other {@code LanceDatabase} instances') are seen as
 * its {@link ReadConsistency} says: by default within a second on a local disk and five seconds on object storage.
 * Close it when the application stops: closing waits for running native calls (an index build cannot be
 * interrupted) before it frees the allocator and the session.
 */
public final class LanceDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LanceDatabase.class);

    private final String uri;
    private final Path localDirectory;
    private final Map<String, String> storageOptions;
    private final ReadConsistency readConsistency;
    private final String fileFormatVersion;
    private final Maintenance maintenanceSettings;
    private final BufferAllocator allocator;
    private final boolean ownsAllocator;
    private final Session session;
    private final Map<String, LanceTable> tables = new ConcurrentHashMap<>();
    private final CallGate gate;
    private final Duration closeWait;
    /** Index builds and housekeeping requested by automatic policies: one at a time, off the writing threads. */
    private final ExecutorService maintenance = Executors.newSingleThreadExecutor(r -> daemon(r,
            "lancedb-index-maintenance"));
    /** Checks for other processes' commits (eventual read consistency). */
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r,
            "lancedb-refresh"));

    private LanceDatabase(Builder b) {
        ArrowRuntime.requireNioAccess();
        Objects.requireNonNull(b.uri, "uri");
        this.localDirectory = DatabaseLocation.localPath(b.uri);
        this.uri = localDirectory != null ? localDirectory.toString() : DatabaseLocation.withoutTrailingSlash(b.uri);
        this.storageOptions = Map.copyOf(b.storageOptions);
        this.readConsistency = b.readConsistency != null ? b.readConsistency : ReadConsistency.defaultFor(b.uri);
        this.gate = new CallGate("LanceDB database at " + uri);
        this.closeWait = b.closeWait;
        this.fileFormatVersion = b.fileFormatVersion;
        this.maintenanceSettings = b.maintenance;
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
        DatabaseLocation.validateTableName(table);
        return uri + "/" + table + ".lance";
    }

    public boolean tableExists(String table) {
        String location = tableUri(table);
        if (tables.containsKey(table)) {
            return true;
        }
        if (localDirectory != null) {
            return Files.isDirectory(localDirectory.resolve(table + ".lance").resolve("_versions"));
        }
        try {
            context(table).openLatest("open").close();
            return true;
        } catch (LanceStoreException e) {
            if (e.kind() == LanceStoreException.Kind.NOT_FOUND) {
                return false;
            }
            throw new LanceStoreException(table, "open", "Cannot check table '" + table + "' at " + location + ": "
                    + NativeCall.summary(e.getCause() == null ? e : e.getCause()), e, e.kind());
        }
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
        DatabaseLocation.validateTableName(table);
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
        TableContext context = context(table);
        Dataset dataset = openIfExists(table, context);
        if (dataset == null && createIfMissing) {
            dataset = create(table, location, vectorColumns);
        } else if (dataset == null) {
            throw new IllegalArgumentException("Table '" + table + "' does not exist at " + location
                    + " and creating it is disabled");
        }
        List<String> problems = TableSchema.baseColumnProblems(dataset.getSchema());
        if (!problems.isEmpty()) {
            dataset.close();
            throw new IllegalArgumentException("Table '" + table + "' at " + location
                    + " cannot be used as a vector store: " + String.join("; ", problems));
        }
        return new LanceTable(this, context, dataset, readConsistency, maintenanceSettings);
    }

    /** The latest version, or null when the table does not exist: one open (one round trip on object storage). */
    private Dataset openIfExists(String table, TableContext context) {
        if (localDirectory != null && !tableExists(table)) {
            return null;
        }
        try {
            return context.openLatest("open");
        } catch (LanceStoreException e) {
            if (e.kind() == LanceStoreException.Kind.NOT_FOUND) {
                return null;
            }
            throw new LanceStoreException(table, "open", "Cannot open table '" + table + "' at " + tableUri(table)
                    + ": " + NativeCall.summary(e.getCause() == null ? e : e.getCause()), e, e.kind());
        }
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
        TableContext context = context(table);
        try {
            Dataset created = context.call("create", () -> Dataset.write().allocator(allocator)
                    .schema(TableSchema.create(withDimension)).uri(location).mode(WriteParams.WriteMode.CREATE)
                    .storageOptions(storageOptions).dataStorageVersion(fileFormatVersion).session(session).execute());
            log.info("Created table '{}' at {} with vector columns {}", table, location, withDimension);
            return created;
        } catch (LanceStoreException e) {
            if (e.kind() == LanceStoreException.Kind.ALREADY_EXISTS) {
                // Another process created it between our check and our create.
                return context.openLatest("open");
            }
            throw e;
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
        if (!createIfMissing) {
            return VectorColumn.existing(column);
        }
        // Opening the table here keeps it open for the store (one open of the table, not a check and an open).
        LanceTable open = tables.containsKey(table) || localDirectory != null && tableExists(table)
                ? openTable(table, List.of(), false) : openIfPresent(table);
        if (open != null && open.vectorColumns().containsKey(column)) {
            return VectorColumn.existing(column);
        }
        return VectorColumn.of(column, modelDimension.getAsInt());
    }

    private LanceTable openIfPresent(String table) {
        try {
            return openTable(table, List.of(), false);
        } catch (IllegalArgumentException absent) {
            if (String.valueOf(absent.getMessage()).contains("does not exist")) {
                return null;
            }
            throw absent;
        }
    }

    /** Deletes a table and all its data. Closes it first if it is open. */
    public void dropTable(String table) {
        LanceTable open = tables.remove(table);
        if (open != null) {
            open.close();
        }
        String location = tableUri(table);
        context(table).run("drop", () -> Dataset.drop(location, storageOptions));
    }

    /** What a table needs from this database: location, allocator, session, storage options, executors, gate. */
    private TableContext context(String table) {
        return new TableContext(table, tableUri(table), allocator, session, storageOptions, gate, maintenance,
                scheduler);
    }

    void forget(LanceTable table) {
        tables.remove(table.name(), table);
    }

    /** How soon this database's tables see other processes' commits. */
    public ReadConsistency readConsistency() {
        return readConsistency;
    }

    /**
     * Closes every table, then frees the allocator and the session once no native call runs: at once, or — when an
     * index build is still running after {@link #CLOSE_WAIT} — when it ends (native code cannot be interrupted, and
     * freeing its memory under it would crash the JVM). Idempotent.
     */
    @Override
    public void close() {
        if (gate.isClosed()) {
            return;
        }
        maintenance.shutdown();
        scheduler.shutdownNow();
        new ArrayList<>(tables.values()).forEach(LanceTable::close);
        boolean released = gate.close(closeWait, this::releaseResources);
        if (!released) {
            log.warn("A native call (an index build?) on {} is still running after {}; the database's memory is "
                    + "freed when it ends", uri, closeWait);
        }
    }

    /** How long {@link #close()} waits for running native calls before it leaves their end to free resources. */
    public static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private void releaseResources() {
        session.close();
        if (ownsAllocator) {
            allocator.close();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public String toString() {
        // Storage options hold credentials: show their keys only.
        return "LanceDatabase[uri=" + uri + ", storageOptions=" + storageOptions.keySet() + "]";
    }

    public static final class Builder {
        private String uri;
        private final Map<String, String> storageOptions = new LinkedHashMap<>();
        private ReadConsistency readConsistency;
        private BufferAllocator allocator;
        private Duration closeWait = CLOSE_WAIT;
        private long indexCacheSizeBytes = 2L << 30;
        private long metadataCacheSizeBytes = 128L << 20;
        private String fileFormatVersion = "2.0";
        private Maintenance maintenance = Maintenance.DEFAULTS;

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
         * How soon searches see other processes' commits (null: {@link ReadConsistency#defaultFor the default},
         * eventual within 1 s locally and 5 s on object storage).
         */
        public Builder readConsistency(ReadConsistency consistency) {
            this.readConsistency = consistency;
            return this;
        }

        /**
         * Shorthand for {@link #readConsistency}: {@link Duration#ZERO} checks before every read (strong), a positive
         * interval checks in the background that often, null keeps the default.
         */
        public Builder readConsistencyInterval(Duration interval) {
            this.readConsistency = interval == null ? null
                    : interval.isZero() ? ReadConsistency.strong() : ReadConsistency.eventual(interval);
            return this;
        }

        /** How long close() waits for running native calls (tests shorten it). */
        Builder closeWait(Duration wait) {
            this.closeWait = wait;
            return this;
        }

        /** Use this allocator instead of an own one; the caller closes it after the database (tests check leaks). */
        Builder allocator(BufferAllocator allocator) {
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
         * When tables are maintained and how long old versions are kept (default {@link Maintenance#DEFAULTS}: every
         * 20 writes and every 10 minutes, versions kept 7 days).
         */
        public Builder maintenance(Maintenance settings) {
            this.maintenance = java.util.Objects.requireNonNull(settings, "maintenance");
            return this;
        }

        /**
         * How long old table versions (time travel, readers of older versions in other processes) are kept (default
         * 7 days, as LanceDB; null keeps every version). Shorthand for {@link #maintenance}.
         */
        public Builder versionRetention(Duration retention) {
            this.maintenance = maintenance.withVersionRetention(retention);
            return this;
        }

        public LanceDatabase build() {
            return new LanceDatabase(this);
        }
    }
}
