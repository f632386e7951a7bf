package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many small writes: fragments are merged and old versions removed in the background, and no row is lost. */
class HousekeepingTest {

    @TempDir
    Path directory;

    @Test
    void small_writes_are_compacted_and_old_versions_cleaned_up() throws InterruptedException {
        try (RootAllocator allocator = new RootAllocator()) {
            try (LanceDatabase database = LanceDatabase.builder().uri(directory.toString()).allocator(allocator)
                    .versionRetention(Duration.ZERO).build()) {
                LanceTable table = database.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
                for (int i = 0; i < 45; i++) {
                    table.append(List.of(Row.of("id-" + i, "t", Map.of("i", i), "vector", new float[] {1, i})));
                }
                long deadline = System.currentTimeMillis() + 60_000;
                while (versions(table) > 10 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(versions(table)).isLessThanOrEqualTo(10);
                int fragments = table.withDataset(ds -> ds.getFragments().size());
                assertThat(fragments).isLessThan(45);
                assertThat(table.countRows()).isEqualTo(45);
                assertThat(table.search(SearchQuery.nearest("vector", new float[] {1, 44}).limit(1).build(),
                        DistanceMetric.L2)).extracting(SearchHit::id).containsExactly("id-44");
            }
        }
    }

    /** Listing races the background cleanup, which may delete a manifest being listed: list again then. */
    private static int versions(LanceTable table) {
        for (int attempt = 0; ; attempt++) {
            try {
                return table.withDataset(ds -> ds.listVersions().size());
            } catch (LanceStoreException e) {
                if (e.kind() != LanceStoreException.Kind.NOT_FOUND || attempt == 5) {
                    throw e;
                }
            }
        }
    }
}
