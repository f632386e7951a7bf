package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Background maintenance: reported, scheduled by time, keeps tagged versions, and keeps disk use bounded. */
class MaintenanceTest extends RealTableTestBase {

    @Test
    void a_failing_run_shows_in_the_status_and_a_good_one_clears_it() throws Exception {
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 4)), true);
        // An automatic policy asking for more partitions than the table has vectors cannot build its index.
        table.indexes().indexPolicy("vector", IndexPolicy.auto().withMinRows(50).withAnnRows(50)
                .withAnnIndex(VectorIndexSpec.of(VectorIndexType.IVF_FLAT).withPartitions(10_000)), DistanceMetric.L2);
        for (int i = 0; i < 3; i++) {
            table.upsert(rows("b" + i, 40), List.of("vector"));
        }
        await(() -> table.maintenanceStatus().consecutiveFailures() > 0);
        MaintenanceStatus failed = table.maintenanceStatus();
        assertThat(failed.healthy()).isFalse();
        assertThat(failed.lastFailure()).contains("partitions");
        assertThatThrownBy(table::runMaintenance).hasMessageContaining("partitions");
        table.indexes().indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.L2);
        MaintenanceStatus ok = table.runMaintenance();
        assertThat(ok.healthy()).isTrue();
        assertThat(ok.lastFailure()).isNull();
        assertThat(ok.runs()).isGreaterThan(failed.runs());
    }

    @Test
    void maintenance_runs_on_its_interval_without_writes_and_compacts() throws Exception {
        try (LanceDatabase timed = LanceDatabase.builder().uri(dir.resolve("timed").toString()).allocator(allocator)
                .maintenance(Maintenance.DEFAULTS.withEveryWrites(0).withInterval(Duration.ofMillis(300))
                        .withMaxFragments(3))
                .build()) {
            LanceTable table = timed.openTable("docs", List.of(VectorColumn.of("vector", 4)), true);
            for (int i = 0; i < 8; i++) {
                table.append(rows("f" + i, 5));
            }
            int fragments = table.<Integer>withDataset(ds -> ds.getFragments().size());
            assertThat(fragments).isGreaterThan(3);
            await(() -> table.<Integer>withDataset(ds -> ds.getFragments().size()) <= 3);
            assertThat(table.maintenanceStatus().runs()).isPositive();
            assertThat(table.countRows()).isEqualTo(40);
        }
    }

    @Test
    void cleanup_keeps_tagged_versions_whatever_their_age() {
        try (LanceDatabase shortLived = LanceDatabase.builder().uri(dir.resolve("tags").toString()).allocator(allocator)
                .versionRetention(Duration.ZERO).build()) {
            LanceTable table = shortLived.openTable("docs", List.of(VectorColumn.of("vector", 4)), true);
            table.upsert(rows("first", 3), List.of("vector"));
            long tagged = table.version();
            table.<Void>withDataset(ds -> {
                ds.tags().create("release-1", tagged);
                return null;
            });
            for (int i = 0; i < 5; i++) {
                table.upsert(rows("later" + i, 3), List.of("vector"));
            }
            MaintenanceStatus status = table.runMaintenance();
            assertThat(status.versionsRemoved()).isPositive();
            assertThat(table.<Long>withDataset(ds -> {
                try (var atTag = ds.checkoutTag("release-1")) {
                    return atTag.countRows();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            })).isEqualTo(3);
        }
    }

    /**
     * 60 s of single-row upserts over 200 rotating ids: with a 5 s retention, disk use levels off. Bound: what the
     * retention window holds — at most (commit rate × 5 s) versions, each with a manifest and a one-row data file
     * (about 3 KB together on this file format) — plus the compacted table; 20 MB leaves room for a 2-core machine's
     * 1,000 commits/s, and the second half of the soak must not grow it by more than half.
     */
    @Test
    void disk_use_stays_bounded_under_steady_single_row_upserts() throws Exception {
        Path location = dir.resolve("soak");
        try (LanceDatabase soak = LanceDatabase.builder().uri(location.toString()).allocator(allocator)
                .maintenance(Maintenance.DEFAULTS.withVersionRetention(Duration.ofSeconds(5))).build()) {
            LanceTable table = soak.openTable("docs", List.of(VectorColumn.of("vector", 8)), true);
            long start = System.nanoTime();
            long half = 0;
            int writes = 0;
            while (System.nanoTime() - start < Duration.ofSeconds(60).toNanos()) {
                int id = writes % 200;
                table.upsert(List.of(Row.of("id-" + id, "text " + writes, Map.of("n", writes), "vector",
                        new float[] {id, writes, 1, 2, 3, 4, 5, 6})), List.of("vector"));
                writes++;
                if (half == 0 && System.nanoTime() - start > Duration.ofSeconds(30).toNanos()) {
                    half = size(location);
                }
            }
            table.runMaintenance();
            long end = size(location);
            assertThat(table.countRows()).isEqualTo(Math.min(200, writes));
            assertThat(end).as("bytes after 60 s (%d writes; %d bytes at 30 s)", writes, half)
                    .isLessThan(20L << 20).isLessThan(half + half / 2);
            assertThat(table.maintenanceStatus().healthy()).isTrue();
        }
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // removed by a concurrent cleanup
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Row> rows(String prefix, int n) {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(Row.of(prefix + "-" + i, "t", Map.of("i", i), "vector", new float[] {i, 1, 2, 3}));
        }
        return rows;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
