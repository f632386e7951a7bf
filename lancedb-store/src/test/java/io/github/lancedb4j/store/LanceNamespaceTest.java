package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lancedb4j.store.filter.MetadataFilter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lance.namespace.LanceNamespace;
import org.lance.namespace.RestAdapter;
import org.lance.namespace.model.ListTablesRequest;

/**
 * Tables found through a Lance namespace: Lance's own REST namespace server ({@link RestAdapter}, in-process on
 * 127.0.0.1) serving a directory namespace, the protocol LanceDB Enterprise and other catalogs speak. A store
 * creates its table through the catalog, another database (a replica) finds and reads it there, the catalog lists
 * it, and — since a directory namespace keeps tables at {@code <root>/<table>.lance}, our layout — the same table is
 * the one a database opened on the directory sees, both ways.
 */
class LanceNamespaceTest {

    private static final List<VectorColumn> COLUMNS = List.of(VectorColumn.of("vector", 8));

    @TempDir
    Path root;

    @Test
    void a_table_created_through_a_rest_namespace_is_served_there_and_under_its_directory() throws Exception {
        try (RestAdapter server = new RestAdapter("dir", Map.of("root", root.toString()), "127.0.0.1", 0)) {
            server.start();
            Map<String, String> rest = Map.of("uri", "http://127.0.0.1:" + server.getPort());
            try (LanceDatabase db = LanceDatabase.builder().namespace("rest", rest).build()) {
                assertThat(db.uri()).startsWith("lance-namespace:rest http://127.0.0.1:");
                assertThat(db.tableExists("docs")).isFalse();
                assertThatThrownBy(() -> db.openTable("docs", COLUMNS, false))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("'docs' does not exist in lance-namespace:rest");

                LanceTable docs = db.openTable("docs", COLUMNS, true);
                docs.upsert(rows("a", 20), List.of("vector"));
                docs.upsert(rows("a", 5), List.of("vector")); // an upsert by id: no duplicates
                assertThat(docs.countRows()).isEqualTo(20);
                assertThat(db.tableExists("docs")).isTrue();
                assertThat(Path.of(db.tableUri("docs").replaceFirst("^file://", "")))
                        .isEqualTo(root.resolve("docs.lance"));
                assertThat(root.resolve("docs.lance").resolve("_versions")).isDirectory();
            }

            try (RootAllocator allocator = new RootAllocator()) {
                LanceNamespace catalog = LanceNamespace.connect("rest", rest, allocator);
                assertThat(catalog.listTables(new ListTablesRequest().id(List.of())).getTables())
                        .containsExactly("docs");
                ((AutoCloseable) catalog).close();
            }

            // Another replica finds the table through the namespace and searches it with a filter.
            try (LanceDatabase replica = LanceDatabase.builder().namespace("rest", rest).build()) {
                LanceTable docs = replica.openTable("docs", List.of(), false);
                List<SearchHit> hits = docs.search(SearchQuery.nearest("vector", vector(new Random(99)))
                        .limit(50).filter(new MetadataFilter.Comparison("parity", MetadataFilter.Comparison.Operator
                                .EQUAL, "even")).build(), DistanceMetric.L2);
                assertThat(hits).hasSize(10).allSatisfy(h -> assertThat(h.metadata()).containsEntry("parity", "even"));
            }

            // The directory namespace's layout is ours: the table is there for a database on the directory, and a
            // table written there is found through the namespace.
            try (LanceDatabase direct = LanceDatabase.connect(root.toString())) {
                assertThat(direct.openTable("docs", List.of(), false).countRows()).isEqualTo(20);
                direct.openTable("notes", COLUMNS, true).upsert(rows("n", 3), List.of("vector"));
            }
            try (LanceDatabase db = LanceDatabase.builder().namespace("rest", rest).build()) {
                assertThat(db.openTable("notes", List.of(), false).countRows()).isEqualTo(3);

                db.dropTable("notes");
                assertThat(db.tableExists("notes")).isFalse();
                assertThat(root.resolve("notes.lance")).doesNotExist();
                assertThat(db.tableExists("docs")).isTrue();
            }
        }
    }

    @Test
    void a_directory_namespace_and_a_child_namespace_path_work_without_a_server() throws Exception {
        try (LanceDatabase db = LanceDatabase.builder().namespace("dir", Map.of("root", root.toString())).build()) {
            assertThat(db.readConsistency()).isEqualTo(ReadConsistency.eventual(ReadConsistency.LOCAL_DEFAULT));
            db.openTable("docs", COLUMNS, true).upsert(rows("d", 4), List.of("vector"));
        }
        try (LanceDatabase again = LanceDatabase.builder().namespace("dir", Map.of("root", root.toString())).build()) {
            assertThat(again.openTable("docs", List.of(), false).countRows()).isEqualTo(4);
        }
        // A child namespace: its tables are kept apart from the root's (a directory namespace stores them under a
        // hashed directory and records them in its manifest).
        try (LanceDatabase child = LanceDatabase.builder().namespace("dir", Map.of("root", root.toString()))
                .namespacePath(List.of("team")).build()) {
            assertThat(child.tableExists("docs")).isFalse();
            child.openTable("docs", COLUMNS, true).upsert(rows("t", 2), List.of("vector"));
            assertThat(child.tableUri("docs")).contains("team").isNotEqualTo(root.resolve("docs.lance").toString());
        }
        try (LanceDatabase child = LanceDatabase.builder().namespace("dir", Map.of("root", root.toString()))
                .namespacePath(List.of("team")).build();
                LanceDatabase rootDb = LanceDatabase.builder().namespace("dir", Map.of("root", root.toString()))
                        .build()) {
            assertThat(child.openTable("docs", List.of(), false).countRows()).isEqualTo(2);
            assertThat(rootDb.openTable("docs", List.of(), false).countRows()).isEqualTo(4);

            // Dropping a table the namespace created deletes its data too.
            String location = child.tableUri("docs").replaceFirst("^file://", "");
            assertThat(Path.of(location)).isDirectory();
            child.dropTable("docs");
            assertThat(child.tableExists("docs")).isFalse();
            assertThat(Path.of(location)).doesNotExist();
            assertThat(rootDb.tableExists("docs")).isTrue();
        }
    }

    @Test
    void a_uri_and_a_namespace_together_or_an_empty_implementation_are_refused() {
        assertThatThrownBy(() -> LanceDatabase.builder().uri(root.toString()).namespace("dir", Map.of("root",
                root.toString())).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> LanceDatabase.builder().namespace(" ", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rest, dir");
    }

    private static List<Row> rows(String prefix, int n) {
        Random random = new Random(prefix.hashCode());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(Row.of(prefix + i, "text " + i, Map.of("parity", i % 2 == 0 ? "even" : "odd"), "vector",
                    vector(random)));
        }
        return rows;
    }

    private static float[] vector(Random random) {
        float[] v = new float[8];
        for (int k = 0; k < v.length; k++) {
            v[k] = random.nextFloat();
        }
        return v;
    }
}
