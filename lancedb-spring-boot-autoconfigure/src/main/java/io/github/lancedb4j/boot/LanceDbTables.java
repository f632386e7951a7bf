package io.github.lancedb4j.boot;

import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceStoreException;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.WriteBuffer;
import io.github.lancedb4j.store.VectorColumn;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens each store's table at startup — so that an unreachable or denied location, a missing table or a dimension
 * that differs from the table's fails the application start with the properties to change — and remembers the
 * stores for health and metrics.
 */
public class LanceDbTables {

    private static final Logger log = LoggerFactory.getLogger(LanceDbTables.class);
    private static final Pattern HTTP_STATUS = Pattern.compile("status code: (\\d{3})");
    private static final Pattern S3_CODE = Pattern.compile("<Code>([^<]+)</Code>");

    private final LanceDatabase database;
    private final LanceDbProperties properties;
    private final Map<String, OpenStore> stores = new ConcurrentHashMap<>();
    /** Per store name, each framework store's flush and write-buffer counters. */
    private final Map<String, List<Buffered>> buffers = new ConcurrentHashMap<>();

    /** A store's write buffer, seen from outside: flush it, read its counters (empty when it has none). */
    public record Buffered(Runnable flush, Supplier<Optional<WriteBuffer.Stats>> stats) {
    }

    public LanceDbTables(LanceDatabase database, LanceDbProperties properties) {
        this.database = database;
        this.properties = properties;
    }

    /** A store's table and its vector column (with the dimension as stored). */
    public record OpenStore(StoreSettings settings, LanceTable table, VectorColumn column) {
    }

    public LanceDatabase database() {
        return database;
    }

    /**
     * Opens (or creates) a store's table and vector column.
     *
     * @param modelDimensions the embedding model's dimension, asked only when the column must be created and no
     *                        dimension is configured (for a remote model this may cost one embedding call)
     */
    public OpenStore open(StoreSettings settings, IntSupplier modelDimensions) {
        OpenStore open;
        try {
            VectorColumn requested = requestedColumn(settings, modelDimensions);
            LanceTable table = database.openTable(settings.table(), List.of(requested), settings.initializeSchema());
            open = new OpenStore(settings, table, table.vectorColumn(settings.vectorColumn()));
        } catch (LanceDbConfigurationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw unusable(settings, e);
        } catch (Exception e) { // LanceStoreException, and IOException thrown by Lance's native code
            throw unreachable(settings, e);
        }
        stores.put(settings.name(), open);
        log.info("LanceDB store '{}': table '{}' at {}, column {}, distance {}, embedding {}", settings.name(),
                settings.table(), open.table().uri(), open.column(), settings.distance(), settings.embedding());
        return open;
    }

    /** Registers a framework store built over a store's table, for flushing at shutdown and for metrics. */
    public void opened(StoreSettings settings, Runnable flush, Supplier<Optional<WriteBuffer.Stats>> stats) {
        buffers.computeIfAbsent(settings.name(), n -> new CopyOnWriteArrayList<>()).add(new Buffered(flush, stats));
    }

    /** The write-buffer counters of a store's framework stores (those that buffer). */
    public List<WriteBuffer.Stats> bufferStats(String store) {
        List<WriteBuffer.Stats> out = new java.util.ArrayList<>();
        buffers.getOrDefault(store, List.of()).forEach(b -> b.stats().get().ifPresent(out::add));
        return out;
    }

    /** Commits every queued row of every store, and waits (at shutdown, before the stores close). */
    public void flushAll() {
        buffers.forEach((name, list) -> list.forEach(b -> {
            try {
                b.flush().run();
            } catch (RuntimeException e) {
                log.error("Flushing the write buffer of LanceDB store '{}' failed at shutdown: {}", name,
                        e.getMessage(), e);
            }
        }));
    }

    /** The stores opened so far, by name. */
    public Map<String, OpenStore> stores() {
        return Map.copyOf(stores);
    }

    private VectorColumn requestedColumn(StoreSettings s, IntSupplier modelDimensions) {
        Integer configured = s.dimensions() != null ? s.dimensions() : null;
        return database.columnToOpen(s.table(), s.vectorColumn(), configured, s.initializeSchema(), () -> {
            Integer fromEmbedding = s.embedding().dimensions();
            return fromEmbedding != null ? fromEmbedding : modelDimensions.getAsInt();
        });
    }

    private LanceDbConfigurationException unusable(StoreSettings s, IllegalArgumentException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String p = s.propertyPrefix();
        if (message.contains("dimension")) {
            return new LanceDbConfigurationException("LanceDB store '" + s.name() + "': " + message + ".",
                    "Set " + p + ".dimensions to the table's dimension (or remove it), or, for a model with other "
                            + "dimensions, use another vector column (" + p + ".vector-column) or table (" + p
                            + ".table).", e);
        }
        if (message.contains("does not exist") || message.contains("no vector column")) {
            return new LanceDbConfigurationException("LanceDB store '" + s.name() + "': " + message + ".",
                    "Create the table, or set " + LanceDbProperties.PREFIX + ".initialize-schema=true, or fix "
                            + p + ".table / " + p + ".vector-column.", e);
        }
        return new LanceDbConfigurationException("LanceDB store '" + s.name() + "': " + message + ".",
                "Check " + p + ".table, " + p + ".vector-column and " + p + ".dimensions.", e);
    }

    private LanceDbConfigurationException unreachable(StoreSettings s, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()); // the native message, with the status and S3 error code
        String uri = properties.getUri();
        String reason = reason(message);
        return new LanceDbConfigurationException("LanceDB store '" + s.name() + "': cannot open table '" + s.table()
                + "' at " + uri + ": " + reason + ".",
                advice(kind(e)), e);
    }

    /** What went wrong, as the core classified Lance's message (the one place that reads them). */
    private static LanceStoreException.Kind kind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LanceStoreException lance && lance.kind() != LanceStoreException.Kind.OTHER) {
                return lance.kind();
            }
        }
        return LanceStoreException.Kind.OTHER;
    }

    /** The native error, without the XML body and Rust source locations. */
    static String reason(String message) {
        Matcher status = HTTP_STATUS.matcher(message);
        Matcher code = S3_CODE.matcher(message);
        String head = message;
        int cut = head.indexOf(" - Server returned");
        if (cut < 0) {
            cut = head.indexOf(", /workspace/");
        }
        if (cut > 0) {
            head = head.substring(0, cut);
        }
        StringBuilder reason = new StringBuilder(head);
        if (status.find()) {
            reason.append(" (HTTP ").append(status.group(1));
            if (code.find()) {
                reason.append(' ').append(code.group(1));
            }
            reason.append(')');
        }
        return reason.toString();
    }

    private static String advice(LanceStoreException.Kind kind) {
        String p = LanceDbProperties.PREFIX;
        return switch (kind) {
            case ACCESS_DENIED -> "Access was denied: check the credentials in " + p + ".storage-options.* (e.g. "
                    + "aws_access_key_id, aws_secret_access_key, aws_region) and that they may read and write "
                    + p + ".uri.";
            case NO_BUCKET -> "The bucket does not exist: create it or fix " + p + ".uri.";
            case UNREACHABLE -> "The storage endpoint cannot be reached: check " + p + ".uri and " + p
                    + ".storage-options.* (e.g. aws_endpoint, allow_http for http endpoints, aws_region).";
            default -> "Check " + p + ".uri and " + p + ".storage-options.*.";
        };
    }
}
