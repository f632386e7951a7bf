package io.github.lancedb4j.store;

import io.github.lancedb4j.store.internal.CallGate;
import io.github.lancedb4j.store.internal.DatabaseLocation;
import io.github.lancedb4j.store.internal.NamespaceTables;
import io.github.lancedb4j.store.internal.NativeCall;
import io.github.lancedb4j.store.internal.TableContext;
import io.github.lancedb4j.store.internal.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.arrow.memory.BufferAllocator;
import org.lance.Dataset;
import org.lance.Session;
import org.lance.WriteParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a database's tables are and how their datasets are found, created and dropped: under the database URI, or
 * where a Lance namespace says (a table is declared there before it is created). {@link LanceDatabase} keeps the
 * open tables; this class only deals in datasets.
 */
final class DatabaseTables {

    private static final Logger log = LoggerFactory.getLogger(LanceDatabase.class);

    private final String uri;
    private final Path localDirectory;
    private final Map<String, String> storageOptions;
    /** Null: tables are under {@link #uri}. */
    private final NamespaceTables namespace;
    private final Map<String, NamespaceTables.Location> locations = new ConcurrentHashMap<>();
    private final BufferAllocator allocator;
    private final Session session;
    private final String fileFormatVersion;
    private final CallGate gate;
    private final ExecutorService maintenance;
    private final ScheduledExecutorService scheduler;

    DatabaseTables(String uri, Path localDirectory, Map<String, String> storageOptions, NamespaceTables namespace,
            BufferAllocator allocator, Session session, String fileFormatVersion, CallGate gate,
            ExecutorService maintenance, ScheduledExecutorService scheduler) {
        this.uri = uri;
        this.localDirectory = localDirectory;
        this.storageOptions = storageOptions;
        this.namespace = namespace;
        this.allocator = allocator;
        this.session = session;
        this.fileFormatVersion = fileFormatVersion;
        this.gate = gate;
        this.maintenance = maintenance;
        this.scheduler = scheduler;
    }

    String tableUri(String table) {
        return location(table).uri();
    }

    private NamespaceTables.Location location(String table) {
        DatabaseLocation.validateTableName(table);
        if (namespace == null) {
            return new NamespaceTables.Location(uri + "/" + table + ".lance", storageOptions);
        }
        NamespaceTables.Location known = locations.get(table);
        if (known != null) {
            return known;
        }
        NamespaceTables.Location found = namespace.describe(table, storageOptions).orElseThrow(
                () -> new IllegalArgumentException("Table '" + table + "' does not exist in " + uri));
        locations.put(table, found);
        return found;
    }

    /** Whether the table's dataset exists (one open on object storage). */
    boolean exists(String table) {
        if (namespace != null) {
            DatabaseLocation.validateTableName(table);
            if (!locations.containsKey(table) && namespace.describe(table, storageOptions).isEmpty()) {
                return false;
            }
        }
        String location = tableUri(table);
        if (localDirectory != null) {
            return Files.isDirectory(localDirectory.resolve(table + ".lance").resolve("_versions"));
        }
        try {
            // Through a namespace too: a table may be declared there before its first version is written.
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
     * The latest version of the table's dataset, created when absent and {@code createIfMissing} is set (through a
     * namespace, declared there first); checked to have the store's base columns.
     */
    Dataset openOrCreate(String table, List<VectorColumn> vectorColumns, boolean createIfMissing) {
        if (namespace != null && !locations.containsKey(table)) {
            Optional<NamespaceTables.Location> known = namespace.describe(table, storageOptions);
            if (known.isEmpty() && !createIfMissing) {
                throw new IllegalArgumentException("Table '" + table + "' does not exist in " + uri
                        + " and creating it is disabled");
            }
            locations.put(table, known.orElseGet(() -> namespace.declare(table, storageOptions)));
        }
        String location = tableUri(table);
        Dataset dataset = openIfExists(table, context(table));
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
        return dataset;
    }

    /** The latest version, or null when the table does not exist: one open (one round trip on object storage). */
    private Dataset openIfExists(String table, TableContext context) {
        if (localDirectory != null && !exists(table)) {
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
                    .storageOptions(context.storageOptions()).dataStorageVersion(fileFormatVersion).session(session)
                    .execute());
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

    /** Deletes a table's dataset (and its namespace entry). */
    void drop(String table) {
        NamespaceTables.Location location = location(table);
        if (namespace != null) {
            locations.remove(table);
            if (namespace.drop(table)) {
                return; // the namespace deleted the data with its entry
            }
            // A table the namespace only found in its directory (written there without it): delete the data.
        }
        context(table).run("drop", () -> Dataset.drop(location.uri(), location.storageOptions()));
    }

    /** What a table needs from its database: location, allocator, session, storage options, executors, gate. */
    TableContext context(String table) {
        NamespaceTables.Location location = location(table);
        return new TableContext(table, location.uri(), allocator, session, location.storageOptions(), gate,
                maintenance, scheduler);
    }
}
