package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lancedb4j.store.filter.MetadataFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Versions, tags, reading as of a version or tag, and restoring one, on real tables. */
class TimeTravelTest extends RealTableTestBase {

    private LanceTable table;

    @BeforeEach
    void openTable() {
        table = db.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
    }

    private void add(String id, float x, float y, String topic) {
        table.upsert(List.of(Row.of(id, "text of " + id, Map.of("topic", topic), "vector", new float[] {x, y})),
                List.of("vector"));
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::id).toList();
    }

    private static SearchQuery near(float x, float y) {
        return SearchQuery.nearest("vector", new float[] {x, y}).limit(10).build();
    }

    @Test
    void versions_list_every_commit_with_its_operation_rows_and_tags() {
        add("a", 1, 0, "x");
        table.append(List.of(Row.of("b", "t", Map.of("topic", "y"), "vector", new float[] {0, 1})));
        table.delete(List.of("a"));
        table.history().tag("after-delete");

        List<TableVersion> versions = table.history().versions();
        assertThat(versions).extracting(TableVersion::version).containsExactly(1L, 2L, 3L, 4L);
        assertThat(versions).extracting(TableVersion::operation)
                .containsExactly("Overwrite", "Update", "Append", "Delete");
        assertThat(versions.get(0).detail()).isEqualTo("table created");
        assertThat(versions.get(3).detail()).contains("'a'");
        assertThat(versions).extracting(TableVersion::rows).containsExactly(0L, 1L, 2L, 1L);
        assertThat(versions.get(3).tags()).containsExactly("after-delete");
        assertThat(versions.get(2).timestamp()).isBeforeOrEqualTo(versions.get(3).timestamp());
        assertThat(versions.get(3).summary()).startsWith("4  Delete (").endsWith("1 rows  [after-delete]");
        assertThat(table.history().versions(2)).extracting(TableVersion::version).containsExactly(3L, 4L);
        assertThat(table.history().versionCount()).isEqualTo(4);
    }

    @Test
    void as_of_a_version_older_than_a_delete_still_finds_the_deleted_row() {
        add("a", 1, 0, "x");
        add("b", 0, 1, "y");
        long beforeDelete = table.version();
        table.delete(List.of("a"));
        assertThat(ids(table.search(near(1, 0), DistanceMetric.L2))).containsExactly("b");

        try (LanceTable old = table.asOf(beforeDelete)) {
            assertThat(old.isReadOnly()).isTrue();
            assertThat(old.version()).isEqualTo(beforeDelete);
            assertThat(ids(old.search(near(1, 0), DistanceMetric.L2))).containsExactly("a", "b");
            MetadataFilter topicX = MetadataFilter.eq("topic", "x");
            assertThat(ids(old.search(near(0, 1).toBuilder().filter(topicX).build(), DistanceMetric.L2)))
                    .containsExactly("a");
            assertThat(old.countRows()).isEqualTo(2);
            assertThat(old.countRows(topicX)).isEqualTo(1);
            assertThat(old.find(topicX, 10)).extracting(StoredRow::id).containsExactly("a");
        }
        assertThat(table.countRows()).isEqualTo(1);
    }

    @Test
    void a_view_by_tag_reads_the_tagged_version_and_ignores_newer_commits() {
        add("a", 1, 0, "x");
        TableTag tag = table.history().tag("release-1");
        assertThat(tag.version()).isEqualTo(table.version());
        assertThat(tag.createdAt()).isNotNull();

        try (LanceTable pinned = table.asOf("release-1")) {
            add("b", 0, 1, "y");
            table.delete(List.of("a"));
            assertThat(pinned.refresh()).as("no tag move: a pinned view stays").isFalse();
            assertThat(pinned.version()).isEqualTo(tag.version());
            assertThat(ids(pinned.search(near(1, 0), DistanceMetric.L2))).containsExactly("a");
            assertThat(pinned.viewTag()).contains("release-1");
        }
    }

    @Test
    void a_pinned_view_ignores_newer_commits_from_another_database_even_with_strong_consistency() {
        add("a", 1, 0, "x");
        long v = table.version();
        try (LanceDatabase strong = LanceDatabase.builder().uri(dir.toString()).allocator(allocator)
                .readConsistency(ReadConsistency.strong()).build()) {
            LanceTable other = strong.openTable("docs", List.of(), false);
            try (LanceTable pinned = other.asOf(v)) {
                add("b", 0, 1, "y");
                assertThat(other.countRows()).isEqualTo(2); // strong: the live table sees the commit
                assertThat(pinned.countRows()).isEqualTo(1);
                assertThat(pinned.refresh()).isFalse();
                assertThat(pinned.countRows()).isEqualTo(1);
            }
        }
    }

    @Test
    void a_view_by_tag_follows_its_tag_when_it_is_moved() {
        add("a", 1, 0, "x");
        table.history().tag("prod");
        add("b", 0, 1, "y");
        long second = table.version();
        try (LanceTable pinned = table.asOf("prod"); LanceTable byVersion = table.asOf(second - 1)) {
            assertThat(pinned.countRows()).isEqualTo(1);
            table.history().moveTag("prod", second); // in this process, views on the tag move at once
            assertThat(pinned.version()).isEqualTo(second);
            assertThat(pinned.countRows()).isEqualTo(2);
            assertThat(byVersion.countRows()).as("a view by version never moves").isEqualTo(1);
            assertThat(table.history().tags()).extracting(TableTag::name, TableTag::version).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("prod", second));
            // moved back, by another process: the view follows on refresh()
            try (LanceDatabase other = newDatabase()) {
                other.openTable("docs", List.of(), false).history().moveTag("prod", second - 1);
            }
            assertThat(pinned.refresh()).isTrue();
            assertThat(pinned.countRows()).isEqualTo(1);
        }
    }

    @Test
    void writes_to_a_view_throw_and_leave_the_table_intact() {
        add("a", 1, 0, "x");
        table.history().tag("v-a");
        try (LanceTable view = table.asOf("v-a")) {
            Row row = Row.of("z", "t", Map.of(), "vector", new float[] {1, 1});
            List<Runnable> writes = List.of(
                    () -> view.upsert(List.of(row), List.of("vector")),
                    () -> view.append(List.of(row)),
                    () -> view.delete(List.of("a")),
                    () -> view.delete(MetadataFilter.eq("topic", "x")),
                    view::deleteAll,
                    () -> view.updateVectors("vector", Map.of("a", new float[] {0, 0})),
                    () -> view.indexes().createVectorIndex("vector", VectorIndexSpec.exact(), DistanceMetric.L2),
                    () -> view.indexes().optimizeVectorIndexes(),
                    () -> view.indexes().dropVectorIndex("vector"),
                    () -> view.compactAndCleanUp(Duration.ZERO, 1),
                    view::runMaintenance,
                    () -> view.history().cleanUpVersions(Duration.ZERO),
                    () -> view.history().restore(1),
                    () -> view.indexes().indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.L2),
                    () -> view.ensureVectorColumn(VectorColumn.of("other", 3)),
                    () -> view.ensureMetadataColumn(MetadataColumn.of("topic", MetadataColumn.Kind.STRING)),
                    () -> view.indexes().fullTextIndexPolicy(IndexPolicy.Mode.AUTO, FullTextIndexSpec.defaults()),
                    () -> view.indexes().createFullTextIndex(FullTextIndexSpec.defaults()),
                    () -> view.indexes().optimizeFullTextIndex(),
                    () -> view.indexes().dropFullTextIndex());
            for (Runnable write : writes) {
                assertThatThrownBy(write::run).isInstanceOf(UnsupportedOperationException.class)
                        .hasMessageContaining("Table 'docs' as of tag 'v-a', version " + view.version())
                        .hasMessageContaining("read-only");
            }
            assertThat(view.countRows()).isEqualTo(1);
        }
        assertThat(table.countRows()).isEqualTo(1);
        assertThat(table.history().versionCount()).isEqualTo(2);
        assertThat(table.indexes().fullTextIndex()).as("no index built through the view").isEmpty();
    }

    @Test
    void a_view_searches_full_text_and_hybrid_on_its_version_with_the_full_text_index_that_version_has() {
        table.indexes().fullTextIndexPolicy(IndexPolicy.Mode.EXPLICIT, FullTextIndexSpec.defaults());
        add("rover", 1, 0, "x");
        table.upsert(List.of(Row.of("heli", "Ingenuity helicopter flew on Mars", Map.of("topic", "y"), "vector",
                new float[] {0, 1})), List.of("vector"));
        long unindexed = table.version();
        table.indexes().createFullTextIndex(FullTextIndexSpec.defaults());
        table.history().tag("indexed");
        // After the tag: the row is deleted and another helicopter row arrives.
        table.delete(List.of("heli"));
        table.upsert(List.of(Row.of("heli2", "A second helicopter", Map.of("topic", "y"), "vector",
                new float[] {0, 1})), List.of("vector"));

        SearchQuery text = SearchQuery.fullText("helicopters").limit(10).build(); // stemmed by the index
        SearchQuery hybrid = SearchQuery.hybrid("vector", new float[] {1, 0}, "helicopter").limit(10).build();
        assertThat(ids(table.search(text, DistanceMetric.L2))).containsExactly("heli2");
        try (LanceTable view = table.asOf("indexed")) {
            assertThat(view.indexes().fullTextIndex()).isPresent();
            assertThat(ids(view.search(text, DistanceMetric.L2))).containsExactly("heli");
            List<SearchHit> fused = view.search(hybrid, DistanceMetric.L2);
            assertThat(ids(fused)).containsExactlyInAnyOrder("rover", "heli");
            assertThat(fused).filteredOn(h -> h.id().equals("heli")).singleElement()
                    .satisfies(h -> assertThat(h.textScore()).isPositive());
            MetadataFilter topicX = MetadataFilter.eq("topic", "x");
            assertThat(ids(view.search(hybrid.toBuilder().filter(topicX).build(), DistanceMetric.L2)))
                    .containsExactly("rover");
        }
        try (LanceTable before = table.asOf(unindexed)) {
            // Committed before the index: Lance scans the text, matching exact words only.
            assertThat(before.indexes().fullTextIndex()).isEmpty();
            assertThat(ids(before.search(SearchQuery.fullText("helicopter").limit(10).build(), DistanceMetric.L2)))
                    .containsExactly("heli");
        }
    }

    @Test
    void tags_are_created_moved_and_deleted_and_bad_names_are_refused() {
        add("a", 1, 0, "x");
        long first = table.version();
        add("b", 0, 1, "y");
        table.history().tag("v1.0_rc-1", first);
        assertThat(table.history().tags()).extracting(TableTag::name).containsExactly("v1.0_rc-1");

        assertThatThrownBy(() -> table.history().tag("v1.0_rc-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already has a tag 'v1.0_rc-1' (on version " + first + "); move it instead");
        assertThatThrownBy(() -> table.history().tag("42")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would read as a version number");
        assertThatThrownBy(() -> table.history().tag("has space")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> table.history().tag("new", 99)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Table 'docs' has no version 99: it has versions 1 to 3");
        assertThatThrownBy(() -> table.history().moveTag("nope", first)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Table 'docs' has no tag 'nope'; its tags are [v1.0_rc-1]");
        assertThatThrownBy(() -> table.history().deleteTag("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no tag 'nope'");

        table.history().moveTag("v1.0_rc-1", table.version());
        assertThat(table.history().tags()).extracting(TableTag::version).containsExactly(table.version());
        table.history().deleteTag("v1.0_rc-1");
        assertThat(table.history().tags()).isEmpty();
        assertThatThrownBy(() -> table.asOf("v1.0_rc-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Table 'docs' has no tag 'v1.0_rc-1'; it has no tags");
    }

    @Test
    void a_missing_version_is_named_with_the_versions_that_exist() {
        add("a", 1, 0, "x");
        assertThatThrownBy(() -> table.asOf(7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Table 'docs' has no version 7: it has versions 1 to 2");
        assertThatThrownBy(() -> table.asOf("7")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Table 'docs' has no version 7: it has versions 1 to 2");
        assertThatThrownBy(() -> table.history().restore(7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no version 7");
        assertThatThrownBy(() -> table.asOf(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Name a tag or a version number");
        assertThatThrownBy(() -> table.asOf(Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no version committed at or before 1970-01-01T00:00:00Z");
        assertThat(table.history().versionCount()).isEqualTo(2);
    }

    @Test
    void as_of_a_time_reads_the_version_that_was_latest_then() throws InterruptedException {
        add("a", 1, 0, "x");
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        add("b", 0, 1, "y");
        try (LanceTable then = table.asOf(between)) {
            assertThat(then.version()).isEqualTo(table.version() - 1);
            assertThat(then.countRows()).isEqualTo(1);
        }
    }

    @Test
    void restore_commits_a_new_version_with_the_old_rows_and_keeps_the_versions_in_between() {
        add("a", 1, 0, "x");
        table.history().tag("good");
        long good = table.version();
        add("bad-1", 0, 1, "y");
        table.delete(List.of("a"));
        long bad = table.version();

        long restored = table.history().restore("good");
        assertThat(restored).isEqualTo(bad + 1);
        assertThat(table.version()).isEqualTo(restored);
        assertThat(ids(table.search(near(1, 0), DistanceMetric.L2))).containsExactly("a");
        assertThat(table.history().versions().get((int) restored - 1).operation()).isEqualTo("Restore");
        assertThat(table.history().versions().get((int) restored - 1).detail()).isEqualTo("version " + good);
        try (LanceTable badView = table.asOf(bad)) {
            assertThat(ids(badView.search(near(1, 0), DistanceMetric.L2))).containsExactly("bad-1");
        }
        // the table takes writes on top of the restored version
        add("c", 1, 1, "z");
        assertThat(table.countRows()).isEqualTo(2);
        // restoring the latest version commits nothing
        assertThat(table.history().restore(table.version())).isEqualTo(table.version());
        assertThat(table.history().versionCount()).isEqualTo((int) restored + 1);
    }

    @Test
    void restore_refuses_a_version_without_a_vector_column_the_table_has_now() {
        add("a", 1, 0, "x");
        long before = table.version();
        table.ensureVectorColumn(VectorColumn.of("vector_large", 3));
        long versions = table.history().versionCount();
        assertThatThrownBy(() -> table.history().restore(before)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Version " + before + " of table 'docs' cannot be restored: it has no vector column "
                        + "[vector_large], which the table has now");
        assertThat(table.history().versionCount()).isEqualTo(versions);
        assertThat(table.vectorColumns()).containsKey("vector_large");
    }

    @Test
    void restore_then_cleanup_keeps_tagged_versions_and_removes_the_others() {
        add("a", 1, 0, "x");
        table.history().tag("first");
        long first = table.version();
        add("b", 0, 1, "y");
        long untagged = table.version();
        add("c", 1, 1, "z");
        table.history().tag("third");
        table.delete(List.of("a", "b", "c"));
        table.history().restore("third");

        long removed = table.history().cleanUpVersions(Duration.ZERO);

        assertThat(removed).isGreaterThan(0);
        assertThat(table.history().versions()).extracting(TableVersion::version).contains(first).doesNotContain(untagged);
        try (LanceTable view = table.asOf("first")) {
            assertThat(ids(view.search(near(1, 0), DistanceMetric.L2))).containsExactly("a");
        }
        try (LanceTable view = table.asOf("third")) {
            assertThat(view.countRows()).isEqualTo(3);
        }
        assertThat(table.countRows()).isEqualTo(3);
        assertThatThrownBy(() -> table.asOf(untagged)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no version " + untagged)
                .hasMessageContaining("older versions were removed by a cleanup");
    }

    @Test
    void cleanup_keeps_the_version_an_open_view_reads() {
        add("a", 1, 0, "x");
        add("b", 0, 1, "y");
        long viewed = table.version();
        try (LanceTable view = table.asOf(viewed)) {
            add("c", 1, 1, "z");
            table.delete(List.of("a"));
            table.history().cleanUpVersions(Duration.ZERO);
            assertThat(table.history().versions()).extracting(TableVersion::version).contains(viewed)
                    .doesNotContain(viewed - 1);
            assertThat(ids(view.search(near(1, 0), DistanceMetric.L2))).containsExactly("a", "b");
        }
        table.history().cleanUpVersions(Duration.ZERO);
        assertThat(table.history().versions()).extracting(TableVersion::version).containsExactly(table.version());
    }

    @Test
    void background_housekeeping_keeps_working_when_old_versions_are_tagged() throws InterruptedException {
        try (LanceDatabase database = LanceDatabase.builder().uri(dir.resolve("hk").toString()).allocator(allocator)
                .versionRetention(Duration.ZERO).build()) {
            LanceTable t = database.openTable("docs", List.of(VectorColumn.of("vector", 2)), true);
            t.append(List.of(Row.of("id-0", "t", Map.of(), "vector", new float[] {1, 0})));
            t.history().tag("early");
            long early = t.version();
            for (int i = 1; i < 45; i++) {
                t.append(List.of(Row.of("id-" + i, "t", Map.of(), "vector", new float[] {1, i})));
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (t.history().versionCount() > 10 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            // Lance's default fails the whole cleanup on a tagged old version: housekeeping would never clean again
            assertThat(t.history().versionCount()).isLessThanOrEqualTo(10);
            assertThat(t.history().versions()).extracting(TableVersion::version).contains(early);
            try (LanceTable view = t.asOf("early")) {
                assertThat(view.countRows()).isEqualTo(1);
            }
            assertThat(t.countRows()).isEqualTo(45);
        }
    }

    @Test
    void restore_runs_alongside_concurrent_writers_without_surfacing_a_conflict() throws Exception {
        add("a", 1, 0, "x");
        table.history().tag("base");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        table.append(List.of(Row.of("w" + writer + "-" + i, "t", Map.of(), "vector",
                                new float[] {writer, i})));
                    }
                }));
            }
            long restored = table.history().restore("base");
            for (Future<?> write : writes) {
                write.get();
            }
            assertThat(table.history().versions()).extracting(TableVersion::version).contains(restored);
            try (LanceTable view = table.asOf(restored)) {
                assertThat(view.countRows()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void views_close_with_their_table_and_keep_their_own_index_state() {
        for (int i = 0; i < 20; i++) {
            add("id-" + i, 1, i, "x");
        }
        long unindexed = table.version();
        table.indexes().createVectorIndex("vector", VectorIndexSpec.exact(), DistanceMetric.L2);
        LanceTable before = table.asOf(unindexed);
        LanceTable after = table.asOf(table.version());
        assertThat(before.indexes().vectorIndexes()).isEmpty();
        assertThat(after.indexes().vectorIndexes()).extracting(VectorIndexInfo::column).containsExactly("vector");
        table.close();
        assertThatThrownBy(before::countRows).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(after::countRows).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void filtered_searches_on_a_view_promote_keys_on_the_live_table_never_through_the_view() throws Exception {
        table.indexes().indexPolicy("vector", IndexPolicy.auto().withMinRows(1_000).withAnnRows(1_000_000)
                .withPromoteKeysAfter(3), DistanceMetric.L2);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            rows.add(Row.of("id-" + i, "t", Map.of("tenant", "t" + (i % 100)), "vector", new float[] {1, i}));
        }
        table.append(rows);
        table.history().tag("loaded");
        try (LanceTable view = table.asOf("loaded")) {
            MetadataFilter tenant = MetadataFilter.eq("tenant", "t7");
            SearchQuery query = near(1, 0).toBuilder().limit(100).filter(tenant).build();
            for (int i = 0; i < 4; i++) {
                assertThat(view.search(query, DistanceMetric.L2)).hasSize(20);
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (!table.promotedMetadataKeys().contains("tenant") && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(table.promotedMetadataKeys()).contains("tenant");
            assertThat(view.promotedMetadataKeys()).isEmpty();
            assertThat(view.version()).isEqualTo(table.history().tags().get(0).version());
            assertThat(view.search(query, DistanceMetric.L2)).hasSize(20);
            assertThat(table.maintenanceStatus().healthy()).isTrue();
        }
    }
}
