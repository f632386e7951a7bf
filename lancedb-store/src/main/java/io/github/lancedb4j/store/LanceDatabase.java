package io.github.lancedb4j.store;

import io.github.lancedb4j.store.internal.ArrowRuntime;
import io.github.lancedb4j.store.internal.CallGate;
import io.github.lancedb4j.store.internal.DatabaseLocation;
import io.github.lancedb4j.store.internal.NamespaceTables;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LanceDB database: a directory (local, {@code file://}, {@code s3://}, {@code gs://}, {@code az://}) whose
 * tables are Lance datasets at {@code <uri>/<table>.lance}, the layout LanceDB's own SDKs use — or a Lance namespace
 * (a catalog such as a Lance REST namespace server) that says where each table is ({@link Builder#namespace}).
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
    private final long indexCacheSizeBytes;
    private final long metadataCacheSizeBytes;
    private final Map<String, LanceTable> tables = new ConcurrentHashMap<>();
    /** Tables found through a Lance namespace (null: tables are under {@link #uri}), and where each one is. */
    private final NamespaceTables namespace;
    /** Where each table's dataset is, and how it is found, created and dropped. */
    private final DatabaseTables datasets;
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
        if (b.namespaceImplementation != null && b.uri != null) {
            throw new IllegalArgumentException("Set either a database URI (" + b.uri + ") or a Lance namespace ("
                    + b.namespaceImplementation + "), not both");
        }
        if (b.namespaceImplementation == null) {
            Objects.requireNonNull(b.uri, "uri");
        }
        this.ownsAllocator = b.allocator == null;
        this.allocator = b.allocator != null ? b.allocator : new RootAllocator();
        this.namespace = b.namespaceImplementation == null ? null : connectNamespace(b);
        this.localDirectory = namespace != null ? null : DatabaseLocation.localPath(b.uri);
        this.uri = namespace != null ? namespace.description()
                : localDirectory != null ? localDirectory.toString() : DatabaseLocation.withoutTrailingSlash(b.uri);
        this.storageOptions = Map.copyOf(b.storageOptions);
        this.readConsistency = b.readConsistency != null ? b.readConsistency
                : ReadConsistency.defaultFor(namespace != null ? defaultLocation(b) : b.uri);
        this.gate = new CallGate("LanceDB database at " + uri);
        this.closeWait = b.closeWait;
        this.fileFormatVersion = b.fileFormatVersion;
        this.maintenanceSettings = b.maintenance;
        this.indexCacheSizeBytes = b.indexCacheSizeBytes;
        this.metadataCacheSizeBytes = b.metadataCacheSizeBytes;
        this.session = Session.builder()
                .indexCacheSizeBytes(b.indexCacheSizeBytes)
                .metadataCacheSizeBytes(b.metadataCacheSizeBytes)
                .build();
        this.datasets = new DatabaseTables(uri, localDirectory, storageOptions, namespace, allocator, session,
                fileFormatVersion, gate, maintenance, scheduler);
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

    private NamespaceTables connectNamespace(Builder b) {
        try {
            return new NamespaceTables(b.namespaceImplementation, b.namespaceProperties, b.namespacePath, allocator);
        } catch (RuntimeException e) {
            if (ownsAllocator) {
                allocator.close();
            }
            throw e;
        }
    }

    /** A directory namespace on a local disk gets the local default read consistency; any other namespace 5 s. */
    private static String defaultLocation(Builder b) {
        String root = b.namespaceProperties.get("root");
        return "dir".equals(b.namespaceImplementation) && root != null ? root : "s3://namespace";
    }

    /**
     * The database location: an absolute local path, or the object-store URI as given; for a database opened
     * through a Lance namespace, a description of it ({@code lance-namespace:rest http://…}).
     */
    public String uri() {
        return uri;
    }

    /**
     * The location of a table's dataset. Through a namespace, where the namespace says the table is.
     *
     * @throws IllegalArgumentException through a namespace, when the namespace does not know the table
     */
    public String tableUri(String table) {
        return datasets.tableUri(table);
    }

    /** Whether the table exists (open in this database, or its dataset found). */
    public boolean tableExists(String table) {
        return tables.containsKey(table) || datasets.exists(table);
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
        Dataset dataset = datasets.openOrCreate(table, vectorColumns, createIfMissing);
        return new LanceTable(this, datasets.context(table), dataset, readConsistency, maintenanceSettings);
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
        datasets.drop(table);
    }

    void forget(LanceTable table) {
        tables.remove(table.name(), table);
    }

    /** The cap of the index cache shared by this database's tables (off the Java heap). */
    public long indexCacheSizeBytes() {
        return indexCacheSizeBytes;
    }

    /** The cap of the manifest and file-metadata cache shared by this database's tables. */
    public long metadataCacheSizeBytes() {
        return metadataCacheSizeBytes;
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
        if (namespace != null) {
            namespace.close();
        }
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
        private String namespaceImplementation;
        private Map<String, String> namespaceProperties = Map.of();
        private List<String> namespacePath = List.of();
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
         * Finds tables through a Lance namespace (a catalog) instead of under a URI (set one or the other):
         * {@code "rest"} for a Lance REST namespace server — LanceDB Enterprise, or any catalog that speaks the Lance
         * REST namespace protocol (properties {@code uri}, {@code headers.*} such as {@code headers.x-api-key},
         * {@code delimiter}); {@code "dir"} for a directory namespace (property {@code root}, a local or object-store
         * directory); or the class name of another {@code LanceNamespace} implementation on the class path. The
         * namespace says where each table is stored and may hand out storage credentials for it, which are used
         * over {@link #storageOptions}; reads and commits then go to the table's storage directly. A table created
         * through the store is declared in the namespace first.
         */
        public Builder namespace(String implementation, Map<String, String> properties) {
            if (implementation == null || implementation.isBlank()) {
                throw new IllegalArgumentException("The Lance namespace implementation is empty: use rest, dir or "
                        + "a class name");
            }
            this.namespaceImplementation = implementation;
            this.namespaceProperties = properties == null ? Map.of() : Map.copyOf(properties);
            return this;
        }

        /** The namespace the tables are in, as the path of its names from the root (default: the root). */
        public Builder namespacePath(List<String> path) {
            this.namespacePath = path == null ? List.of() : List.copyOf(path);
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
            if (bytes < 0) {
                throw new IllegalArgumentException("The index cache size must not be negative, got " + bytes);
            }
            this.indexCacheSizeBytes = bytes;
            return this;
        }

        /** Size of the shared cache of manifests and file metadata (default 128 MiB). */
        public Builder metadataCacheSizeBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("The metadata cache size must not be negative, got " + bytes);
            }
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
