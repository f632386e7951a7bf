package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lancedb4j.store.filter.MetadataFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A search sees one version whole — handle, columns, filter translation and indexes — and writes validate against
 * the version they commit on. */
class SnapshotConsistencyTest extends RealTableTestBase {

    @Test
    void filtered_searches_stay_consistent_while_the_schema_changes_under_them() throws Exception {
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(Row.of("id-" + i, "t", Map.of("k" + (i % 5), "v", "n", i), "vector", new float[] {1, i}));
        }
        table.upsert(rows, List.of("vector"));
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            Thread t = new Thread(() -> {
                while (running.get()) {
                    try {
                        for (int k = 0; k < 5; k++) {
                            String key = "k" + k;
                            List<SearchHit> hits = table.search(SearchQuery.nearest("vector", new float[] {1, 0})
                                    .limit(5).filter(MetadataFilter.eq(key, "v")).build(), DistanceMetric.L2);
                            assertThat(hits).hasSize(5).allMatch(h -> h.metadata().containsKey(key));
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            });
            t.start();
            readers.add(t);
        }
        for (int k = 0; k < 5; k++) {
            table.ensureMetadataColumn(MetadataColumn.of("k" + k, MetadataColumn.Kind.STRING));
            table.ensureVectorColumn(VectorColumn.of("extra" + k, 3));
        }
        running.set(false);
        for (Thread t : readers) {
            t.join();
        }
        assertThat(failures).isEmpty();
        assertThat(table.metadataColumns()).hasSize(5);
    }

    @Test
    void a_write_is_validated_against_the_columns_of_the_version_it_commits_on() {
        LanceTable stale;
        try (LanceDatabase manual = LanceDatabase.builder().uri(dir.toString()).allocator(allocator)
                .readConsistency(ReadConsistency.manual()).build()) {
            LanceTable fresh = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
            stale = manual.openTable("docs", List.of(), false);
            // Another process starts mirroring "year" into a LONG column; the stale table has not seen it.
            fresh.ensureMetadataColumn(MetadataColumn.of("year", MetadataColumn.Kind.LONG));
            assertThat(stale.metadataColumns()).isEmpty();

            assertThatThrownBy(() -> stale.upsert(List.of(Row.of("a", "t", Map.of("year", "2024"), "vector",
                    new float[] {1, 0})), List.of("vector"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("year").hasMessageContaining("typed column");
            stale.upsert(List.of(Row.of("b", "t", Map.of("year", 2024L), "vector", new float[] {1, 0})),
                    List.of("vector"));
            // The typed column was filled although the writer had not seen it: filters on it find the row.
            fresh.refresh();
            assertThat(fresh.countRows(MetadataFilter.eq("year", 2024L))).isEqualTo(1);
            assertThat(fresh.<Long>withDataset(ds -> ds.countRows("meta_year = 2024"))).isEqualTo(1L);
        }
    }
}
