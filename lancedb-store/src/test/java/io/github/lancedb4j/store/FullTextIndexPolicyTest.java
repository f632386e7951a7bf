package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lance.Dataset;
import org.lance.index.IndexOptions;
import org.lance.index.IndexParams;
import org.lance.index.IndexType;
import org.lance.index.scalar.InvertedIndexParams;

/** The full-text index policy: who builds the index on {@code text}, when, and with what settings. */
class FullTextIndexPolicyTest extends RealTableTestBase {

    static final String COLUMN = "vector";

    LanceTable table;
    int nextId;

    @BeforeEach
    void openTable() {
        table = db.openTable("docs", List.of(VectorColumn.of(COLUMN, 4)), true);
    }

    @Test
    void autoBuildsTheIndexOnAnEmptyTableAtOnceSoTheFirstRowsAreMatchedWithItsTokenizer() {
        table.indexes().fullTextIndexPolicy(IndexPolicy.Mode.AUTO, FullTextIndexSpec.defaults());

        assertThat(table.indexes().fullTextIndex()).get().satisfies(i -> {
            assertThat(i.name()).isEqualTo("text_fts");
            assertThat(i.spec()).isEqualTo(FullTextIndexSpec.defaults());
            assertThat(i.indexedRows()).isZero();
        });
        table.append(List.of(row("Brown Bears in the Café")));
        assertThat(ids("brown bear cafe")).containsExactly("r0");
    }

    @Test
    void autoFoldsAppendedRowsInOnceThereAreEnough() {
        table.indexes().fullTextIndexPolicy(IndexPolicy.Mode.AUTO, FullTextIndexSpec.defaults());
        append(500);
        Thread.yield();
        append(700); // 1,200 unindexed rows: more than 1,000 and 10 % of the (0) indexed ones

        FullTextIndexInfo folded = awaitIndex(i -> i.unindexedRows() == 0 && i.indexedRows() == 1_200);
        assertThat(folded.name()).isEqualTo("text_fts");
        assertThat(ids("w1199")).containsExactly("r1199");
    }

    @Test
    void autoRebuildsAnIndexWhoseSettingsDiffer() {
        table.indexes().fullTextIndexPolicy(IndexPolicy.Mode.AUTO, FullTextIndexSpec.defaults());
        append(50);

        table.indexes().fullTextIndexPolicy(IndexPolicy.Mode.AUTO, FullTextIndexSpec.defaults().withStemming(false));

        assertThat(table.indexes().fullTextIndex()).get().satisfies(i -> {
            assertThat(i.spec().stem()).isFalse();
            assertThat(i.indexedRows()).isEqualTo(50);
        });
    }

    @Test
    void autoBuildsInTheBackgroundOnALargerTable() {
        append(10_001);
        table.indexes().fullTextIndexPolicy(IndexPolicy.Mode.AUTO, FullTextIndexSpec.defaults());

        awaitIndex(i -> i.indexedRows() == 10_001);
        assertThat(ids("w10000")).containsExactly("r10000");
    }

    @Test
    void anIndexBuiltByLancedbSparkIsKeptAsItIs() {
        append(20);
        // What lancedb-spark's IndexBuilder builds.
        table.withDataset(ds -> buildWithLance(ds, "text_fts", InvertedIndexParams.builder().baseTokenizer("simple")
                .language("English").withPosition(false).lowerCase(true).stem(true).removeStopWords(true)
                .asciiFolding(true).build()));
        table.refresh();
        long version = table.version();

        table.indexes().fullTextIndexPolicy(IndexPolicy.Mode.AUTO, FullTextIndexSpec.defaults());

        assertThat(table.version()).as("no rebuild").isEqualTo(version);
        assertThat(table.indexes().fullTextIndex()).get().extracting(FullTextIndexInfo::spec).isEqualTo(FullTextIndexSpec.defaults());
    }

    @Test
    void anotherSdksIndexWithOtherSettingsIsReplaced() {
        append(20);
        table.withDataset(ds -> buildWithLance(ds, "text_idx", InvertedIndexParams.builder().baseTokenizer("simple")
                .language("English").stem(false).build()));
        table.refresh();
        assertThat(table.indexes().fullTextIndex()).get().extracting(FullTextIndexInfo::name).isEqualTo("text_idx");

        table.indexes().fullTextIndexPolicy(IndexPolicy.Mode.AUTO, FullTextIndexSpec.defaults());

        assertThat(table.indexes().fullTextIndex()).get().satisfies(i -> {
            assertThat(i.name()).isEqualTo("text_fts");
            assertThat(i.spec()).isEqualTo(FullTextIndexSpec.defaults());
        });
        assertThat(table.withDataset(Dataset::listIndexes)).doesNotContain("text_idx");
    }

    @Test
    void explicitNeverBuildsByItself() throws InterruptedException {
        table.indexes().fullTextIndexPolicy(IndexPolicy.Mode.EXPLICIT, FullTextIndexSpec.defaults());
        append(1_500);
        Thread.sleep(500);
        assertThat(table.indexes().fullTextIndex()).isEmpty();
        assertThat(table.indexes().createFullTextIndex(FullTextIndexSpec.defaults()).indexedRows()).isEqualTo(1_500);
    }

    @Test
    void aColumnBindingManagesTheFullTextIndexUnderItsIndexPolicy() {
        try (ColumnBinding binding = ColumnBinding.builder().database(db).table("bound").vectorColumn(COLUMN)
                .dimension(4).fullTextIndex(FullTextIndexSpec.defaults().withPositions(true)).open()) {
            assertThat(binding.table().indexes().fullTextIndexMode()).isEqualTo(IndexPolicy.Mode.AUTO);
            assertThat(binding.table().indexes().fullTextIndex()).get().extracting(i -> i.spec().withPositions())
                    .isEqualTo(true);
        }
        try (ColumnBinding binding = ColumnBinding.builder().database(db).table("plain").vectorColumn(COLUMN)
                .dimension(4).open()) {
            assertThat(binding.table().indexes().fullTextIndexMode()).isNull();
            assertThat(binding.table().indexes().fullTextIndex()).isEmpty();
        }
    }

    private static Void buildWithLance(Dataset handle, String name, org.lance.index.scalar.ScalarIndexParams params) {
        try (Dataset ds = Dataset.open().uri(handle.uri()).build()) {
            ds.createIndex(IndexOptions.builder(List.of("text"), IndexType.INVERTED,
                    IndexParams.builder().setScalarIndexParams(params).build()).withIndexName(name).build());
        }
        return null;
    }

    private List<String> ids(String text) {
        return table.search(SearchQuery.fullText(text).limit(10).build(), DistanceMetric.COSINE).stream()
                .map(SearchHit::id).toList();
    }

    private FullTextIndexInfo awaitIndex(Predicate<FullTextIndexInfo> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<FullTextIndexInfo> index = table.indexes().fullTextIndex();
            if (index.isPresent() && condition.test(index.get())) {
                return index.get();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the full-text index never reached the expected state; it is " + table.indexes().fullTextIndex());
    }

    private void append(int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = nextId;
            rows.add(Row.of("r" + id, "row w" + id + " of the table", Map.of(), COLUMN, new float[] {1, id, 0, 0}));
            nextId++;
        }
        table.append(rows);
    }

    private Row row(String text) {
        return Row.of("r" + nextId++, text, Map.of(), COLUMN, new float[] {1, 0, 0, 0});
    }
}
