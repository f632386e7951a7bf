package io.github.lancedb4j.boot.actuator;

import io.github.lancedb4j.boot.LanceDbProperties;
import io.github.lancedb4j.boot.LanceDbTables;
import io.github.lancedb4j.store.FullTextIndexInfo;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.MaintenanceStatus;
import io.github.lancedb4j.store.TableTag;
import io.github.lancedb4j.store.TableVersion;
import io.github.lancedb4j.store.VectorIndexInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code lancedb} Actuator endpoint: what each store's table holds and what is being done to it, and the table
 * operations an operator needs.
 *
 * <ul>
 *   <li>{@code GET /actuator/lancedb}: every store — table, location, rows, the version searches see (and, for a
 *       store with {@code read-version}, the version it serves), its search mode, the newest versions with what
 *       committed each, tags, vector indexes, the full-text index, maintenance status.</li>
 *   <li>{@code GET /actuator/lancedb/{store}?versions=n}: one store, with its newest {@code n} versions (default
 *       50).</li>
 *   <li>{@code POST /actuator/lancedb/{store}/{operation}} with a JSON body: {@code tag} ({@code name},
 *       {@code version}: a tag or number, default the current one, {@code move}: true to move an existing tag),
 *       {@code untag} ({@code name}), {@code restore} ({@code version}: a tag or number), {@code optimize} (fold new
 *       rows into the vector indexes and the full-text index), {@code compact} (merge small fragments), {@code cleanup} ({@code olderThan}:
 *       a duration such as {@code 7d}, {@code 12h}, {@code PT1H}; default {@code lancedb.version-retention}; tagged
 *       versions and versions in use here are kept), {@code maintain} (a maintenance run now: compaction, cleanup,
 *       index policies) and {@code refresh} (see other processes' commits; stores with a read version follow a
 *       moved tag).</li>
 * </ul>
 *
 * Writes are Actuator write operations: exposed only where the endpoint is exposed over HTTP or JMX and allowed by
 * its access, which is {@code read-only} by default — set {@code management.endpoint.lancedb.access=unrestricted} to
 * allow them, and secure {@code /actuator/**} as for any write operation.
 */
@Endpoint(id = "lancedb", defaultAccess = Access.READ_ONLY)
public class LanceDbEndpoint {

    private static final Logger log = LoggerFactory.getLogger(LanceDbEndpoint.class);
    static final int OVERVIEW_VERSIONS = 10;
    static final int DEFAULT_VERSIONS = 50;

    private final LanceDbTables tables;
    private final LanceDbProperties properties;

    public LanceDbEndpoint(LanceDbTables tables, LanceDbProperties properties) {
        this.tables = tables;
        this.properties = properties;
    }

    /** A vector index as the endpoint shows it. */
    public record IndexView(String name, String column, String type, String metric, boolean exact, long indexedRows,
            long unindexedRows) {
        static IndexView of(VectorIndexInfo i) {
            return new IndexView(i.name(), i.column(), i.type().name(), i.metric().name(), i.exact(), i.indexedRows(),
                    i.unindexedRows());
        }
    }

    /** What a store's searches read: the latest data, or (read-only) a tag's or version's. */
    public record Serving(boolean readOnly, String tag, long version, long rows) {
    }

    /**
     * One store. {@code versions}: the newest ones, oldest first; {@code versionCount}: all the table keeps;
     * {@code fullTextIndex}: null when the table has none (in the version searches see).
     */
    public record StoreView(String store, String table, String location, String vectorColumn, int dimensions,
            String readConsistency, String searchMode, long rows, long version, Serving serving, int versionCount,
            List<TableVersion> versions, List<TableTag> tags, List<IndexView> indexes, FullTextIndexInfo fullTextIndex,
            MaintenanceStatus maintenance) {
    }

    /** Every store, by name. */
    public record StoresView(Map<String, StoreView> stores) {
    }

    @ReadOperation
    public StoresView stores() {
        Map<String, StoreView> views = new TreeMap<>();
        tables.stores().forEach((name, open) -> views.put(name, view(name, open, OVERVIEW_VERSIONS)));
        return new StoresView(views);
    }

    @ReadOperation
    public WebEndpointResponse<Object> store(@Selector String store, @Nullable Integer versions) {
        LanceDbTables.OpenStore open = tables.stores().get(store);
        if (open == null) {
            return notFound(store);
        }
        if (versions != null && versions <= 0) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, "versions must be greater than 0, got " + versions);
        }
        return new WebEndpointResponse<>(view(store, open, versions == null ? DEFAULT_VERSIONS : versions));
    }

    /**
     * Runs a table operation on a store's table (its live table, also for a store that serves a read version).
     * Every parameter is optional; each operation reads the ones it needs.
     */
    @WriteOperation
    public WebEndpointResponse<Object> operate(@Selector String store, @Selector String operation,
            @Nullable String name, @Nullable String version, @Nullable Boolean move, @Nullable String olderThan) {
        LanceDbTables.OpenStore open = tables.stores().get(store);
        if (open == null) {
            return notFound(store);
        }
        LanceTable table = open.table();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("store", store);
        result.put("operation", operation);
        try {
            switch (operation) {
                case "tag" -> {
                    long at = version == null ? table.version() : resolve(table, version);
                    // Moving a tag moves this application's stores served as of it at once.
                    TableTag tag = Boolean.TRUE.equals(move) ? table.history().moveTag(required(name, "name"), at)
                            : table.history().tag(required(name, "name"), at);
                    result.put("tag", tag);
                }
                case "untag" -> {
                    table.history().deleteTag(required(name, "name"));
                    result.put("tags", table.history().tags());
                }
                case "restore" -> result.put("version", table.history().restore(required(version, "version")));
                case "optimize" -> {
                    table.indexes().optimizeVectorIndexes();
                    table.indexes().optimizeFullTextIndex();
                    result.put("indexes", table.indexes().vectorIndexes().stream().map(IndexView::of).toList());
                    table.indexes().fullTextIndex().ifPresent(index -> result.put("fullTextIndex", index));
                }
                case "compact" -> {
                    table.compactAndCleanUp(null, 1); // merges the fragments once there is more than one
                    result.put("version", table.version());
                }
                case "maintain" -> result.put("maintenance", table.runMaintenance());
                case "cleanup" -> {
                    Duration age = olderThan == null ? properties.getVersionRetention() : duration(olderThan);
                    if (age == null) {
                        return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Give olderThan (e.g. 7d): "
                                + LanceDbProperties.PREFIX + ".version-retention is unset (versions are kept)");
                    }
                    result.put("olderThan", age.toString());
                    result.put("versionsRemoved", table.history().cleanUpVersions(age));
                    result.put("versionCount", table.history().versionCount());
                }
                case "refresh" -> {
                    result.put("refreshed", table.refresh());
                    tables.servedView(store).ifPresent(view -> result.put("servingVersion", refreshed(view)));
                }
                default -> {
                    return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Unknown operation '" + operation
                            + "': use tag, untag, restore, optimize, compact, cleanup, maintain or refresh");
                }
            }
        } catch (IllegalArgumentException | UnsupportedOperationException | IllegalStateException e) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, e.getMessage());
        }
        log.info("LanceDB endpoint: {} on store '{}' (table '{}'): {}", operation, store, table.name(), result);
        return new WebEndpointResponse<>(result);
    }

    private StoreView view(String name, LanceDbTables.OpenStore open, int versions) {
        LanceTable table = open.table();
        LanceTable served = tables.servedView(name).orElse(null);
        Serving serving = served == null ? new Serving(false, null, table.version(), table.countRows())
                : new Serving(true, served.viewTag().orElse(null), served.version(), served.countRows());
        return new StoreView(name, table.name(), table.uri(), open.column().name(), open.column().dimension(),
                table.readConsistency().toString(), open.settings().searchMode().name(), table.countRows(),
                table.version(), serving, table.history().versionCount(), table.history().versions(versions),
                table.history().tags(), table.indexes().vectorIndexes().stream().map(IndexView::of).toList(),
                table.indexes().fullTextIndex().orElse(null), table.maintenanceStatus());
    }

    private static long refreshed(LanceTable view) {
        view.refresh();
        return view.version();
    }

    private static long resolve(LanceTable table, String ref) {
        try (LanceTable at = table.asOf(ref)) {
            return at.version();
        }
    }

    private static String required(String value, String parameter) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Give '" + parameter + "' in the JSON body");
        }
        return value;
    }

    /** {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s}, {@code 0s} or ISO-8601 ({@code PT1H}, {@code P7D}). */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
            String number = t.replaceAll("[a-z]+$", "");
            long n = Long.parseLong(number);
            return switch (t.substring(number.length())) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s", "" -> Duration.ofSeconds(n);
                case "ms" -> Duration.ofMillis(n);
                default -> throw new IllegalArgumentException("unit");
            };
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("olderThan '" + text + "' is not a duration: use e.g. 7d, 12h, 30m, "
                    + "0s or PT1H");
        }
    }

    private static WebEndpointResponse<Object> notFound(String store) {
        return error(WebEndpointResponse.STATUS_NOT_FOUND, "No LanceDB store '" + store + "'");
    }

    private static WebEndpointResponse<Object> error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("timestamp", Instant.now().toString());
        return new WebEndpointResponse<>(body, status);
    }
}
