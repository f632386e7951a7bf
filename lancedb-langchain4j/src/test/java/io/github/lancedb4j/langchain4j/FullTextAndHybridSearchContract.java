package io.github.lancedb4j.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import io.github.lancedb4j.store.FullTextIndexInfo;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.SearchMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Full-text and hybrid search through the LangChain4j store, with the real all-MiniLM-L6-v2 model: a literal code
 * that vector search misses, filters on both arms, hostile query text, rows added after the index, and what
 * {@code minScore} means in each mode. Run on a local table and on {@code s3://}.
 */
abstract class FullTextAndHybridSearchContract {

    static final String QUESTION = "Which help article covers KB-7731?";
    static final String CODE_ARTICLE = "KB-7731: rotate the webhook signing secret after it leaked";
    static final String CODE_ON_BILLING = "KB-7731 was also reported on the billing page";

    abstract LanceDatabase database();

    LanceDbEmbeddingStore store(SearchMode mode) {
        LanceDbEmbeddingStore store = LanceDbEmbeddingStore.builder().database(database())
                .tableName(TestDatabases.uniqueTableName()).dimension(384).searchMode(mode).build();
        List<TextSegment> segments = new ArrayList<>();
        // Articles with look-alike codes: an embedding barely tells KB-7731 from KB7713, BM25 matches it exactly.
        String[] topics = {"reset your password", "change the billing address", "export your invoices",
            "invite a team member", "enable two-factor sign-in", "delete your account", "change the plan",
            "connect a custom domain", "download the mobile app", "set up single sign-on"};
        String[] codes = {"KB7713", "KB7371", "KB1773", "KB7317", "KB3771", "KB7137", "KB1737", "KB7773",
            "KB7331", "KB7730"};
        for (int i = 0; i < topics.length; i++) {
            segments.add(TextSegment.from(codes[i] + ": how to " + topics[i],
                    Metadata.from(Map.of("section", i % 2 == 0 ? "account" : "billing", "n", i))));
        }
        segments.add(TextSegment.from(CODE_ARTICLE, Metadata.from(Map.of("section", "security", "n", 100))));
        segments.add(TextSegment.from(CODE_ON_BILLING,
                Metadata.from(Map.of("section", "billing", "n", 101))));
        add(store, segments);
        return store;
    }

    static void add(LanceDbEmbeddingStore store, List<TextSegment> segments) {
        List<Embedding> embeddings = TestDatabases.EMBEDDING_MODEL.embedAll(segments).content();
        store.addAll(embeddings, segments);
    }

    static List<EmbeddingMatch<TextSegment>> search(LanceDbEmbeddingStore store, String text, int max,
            double minScore, Filter filter) {
        return store.search(EmbeddingSearchRequest.builder()
                .query(text)
                .queryEmbedding(TestDatabases.EMBEDDING_MODEL.embed(text).content())
                .maxResults(max)
                .minScore(minScore)
                .filter(filter)
                .build()).matches();
    }

    static List<String> texts(List<EmbeddingMatch<TextSegment>> matches) {
        return matches.stream().map(m -> m.embedded().text()).toList();
    }

    @Test
    void aLiteralCodeIsFoundByFullTextAndHybridButMissedByVectorSearch() {
        LanceDbEmbeddingStore vector = store(SearchMode.VECTOR);
        LanceDbEmbeddingStore fullText = store(SearchMode.FULL_TEXT);
        LanceDbEmbeddingStore hybrid = store(SearchMode.HYBRID);

        assertThat(texts(search(vector, QUESTION, 3, 0, null))).doesNotContain(CODE_ARTICLE);
        assertThat(texts(search(fullText, QUESTION, 2, 0, null))).containsExactlyInAnyOrder(CODE_ARTICLE,
                CODE_ON_BILLING);
        assertThat(texts(search(hybrid, QUESTION, 3, 0, null))).contains(CODE_ARTICLE, CODE_ON_BILLING);
        assertThat(fullText.fullTextIndex()).isPresent();
        assertThat(vector.fullTextIndex()).as("a vector store leaves the full-text index alone").isEmpty();
    }

    @Test
    void embeddingStoreContentRetrieverPassesTheQuestionToTheHybridSearch() {
        LanceDbEmbeddingStore hybrid = store(SearchMode.HYBRID);
        EmbeddingStoreContentRetriever retriever = EmbeddingStoreContentRetriever.builder()
                .embeddingStore(hybrid).embeddingModel(TestDatabases.EMBEDDING_MODEL).maxResults(3).build();

        List<Content> contents = retriever.retrieve(Query.from(QUESTION));

        assertThat(contents).extracting(c -> c.textSegment().text()).contains(CODE_ARTICLE);
    }

    @Test
    void theFilterAppliesToBothArms() {
        LanceDbEmbeddingStore hybrid = store(SearchMode.HYBRID);
        Filter billing = metadataKey("section").isEqualTo("billing");

        List<EmbeddingMatch<TextSegment>> matches = search(hybrid, QUESTION, 4, 0, billing);

        assertThat(matches).hasSize(4).allSatisfy(m ->
                assertThat(m.embedded().metadata().getString("section")).isEqualTo("billing"));
        assertThat(texts(matches)).first().isEqualTo(CODE_ON_BILLING);
        assertThat(texts(matches)).doesNotContain(CODE_ARTICLE);
        assertThat(texts(search(store(SearchMode.FULL_TEXT), QUESTION, 4, 0, billing)))
                .containsExactly(CODE_ON_BILLING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"' OR 1=1 --", "\"KB-7731\" AND NOT billing", "KB-7731') OR true OR ('",
        "text:* -KB", "\\", "!!!", "日本語 😀 ünïcödé'ß", "nul\u0000byte KB-7731"})
    void aHostileQueryTextIsOnlyWords(String hostile) {
        LanceDbEmbeddingStore fullText = store(SearchMode.FULL_TEXT);
        LanceDbEmbeddingStore hybrid = store(SearchMode.HYBRID);

        List<EmbeddingMatch<TextSegment>> byText = search(fullText, hostile, 20, 0, null);
        List<EmbeddingMatch<TextSegment>> fused = search(hybrid, hostile, 20, 0, null);

        // Only rows sharing a word with the text, whatever its quotes and operators say.
        List<String> words = java.util.Arrays.stream(hostile.toLowerCase().split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty()).toList();
        assertThat(byText).allSatisfy(m -> assertThat(words)
                .anyMatch(w -> m.embedded().text().toLowerCase().contains(w)));
        assertThat(byText.size()).isLessThan(4);
        assertThat(fused).hasSize(12); // the vector arm ranks every row
        assertThat(fused).filteredOn(m -> !texts(byText).contains(m.embedded().text()))
                .allSatisfy(m -> assertThat(m.score()).isLessThanOrEqualTo(0.5));
        assertThat(hybrid.table().countRows()).isEqualTo(12);
    }

    @Test
    void rowsAddedAfterTheIndexIsBuiltAreFound() {
        LanceDbEmbeddingStore hybrid = store(SearchMode.HYBRID);
        FullTextIndexInfo before = hybrid.fullTextIndex().orElseThrow();

        add(hybrid, List.of(TextSegment.from("Release ZR-2048 removed the legacy export endpoint")));

        assertThat(hybrid.fullTextIndex().orElseThrow().unindexedRows()).isGreaterThan(before.unindexedRows());
        assertThat(texts(search(hybrid, "ZR-2048", 1, 0, null))).containsExactly(
                "Release ZR-2048 removed the legacy export endpoint");
        assertThat(texts(search(hybrid, "ZR-2048", 13, 0.51, null)))
                .containsExactly("Release ZR-2048 removed the legacy export endpoint");
        hybrid.optimizeIndex();
        assertThat(hybrid.fullTextIndex().orElseThrow().unindexedRows()).isZero();
        assertThat(texts(search(hybrid, "ZR-2048", 1, 0, null))).containsExactly(
                "Release ZR-2048 removed the legacy export endpoint");
    }

    @Test
    void minScoreIsRelativeToTheBestMatchInFullTextMode() {
        LanceDbEmbeddingStore fullText = store(SearchMode.FULL_TEXT);

        List<EmbeddingMatch<TextSegment>> all = search(fullText, "KB-7731 billing", 10, 0, null);

        assertThat(all).hasSizeGreaterThan(2);
        assertThat(all.get(0).score()).isEqualTo(1.0);
        assertThat(all).allSatisfy(m -> assertThat(m.score()).isBetween(0.0, 1.0));
        double second = all.get(1).score();
        assertThat(search(fullText, "KB-7731 billing", 10, 1.0, null)).hasSize(1);
        assertThat(search(fullText, "KB-7731 billing", 10, second, null)).hasSize(2);
        assertThat(search(fullText, "KB-7731 billing", 10, Math.nextUp(second), null)).hasSize(1);
    }

    @Test
    void minScoreAboveOneHalfKeepsRowsBothArmsFoundInHybridMode() {
        LanceDbEmbeddingStore hybrid = store(SearchMode.HYBRID);

        String question = "webhook secret leaked";
        List<EmbeddingMatch<TextSegment>> all = search(hybrid, question, 12, 0, null);
        List<EmbeddingMatch<TextSegment>> agreed = search(hybrid, question, 12, 0.51, null);

        assertThat(all).hasSize(12).allSatisfy(m -> assertThat(m.score()).isBetween(0.0, 1.0));
        assertThat(all).extracting(EmbeddingMatch::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        // One row holds the words; the vector arm ranks all 12 rows, so only that one is in both rankings.
        assertThat(texts(agreed)).containsExactly(CODE_ARTICLE);
        assertThat(all).filteredOn(m -> !m.embedded().text().equals(CODE_ARTICLE))
                .allSatisfy(m -> assertThat(m.score()).isLessThanOrEqualTo(0.5));
        assertThat(agreed).allSatisfy(m -> assertThat(m.embedding()).isNotNull());
    }

    @Test
    void theModeCanBeChosenPerSearchAndFullTextNeedsTheQueryText() {
        LanceDbEmbeddingStore store = store(SearchMode.VECTOR);
        EmbeddingSearchRequest withText = EmbeddingSearchRequest.builder().query(QUESTION)
                .queryEmbedding(TestDatabases.EMBEDDING_MODEL.embed(QUESTION).content()).maxResults(1).build();
        EmbeddingSearchRequest withoutText = EmbeddingSearchRequest.builder()
                .queryEmbedding(TestDatabases.EMBEDDING_MODEL.embed(QUESTION).content()).maxResults(1).build();

        assertThat(store.search(withText, SearchMode.FULL_TEXT, null).matches()).extracting(m -> m.embedded().text())
                .singleElement().isIn(CODE_ARTICLE, CODE_ON_BILLING);
        assertThat(store.search(withText, SearchMode.FULL_TEXT, null).matches().get(0).embedding())
                .as("full-text hits carry the store's vector").isNotNull();
        assertThatThrownBy(() -> store.search(withoutText, SearchMode.FULL_TEXT, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query text");
        assertThat(store.search(withoutText, SearchMode.HYBRID, null).matches()).hasSize(1);
    }
}
