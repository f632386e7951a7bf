package io.github.lancedb4j.store;

import io.github.lancedb4j.store.internal.TableSchema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lance.Dataset;
import org.lance.WriteParams;

/** Vector dimensions, vector values, table and column names, and existing-table schemas are validated. */
class TableValidationTest extends RealTableTestBase {

    private static final String COLUMN = "vector";



    private LanceTable tableWithOneRow() {
        LanceTable table = db.openTable("docs", List.of(VectorColumn.of(COLUMN, 4)), true);
        table.upsert(List.of(Row.of("a", "alpha", Map.of("k", "v"), COLUMN, new float[] {1, 0, 0, 0})), List.of(COLUMN));
        return table;
    }

    // --------------------------------------------------------------------------------------------------------
    // Vectors on write and query

    @Test
    void writingAVectorOfTheWrongLengthIsRejectedNamingColumnExpectedAndActualAndChangesNothing() {
        LanceTable table = tableWithOneRow();
        long version = table.version();
        List<Row> rows = List.of(Row.of("b", "beta", Map.of(), COLUMN, new float[] {1, 0, 0, 0}),
                Row.of("c", "gamma", Map.of(), COLUMN, new float[] {1, 0, 0}));

        for (Runnable write : List.<Runnable>of(() -> table.upsert(rows, List.of(COLUMN)), () -> table.append(rows))) {
            assertThatThrownBy(write::run)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + COLUMN + "'")
                    .hasMessageContaining("dimension 4")
                    .hasMessageContaining("dimension 3")
                    .hasMessageContaining("'c'");
        }
        assertThatThrownBy(() -> table.updateVectors(COLUMN, Map.of("a", new float[] {1, 2, 3, 4, 5})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 4")
                .hasMessageContaining("dimension 5");
        assertThat(table.version()).isEqualTo(version);
        assertThat(table.countRows()).isEqualTo(1);
    }

    @Test
    void queryingWithAVectorOfTheWrongLengthIsRejectedInsteadOfScanningEverything() {
        LanceTable table = tableWithOneRow();

        for (float[] query : List.of(new float[] {1, 0, 0}, new float[] {1, 0, 0, 0, 0}, new float[0])) {
            assertThatThrownBy(() -> table.search(SearchQuery.nearest(COLUMN, query).limit(10).build(), DistanceMetric.COSINE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + COLUMN + "'")
                    .hasMessageContaining("dimension 4")
                    .hasMessageContaining("dimension " + query.length);
        }
    }

    @Test
    void nonFiniteVectorComponentsAreRejectedOnWriteAndQuery() {
        LanceTable table = tableWithOneRow();
        long version = table.version();

        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[] vector = {1, 0, bad, 0};
            assertThatThrownBy(() -> table.upsert(List.of(Row.of("x", "t", Map.of(), COLUMN, vector)), List.of(COLUMN)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + COLUMN + "'")
                    .hasMessageContaining("index 2");
            assertThatThrownBy(() -> table.append(List.of(Row.of("x", "t", Map.of(), COLUMN, vector))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> table.updateVectors(COLUMN, Map.of("a", vector)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> table.search(SearchQuery.nearest(COLUMN, vector).limit(5).build(), DistanceMetric.L2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("query vector");
        }
        assertThat(table.version()).isEqualTo(version);
        assertThat(table.countRows()).isEqualTo(1);
    }

    @Test
    void aVectorForAColumnTheWriteDoesNotCoverIsRejected() {
        LanceTable table = tableWithOneRow();

        assertThatThrownBy(() -> table.upsert(List.of(Row.of("x", "t", Map.of(), "other", new float[] {1, 0, 0, 0})),
                List.of(COLUMN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'other'");
        assertThatThrownBy(() -> table.search(SearchQuery.nearest("other", new float[] {1, 0, 0, 0}).limit(5).build(),
                DistanceMetric.L2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'other'");
        assertThat(table.countRows()).isEqualTo(1);
    }

    // --------------------------------------------------------------------------------------------------------
    // Opening existing tables

    @Test
    void openingAnExistingTableWithAnotherDimensionIsRejectedNamingColumnExistingAndConfigured() {
        tableWithOneRow();

        // Same database (cached table) and a fresh database (table read from disk).
        assertThatThrownBy(() -> db.openTable("docs", List.of(VectorColumn.of(COLUMN, 8)), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + COLUMN + "'")
                .hasMessageContaining("dimension 4")
                .hasMessageContaining("dimension 8");
        try (LanceDatabase other = newDatabase()) {
            assertThatThrownBy(() -> other.openTable("docs", List.of(VectorColumn.of(COLUMN, 3)), false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + COLUMN + "'")
                    .hasMessageContaining("dimension 4")
                    .hasMessageContaining("dimension 3");
            // Without a dimension, the stored one is taken.
            LanceTable reopened = other.openTable("docs", List.of(VectorColumn.existing(COLUMN)), false);
            assertThat(reopened.vectorColumns()).isEqualTo(Map.of(COLUMN, 4));
            assertThat(reopened.countRows()).isEqualTo(1);
        }
    }

    @Test
    void openingADatasetThatLacksTheBaseColumnsIsRejectedListingWhatDiffers() {
        Schema foreign = new Schema(List.of(Field.notNullable("id", ArrowType.Utf8.INSTANCE),
                TableSchema.vectorField(VectorColumn.of(COLUMN, 4))));
        Dataset.write().allocator(allocator).schema(foreign).uri(db.tableUri("foreign"))
                .mode(WriteParams.WriteMode.CREATE).execute().close();

        assertThatThrownBy(() -> db.openTable("foreign", List.of(VectorColumn.of(COLUMN, 4)), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'foreign'")
                .hasMessageContaining("'text'")
                .hasMessageContaining("'metadata'")
                .hasMessageContaining("'metadata_types'")
                .message().doesNotContain("'id'");
    }

    @Test
    void openingADatasetWhoseBaseColumnsHaveWrongTypesIsRejectedNamingThem() {
        Schema foreign = new Schema(List.of(Field.notNullable("id", new ArrowType.Int(64, true)),
                Field.nullable("text", ArrowType.Utf8.INSTANCE),
                Field.nullable("metadata", ArrowType.Utf8.INSTANCE), // plain string, not arrow.json
                Field.nullable("metadata_types", ArrowType.Utf8.INSTANCE),
                TableSchema.vectorField(VectorColumn.of(COLUMN, 4))));
        Dataset.write().allocator(allocator).schema(foreign).uri(db.tableUri("typed"))
                .mode(WriteParams.WriteMode.CREATE).execute().close();

        assertThatThrownBy(() -> db.openTable("typed", List.of(VectorColumn.of(COLUMN, 4)), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'id'")
                .hasMessageContaining("'metadata'")
                .hasMessageContaining("JSON")
                .message().doesNotContain("'text'");
    }

    @Test
    void aMissingTableIsNotCreatedWhenCreatingIsDisabled() {
        assertThatThrownBy(() -> db.openTable("absent", List.of(VectorColumn.of(COLUMN, 4)), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'absent'")
                .hasMessageContaining("does not exist");
        assertThat(db.tableExists("absent")).isFalse();
        assertThat(Files.exists(dir.resolve("absent.lance"))).isFalse();
    }

    @Test
    void creatingATableNeedsADimensionAndAtLeastOneVectorColumn() {
        assertThatThrownBy(() -> db.openTable("nodim", List.of(VectorColumn.existing(COLUMN)), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + COLUMN + "'");
        assertThatThrownBy(() -> db.openTable("nocols", List.of(), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(db.tableExists("nodim")).isFalse();
        assertThat(db.tableExists("nocols")).isFalse();
    }

    // --------------------------------------------------------------------------------------------------------
    // Names

    @ParameterizedTest
    @ValueSource(strings = {"", "../escape", "a/b", "a b", ".hidden", "-dash", "semi;colon", "quote'", "back`tick",
            "x\u0000y", "ünïcode"})
    void invalidTableNamesAreRejected(String name) {
        assertThatThrownBy(() -> db.openTable(name, List.of(VectorColumn.of(COLUMN, 4)), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Table name");
        assertThatThrownBy(() -> db.tableUri(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTooLongOrNullTableNameIsRejected() {
        assertThatThrownBy(() -> db.openTable("a".repeat(256), List.of(VectorColumn.of(COLUMN, 4)), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.openTable(null, List.of(VectorColumn.of(COLUMN, 4)), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "a-b", "a b", "a.b", "`x`", "x'", "id", "text", "metadata", "metadata_types",
            "_distance", "_rowid", "vé"})
    void invalidOrReservedVectorColumnNamesAreRejected(String name) {
        assertThatThrownBy(() -> VectorColumn.of(name, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name);
    }

    @Test
    void nonPositiveDimensionsAreRejected() {
        assertThatThrownBy(() -> VectorColumn.of(COLUMN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VectorColumn.of(COLUMN, -4)).isInstanceOf(IllegalArgumentException.class);
    }

    // --------------------------------------------------------------------------------------------------------
    // Adding a vector column

    @Test
    void addingAVectorColumnKeepsEveryRowAndDoesNotRewriteDataFiles() throws IOException {
        LanceTable table = db.openTable("multi", List.of(VectorColumn.of(COLUMN, 4)), true);
        table.upsert(List.of(
                Row.of("a", "alpha", Map.of("n", 1), COLUMN, new float[] {1, 0, 0, 0}),
                Row.of("b", "beta", Map.of("n", 2L, "s", "x"), COLUMN, new float[] {0, 1, 0, 0}),
                Row.of("c", null, null, COLUMN, new float[] {0, 0, 1, 0})), List.of(COLUMN));
        Map<String, SearchHit> before = hitsById(table, COLUMN, 4);
        Set<String> filesBefore = dataFiles("multi");

        LanceTable same = db.openTable("multi", List.of(VectorColumn.of(COLUMN, 4), VectorColumn.of("small", 2)), true);

        assertThat(same.vectorColumns()).isEqualTo(Map.of(COLUMN, 4, "small", 2));
        assertThat(dataFiles("multi")).isEqualTo(filesBefore);
        assertThat(same.countRows()).isEqualTo(3);
        Map<String, SearchHit> after = hitsById(same, COLUMN, 4);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((id, hit) -> {
            SearchHit now = after.get(id);
            assertThat(now.text()).isEqualTo(hit.text());
            assertThat(now.metadata()).isEqualTo(hit.metadata());
            assertThat(now.vector()).isEqualTo(hit.vector());
        });

        // No row has a vector in the new column yet.
        assertThat(same.search(SearchQuery.nearest("small", new float[] {1, 0}).limit(10).build(), DistanceMetric.L2)).isEmpty();

        same.updateVectors("small", Map.of("a", new float[] {1, 0}, "b", new float[] {0, 1}, "absent", new float[] {1, 1}));

        Map<String, SearchHit> small = hitsById(same, "small", 2);
        assertThat(small.keySet()).containsExactlyInAnyOrder("a", "b");
        assertThat(small.get("a").vector()).containsExactly(1f, 0f);
        assertThat(small.get("b").metadata()).isEqualTo(Map.of("n", 2L, "s", "x"));
        assertThat(same.countRows()).isEqualTo(3);
        // The first column is untouched by the backfill.
        Map<String, SearchHit> first = hitsById(same, COLUMN, 4);
        before.forEach((id, hit) -> assertThat(first.get(id).vector()).isEqualTo(hit.vector()));

        // A fresh database sees both columns from disk.
        try (LanceDatabase other = newDatabase()) {
            LanceTable reopened = other.openTable("multi", List.of(VectorColumn.existing("small")), false);
            assertThat(reopened.vectorColumns()).isEqualTo(Map.of(COLUMN, 4, "small", 2));
            assertThat(hitsById(reopened, "small", 2).keySet()).containsExactlyInAnyOrder("a", "b");
        }
    }

    // --------------------------------------------------------------------------------------------------------

    private static Map<String, SearchHit> hitsById(LanceTable table, String column, int dim) {
        float[] query = new float[dim];
        query[0] = 1;
        return table.search(SearchQuery.nearest(column, query).limit(100).includeVector(true).build(), DistanceMetric.L2).stream()
                .collect(Collectors.toMap(SearchHit::id, h -> h, (x, y) -> x, TreeMap::new));
    }

    private Set<String> dataFiles(String table) throws IOException {
        Path data = dir.resolve(table + ".lance").resolve("data");
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(Files::isRegularFile).map(p -> data.relativize(p).toString()).collect(Collectors.toSet());
        }
    }
}
