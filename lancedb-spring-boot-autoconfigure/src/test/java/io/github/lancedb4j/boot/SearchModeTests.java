package io.github.lancedb4j.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import io.github.lancedb4j.springai.LanceDbDocumentRetriever;
import io.github.lancedb4j.springai.LanceDbVectorStore;
import io.github.lancedb4j.store.FullTextIndexSpec;
import io.github.lancedb4j.store.SearchMode;
import io.github.lancedb4j.testing.S3ProxyServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code lancedb.search.*} and {@code lancedb.full-text.*}: search modes, full-text settings and retriever beans. */
class SearchModeTests {

    static final String CODE = "KB-7731: rotate the webhook signing secret after it leaked";

    @TempDir
    Path dir;

    @Test
    void vectorModeByDefaultWithoutAFullTextIndexButWithRetrievers() {
        Runners.runner(dir).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(LanceDbVectorStore.class).searchMode()).isEqualTo(SearchMode.VECTOR);
            assertThat(context.getBean(LanceDbEmbeddingStore.class).searchMode()).isEqualTo(SearchMode.VECTOR);
            assertThat(context.getBean(LanceDbVectorStore.class).fullTextIndex()).isEmpty();
            assertThat(context).hasSingleBean(DocumentRetriever.class).hasBean("lancedbDocumentRetriever");
            assertThat(context).hasSingleBean(ContentRetriever.class).hasBean("lancedbContentRetriever");
            assertThat(context.getBean(LanceDbDocumentRetriever.class).searchMode()).isEqualTo(SearchMode.VECTOR);
        });
    }

    @Test
    void hybridModeFindsALiteralCodeThroughTheStoresAndBothRetrievers() {
        hybridEndToEnd(Runners.runner(dir));
    }

    @Test
    void hybridModeOnS3() {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            s3.createBucket("rag");
            List<String> properties = new ArrayList<>(List.of("lancedb.uri=" + s3.uri("rag", "lancedb")));
            s3.storageOptions().forEach((k, v) -> properties.add("lancedb.storage-options." + k + "=" + v));
            hybridEndToEnd(Runners.runner(dir).withPropertyValues(properties.toArray(String[]::new)));
        }
    }

    private static void hybridEndToEnd(ApplicationContextRunner runner) {
        runner.withPropertyValues("lancedb.search.mode=hybrid", "lancedb.search.top-k=3",
                "lancedb.full-text.with-positions=true").run(context -> {
                    assertThat(context).hasNotFailed();
                    LanceDbVectorStore store = context.getBean(LanceDbVectorStore.class);
                    assertThat(store.searchMode()).isEqualTo(SearchMode.HYBRID);
                    assertThat(context.getBean(LanceDbEmbeddingStore.class).searchMode()).isEqualTo(SearchMode.HYBRID);
                    List<Document> documents = new ArrayList<>();
                    String[] codes = {"KB7713", "KB7371", "KB1773", "KB7317", "KB3771", "KB7137"};
                    String[] topics = {"reset your password", "change the billing address", "export your invoices",
                        "invite a team member", "enable two-factor sign-in", "delete your account"};
                    for (int i = 0; i < codes.length; i++) {
                        documents.add(new Document("d" + i, codes[i] + ": how to " + topics[i], Map.of("n", i)));
                    }
                    documents.add(new Document("code", CODE, Map.of("n", 100)));
                    store.add(documents);
                    assertThat(store.fullTextIndex()).get()
                            .satisfies(i -> assertThat(i.spec().withPositions()).isTrue());

                    String question = "Which help article covers KB-7731?";
                    assertThat(store.similaritySearch(SearchRequest.builder().query(question).topK(3).build()))
                            .extracting(Document::getText).contains(CODE);
                    assertThat(context.getBean(DocumentRetriever.class).retrieve(new Query(question)))
                            .hasSize(3).extracting(Document::getText).contains(CODE);
                    List<Content> contents = context.getBean(ContentRetriever.class)
                            .retrieve(dev.langchain4j.rag.query.Query.from(question));
                    assertThat(contents).hasSize(3).extracting(c -> c.textSegment().text()).contains(CODE);
                });
    }

    @Test
    void fullTextSettingsAndNamedStoresWithTheirOwnModes() {
        Runners.runner(dir).withPropertyValues(
                "lancedb.full-text.language=german", "lancedb.full-text.stem=false",
                "lancedb.stores.words.table=words", "lancedb.stores.words.search.mode=full-text",
                "lancedb.stores.words.full-text.tokenizer=ngram", "lancedb.stores.words.full-text.remove-stop-words=false",
                "lancedb.stores.meaning.table=meaning",
                "lancedb.stores.both.table=both", "lancedb.stores.both.search.mode=hybrid").run(context -> {
                    assertThat(context).hasNotFailed();
                    LanceDbVectorStore words = context.getBean("wordsVectorStore", LanceDbVectorStore.class);
                    assertThat(words.searchMode()).isEqualTo(SearchMode.FULL_TEXT);
                    assertThat(words.fullTextIndex()).get().satisfies(i -> assertThat(i.spec()).isEqualTo(
                            FullTextIndexSpec.defaults().withLanguage(FullTextIndexSpec.Language.GERMAN)
                                    .withStemming(false).withTokenizer(FullTextIndexSpec.Tokenizer.NGRAM)
                                    .withStopWords(false)));
                    assertThat(context.getBean("meaningVectorStore", LanceDbVectorStore.class).fullTextIndex())
                            .isEmpty();
                    assertThat(context.getBean("bothEmbeddingStore", LanceDbEmbeddingStore.class).searchMode())
                            .isEqualTo(SearchMode.HYBRID);
                    assertThat(context.getBean("bothDocumentRetriever", LanceDbDocumentRetriever.class).searchMode())
                            .isEqualTo(SearchMode.HYBRID);
                    assertThat(context).hasBean("wordsContentRetriever").hasBean("meaningContentRetriever");
                });
    }

    @Test
    void badSettingsFailAtStartupSayingWhatToFix() {
        Runners.runner(dir).withPropertyValues("lancedb.search.mode=hybrid", "lancedb.full-text.language=turkish")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("stop-word"));
        Runners.runner(dir).withPropertyValues("lancedb.search.vector-weight=0", "lancedb.search.text-weight=0")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("at least one weight"));
        Runners.runner(dir).withPropertyValues("lancedb.search.mode=semantic")
                .run(context -> assertThat(context).hasFailed());
    }
}
