package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The maintenance status reports what housekeeping and the index policy did. */
class MaintenanceStatusTest extends RealTableTestBase {

    @Test
    void status_reports_housekeeping_after_enough_writes() throws InterruptedException {
        try (LanceDatabase database = LanceDatabase.builder().uri(dir.resolve("m").toString()).allocator(allocator)
                .versionRetention(Duration.ZERO).build()) {
            LanceTable table = database.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
            table.indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.COSINE);
            MaintenanceStatus fresh = table.maintenanceStatus();
            assertThat(fresh.lastRunAt()).isNull();
            assertThat(fresh.indexPolicies()).containsEntry("vector", IndexPolicy.Mode.EXPLICIT);
            assertThat(fresh.versionRetention()).isEqualTo(Duration.ZERO);
            for (int i = 0; i < IndexMaintenance.HOUSEKEEPING_EVERY_WRITES; i++) {
                table.append(List.of(Row.of("id-" + i, "t", Map.of(), "vector", new float[] {1, i})));
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (table.maintenanceStatus().lastHousekeepingAt() == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            while (table.maintenanceStatus().running() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            MaintenanceStatus status = table.maintenanceStatus();
            assertThat(status.lastHousekeepingAt()).isNotNull();
            assertThat(status.lastOutcome()).isEqualTo("ok");
            assertThat(status.versionsRemoved()).isPositive();
            assertThat(status.fragments()).isEqualTo(table.withDataset(ds -> ds.getFragments().size()));
            assertThat(status.writesUntilHousekeeping()).isPositive().isLessThanOrEqualTo(IndexMaintenance.HOUSEKEEPING_EVERY_WRITES);
        }
    }
}
