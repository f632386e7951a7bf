package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.LanceStoreException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.lance.namespace.LanceNamespace;
import org.lance.namespace.errors.LanceNamespaceException;
import org.lance.namespace.errors.NamespaceNotFoundException;
import org.lance.namespace.errors.TableAlreadyExistsException;
import org.lance.namespace.errors.TableNotFoundException;
import org.lance.namespace.model.DeclareTableRequest;
import org.lance.namespace.model.DeclareTableResponse;
import org.lance.namespace.model.DescribeTableRequest;
import org.lance.namespace.model.DescribeTableResponse;
import org.lance.namespace.model.DropTableRequest;

/**
 * Tables found through a Lance namespace (a catalog: a Lance REST namespace server such as LanceDB Enterprise's, a
 * directory namespace, or another implementation) instead of under one URI. The namespace says where each table's
 * dataset is and may hand out storage credentials for it; reads and commits then go to that location directly, like
 * for a table under a URI.
 */
public final class NamespaceTables implements AutoCloseable {

    /** Where a table's dataset is, and the storage options to reach it (the namespace's over the configured ones). */
    public record Location(String uri, Map<String, String> storageOptions) {
    }

    private final String implementation;
    private final Map<String, String> properties;
    private final List<String> parent;
    private final LanceNamespace namespace;

    public NamespaceTables(String implementation, Map<String, String> properties, List<String> parent,
            BufferAllocator allocator) {
        this.implementation = implementation;
        this.properties = Map.copyOf(properties);
        this.parent = List.copyOf(parent);
        try {
            this.namespace = LanceNamespace.connect(implementation, this.properties, allocator);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot connect to the Lance namespace '" + implementation + "' ("
                    + describeProperties() + "): " + e.getMessage(), e);
        }
    }

    /** A description for logs and messages: the implementation and its endpoint or root, never credentials. */
    public String description() {
        String where = properties.getOrDefault("uri", properties.getOrDefault("root", ""));
        String path = parent.isEmpty() ? "" : " " + String.join(".", parent);
        return "lance-namespace:" + implementation + (where.isEmpty() ? "" : " " + where) + path;
    }

    /** The table's location, or empty when the namespace does not know the table. */
    public Optional<Location> describe(String table, Map<String, String> configuredOptions) {
        DescribeTableResponse response;
        try {
            response = namespace.describeTable(new DescribeTableRequest().id(id(table)));
        } catch (TableNotFoundException | NamespaceNotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw failure(table, "describe", e);
        }
        if (Boolean.TRUE.equals(response.getManagedVersioning())) {
            // Commits would have to go through the namespace; ours go to the table's location directly.
            throw new UnsupportedOperationException("Table '" + table + "' in " + description() + " has its versions "
                    + "managed by the namespace (managed_versioning), which this store does not support yet");
        }
        String location = response.getLocation() != null ? response.getLocation() : response.getTableUri();
        if (location == null) {
            throw new IllegalStateException("The namespace " + description() + " did not say where table '" + table
                    + "' is stored");
        }
        return Optional.of(new Location(location, merged(configuredOptions, response.getStorageOptions())));
    }

    /** Reserves the table in the namespace and returns where to create it (or where another process just did). */
    public Location declare(String table, Map<String, String> configuredOptions) {
        try {
            DeclareTableResponse response = namespace.declareTable(new DeclareTableRequest().id(id(table)));
            return new Location(response.getLocation(), merged(configuredOptions, response.getStorageOptions()));
        } catch (TableAlreadyExistsException e) {
            return describe(table, configuredOptions).orElseThrow(() -> failure(table, "declare", e));
        } catch (RuntimeException e) {
            throw failure(table, "declare", e);
        }
    }

    /** Drops the table from the namespace, data included; false when the namespace did not know it. */
    public boolean drop(String table) {
        try {
            namespace.dropTable(new DropTableRequest().id(id(table)));
            return true;
        } catch (TableNotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw failure(table, "drop", e);
        }
    }

    private List<String> id(String table) {
        List<String> id = new ArrayList<>(parent);
        id.add(table);
        return id;
    }

    private static Map<String, String> merged(Map<String, String> configured, Map<String, String> vended) {
        Map<String, String> options = new HashMap<>(configured);
        if (vended != null) {
            options.putAll(vended); // credentials the namespace hands out for this table win
        }
        return options;
    }

    /** A namespace that fails (unreachable, refusing the credentials) is a storage failure, like Lance's own. */
    private LanceStoreException failure(String table, String operation, RuntimeException e) {
        LanceStoreException.Kind kind = LanceStoreException.Kind.OTHER;
        if (e instanceof LanceNamespaceException n) {
            kind = switch (n.getErrorCode()) {
                case TABLE_NOT_FOUND -> LanceStoreException.Kind.NOT_FOUND;
                case TABLE_ALREADY_EXISTS -> LanceStoreException.Kind.ALREADY_EXISTS;
                case UNAUTHENTICATED, PERMISSION_DENIED -> LanceStoreException.Kind.ACCESS_DENIED;
                case SERVICE_UNAVAILABLE -> LanceStoreException.Kind.UNREACHABLE;
                default -> LanceStoreException.Kind.OTHER;
            };
        }
        return new LanceStoreException(table, operation, "Lance namespace " + description() + " failed to "
                + operation + " table '" + table + "': " + e.getMessage(), e, kind);
    }

    private String describeProperties() {
        return "properties " + properties.keySet();
    }

    @Override
    public void close() {
        if (namespace instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot close the Lance namespace " + description(), e);
            }
        }
    }
}
