package io.github.lancedb4j.boot.actuator;

import io.github.lancedb4j.boot.LanceDbTables;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.MaintenanceStatus;
import io.github.lancedb4j.store.WriteBuffer;
import java.util.Map;
import java.util.List;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of one store: UP when its table answers (rows, version, vector columns and vector indexes as
 * details), DOWN with the error otherwise, UNKNOWN while no store bean has opened it.
 */
public class LanceDbHealthIndicator extends AbstractHealthIndicator {

    private final LanceDbTables tables;
    private final String store;

    public LanceDbHealthIndicator(LanceDbTables tables, String store) {
        super("LanceDB health check failed");
        this.tables = tables;
        this.store = store;
    }

    /** Maintenance failures show here, not only in the logs (the store keeps serving: the status stays UP). */
    private static Map<String, Object> maintenance(MaintenanceStatus status) {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("healthy", status.healthy());
        details.put("runs", status.runs());
        details.put("lastRun", status.lastRun() == null ? "never" : status.lastRun().toString());
        details.put("consecutiveFailures", status.consecutiveFailures());
        details.put("lastFailure", status.lastFailure() == null ? "none" : status.lastFailure());
        details.put("versionsRemoved", status.versionsRemoved());
        return details;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        LanceDbTables.OpenStore open = tables.stores().get(store);
        if (open == null) {
            builder.unknown().withDetail("store", store).withDetail("reason", "no store bean opened this table");
            return;
        }
        LanceTable table = open.table();
        table.refresh();
        List<String> indexes = table.indexes().vectorIndexes().stream()
                .map(i -> i.name() + " (" + (i.exact() ? "exact" : i.type()) + " on " + i.column() + ")").toList();
        builder.up()
                .withDetail("table", table.name())
                .withDetail("location", table.uri())
                .withDetail("vectorColumn", open.column().name())
                .withDetail("dimensions", open.column().dimension())
                .withDetail("rows", table.countRows())
                .withDetail("version", table.version())
                .withDetail("indexes", indexes)
                .withDetail("promotedKeys", table.promotedMetadataKeys())
                .withDetail("maintenance", maintenance(table.maintenanceStatus()))
                // Only the store's vector index decides: a full-text or scalar index does not make searches indexed.
                .withDetail("search", table.indexes().vectorIndex(open.column().name()).isEmpty() ? "exact (no vector index)"
                        : "indexed");
        List<WriteBuffer.Stats> buffered = tables.bufferStats(store);
        if (!buffered.isEmpty()) {
            builder.withDetail("writeBuffers", buffered.stream().map(b -> Map.of("queuedRows", b.queuedRows(),
                    "flushes", b.flushes(), "failedFlushes", b.failedFlushes(),
                    "lastFailure", b.lastFailure() == null ? "none" : b.lastFailure())).toList());
        }
    }
}
