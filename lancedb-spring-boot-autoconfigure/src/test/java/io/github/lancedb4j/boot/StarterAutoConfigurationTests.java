package io.github.lancedb4j.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import io.github.lancedb4j.springai.LanceDbVectorStore;
import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.ReadConsistency;
import io.github.lancedb4j.store.LanceDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class StarterAutoConfigurationTests {

    @TempDir
    Path dir;

    @Test
    void both_frameworks_share_one_table_with_the_local_model_by_default() {
        Runners.runner(dir).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(LanceDatabase.class);
            assertThat(context).hasSingleBean(VectorStore.class).hasBean("lancedbVectorStore");
            assertThat(context).hasSingleBean(EmbeddingStore.class).hasBean("lancedbEmbeddingStore");
            assertThat(context).hasBean("lancedbEmbeddingModel").hasBean("lancedbSpringAiEmbeddingModel");

            var lc4jModel = context.getBean(dev.langchain4j.model.embedding.EmbeddingModel.class);
            assertThat(lc4jModel.dimension()).isEqualTo(384);
            LanceDbEmbeddingStore lc4jStore = context.getBean(LanceDbEmbeddingStore.class);
            assertThat(lc4jStore.table().name()).isEqualTo("documents");
            assertThat(lc4jStore.vectorColumn().dimension()).isEqualTo(384);

            VectorStore vectorStore = context.getBean(VectorStore.class);
            vectorStore.add(List.of(new Document("d1", "Lance stores vectors on object storage", Map.of("k", "a")),
                    new Document("d2", "Bananas are yellow fruit", Map.of("k", "b"))));
            List<Document> hits = vectorStore.similaritySearch(
                    SearchRequest.builder().query("where are vectors stored?").topK(1).build());
            assertThat(hits).extracting(Document::getId).containsExactly("d1");

            // The LangChain4j store sees the Spring AI store's rows: same table, same column, same model.
            var matches = lc4jStore.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(lc4jModel.embed("yellow fruit").content()).maxResults(1).build()).matches();
            assertThat(matches).singleElement().satisfies(m -> assertThat(m.embeddingId()).isEqualTo("d2"));
        });
    }

    @Test
    void spring_ai_alone() {
        Runners.runner(dir).withClassLoader(Runners.WITHOUT_LANGCHAIN4J).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(VectorStore.class);
            assertThat(context).doesNotHaveBean("lancedbEmbeddingStore");
            assertThat(context).hasSingleBean(org.springframework.ai.embedding.EmbeddingModel.class);
        });
    }

    @Test
    void langchain4j_alone() {
        Runners.runner(dir).withClassLoader(Runners.WITHOUT_SPRING_AI).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(EmbeddingStore.class);
            assertThat(context).hasSingleBean(dev.langchain4j.model.embedding.EmbeddingModel.class);
            assertThat(context).doesNotHaveBean("lancedbVectorStore").doesNotHaveBean("lancedbSpringAiEmbeddingModel");
        });
    }

    @Test
    void vector_store_type_none_turns_the_spring_ai_store_off_only() {
        Runners.runner(dir).withPropertyValues("spring.ai.vectorstore.type=none").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(VectorStore.class);
            assertThat(context).hasSingleBean(EmbeddingStore.class);
        });
        Runners.runner(dir).withPropertyValues("spring.ai.vectorstore.type=lancedb").run(context ->
                assertThat(context).hasSingleBean(VectorStore.class));
    }

    @Test
    void the_applications_own_beans_win() {
        Runners.runner(dir).withUserConfiguration(UserStores.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(VectorStore.class)).isSameAs(UserStores.VECTOR_STORE);
            assertThat(context.getBean(EmbeddingStore.class)).isSameAs(UserStores.EMBEDDING_STORE);
            assertThat(context).doesNotHaveBean("lancedbVectorStore").doesNotHaveBean("lancedbEmbeddingStore");
        });
        Runners.runner(dir).withUserConfiguration(UserModels.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean("lancedbEmbeddingModel").doesNotHaveBean("lancedbSpringAiEmbeddingModel");
            // The column takes the user's model's dimension, without any call to it.
            assertThat(context.getBean(LanceDbVectorStore.class).vectorColumn().dimension()).isEqualTo(8);
            assertThat(context.getBean(LanceDbEmbeddingStore.class).vectorColumn().dimension()).isEqualTo(8);
        });
        Runners.runner(dir).withBean("myDatabase", LanceDatabase.class, () -> LanceDatabase.connect(dir.resolve("mine").toString()))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(LanceDbEmbeddingStore.class).table().uri())
                            .startsWith(dir.resolve("mine").toString());
                });
    }

    @Test
    void properties_bind_and_secrets_stay_out_of_to_string() {
        Runners.runner(dir).withUserConfiguration(UserModels.class).withPropertyValues(
                "lancedb.table=docs", "lancedb.vector-column=emb", "lancedb.dimensions=8", "lancedb.distance=dot",
                "lancedb.initialize-schema=true", "lancedb.read-consistency=2s",
                "lancedb.storage-options.aws_secret_access_key=top-secret",
                "lancedb.embedding.holysheep.api-key=sk-very-secret", "lancedb.embedding.model=bge-m3",
                "lancedb.embedding.batch-size=7", "lancedb.embedding.timeout=5s", "lancedb.embedding.max-retries=1")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    LanceDbProperties p = context.getBean(LanceDbProperties.class);
                    assertThat(p.getTable()).isEqualTo("docs");
                    assertThat(p.getDistance()).isEqualTo(DistanceMetric.DOT);
                    assertThat(p.getReadConsistency()).isEqualTo(ReadConsistency.eventual(Duration.ofSeconds(2)));
                    assertThat(context.getBean(LanceDatabase.class).readConsistency())
                            .isEqualTo(ReadConsistency.eventual(Duration.ofSeconds(2)));
                    assertThat(p.getStorageOptions()).containsEntry("aws_secret_access_key", "top-secret");
                    assertThat(p.toString()).doesNotContain("top-secret").doesNotContain("sk-very-secret")
                            .contains("aws_secret_access_key");

                    StoreSettings s = StoreSettings.all(p).get(0);
                    assertThat(s.embedding().provider()).isEqualTo(EmbeddingProvider.HOLYSHEEP);
                    assertThat(s.embedding().baseUrl()).isEqualTo("https://api.holysheep.ai/v1");
                    assertThat(s.embedding().model()).isEqualTo("bge-m3");
                    assertThat(s.embedding().batchSize()).isEqualTo(7);
                    assertThat(s.embedding().encodingFormat()).isEqualTo("float");
                    assertThat(s.toString()).doesNotContain("sk-very-secret");
                    assertThat(context.getBean(LanceDatabase.class).toString()).doesNotContain("top-secret");

                    LanceDbVectorStore store = context.getBean(LanceDbVectorStore.class);
                    assertThat(store.table().name()).isEqualTo("docs");
                    assertThat(store.vectorColumn().name()).isEqualTo("emb");
                });
    }

    @Test
    void provider_defaults_follow_the_providers_key() {
        LanceDbProperties p = new LanceDbProperties();
        assertThat(StoreSettings.all(p).get(0).embedding().provider()).isEqualTo(EmbeddingProvider.LOCAL);
        p.getEmbedding().getHolysheep().setApiKey("k");
        assertThat(StoreSettings.all(p).get(0).embedding().provider()).isEqualTo(EmbeddingProvider.HOLYSHEEP);
        p.getEmbedding().setProvider(EmbeddingProvider.OPENAI);
        p.getEmbedding().getOpenai().setApiKey("k2");
        assertThat(StoreSettings.all(p).get(0).embedding().baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(StoreSettings.all(p).get(0).embedding().apiKey()).isEqualTo("k2");
    }

    @Test
    void named_stores_are_qualified_beans_over_columns_of_one_table() {
        Runners.runner(dir).withUserConfiguration(NeedsSmallAndLarge.class).withPropertyValues(
                "lancedb.table=documents",
                "lancedb.stores.small.vector-column=small",
                "lancedb.stores.small.embedding.provider=local",
                "lancedb.stores.large.vector-column=large",
                "lancedb.stores.large.dimensions=8",
                "lancedb.stores.large.distance=l2",
                "lancedb.stores.large.embedding.provider=openai",
                "lancedb.stores.large.embedding.api-key=sk-x",
                "lancedb.stores.large.embedding.dimensions=8").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean("lancedbVectorStore").doesNotHaveBean("lancedbEmbeddingStore");
            assertThat(context).hasBean("smallVectorStore").hasBean("largeVectorStore")
                    .hasBean("smallEmbeddingStore").hasBean("largeEmbeddingStore")
                    .hasBean("smallEmbeddingModel").hasBean("largeEmbeddingModel")
                    .hasBean("smallSpringAiEmbeddingModel").hasBean("largeSpringAiEmbeddingModel");
            NeedsSmallAndLarge injected = context.getBean(NeedsSmallAndLarge.class);
            assertThat(injected.small.table()).isSameAs(injected.large.table());
            assertThat(injected.small.vectorColumn().dimension()).isEqualTo(384);
            assertThat(injected.large.vectorColumn().dimension()).isEqualTo(8);
            assertThat(injected.large.distance()).isEqualTo(DistanceMetric.L2);
            assertThat(injected.smallVectors.vectorColumn().name()).isEqualTo("small");
            assertThat(injected.smallModel.dimension()).isEqualTo(384);
            assertThat(injected.small.table().vectorColumns()).containsEntry("small", 384).containsEntry("large", 8);
        });
    }

    @Test
    void a_named_bean_of_the_application_wins() {
        Runners.runner(dir).withPropertyValues("lancedb.stores.small.vector-column=small")
                .withBean("smallVectorStore", VectorStore.class, () -> UserStores.VECTOR_STORE)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean("smallVectorStore")).isSameAs(UserStores.VECTOR_STORE);
                    assertThat(context).hasBean("smallEmbeddingStore");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserStores {
        static final VectorStore VECTOR_STORE = org.springframework.ai.vectorstore.SimpleVectorStore
                .builder(new FakeSpringAiModel(8)).build();
        static final EmbeddingStore<TextSegment> EMBEDDING_STORE =
                new dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore<>();

        @Bean
        VectorStore myVectorStore() {
            return VECTOR_STORE;
        }

        @Bean
        EmbeddingStore<TextSegment> myEmbeddingStore() {
            return EMBEDDING_STORE;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserModels {
        @Bean
        org.springframework.ai.embedding.EmbeddingModel mySpringAiModel() {
            return new FakeSpringAiModel(8);
        }

        @Bean
        dev.langchain4j.model.embedding.EmbeddingModel myLangChain4jModel() {
            // Dimensions known: never called here.
            return dev.langchain4j.model.openai.OpenAiEmbeddingModel.builder()
                    .httpClientBuilder(dev.langchain4j.http.client.jdk.JdkHttpClient.builder())
                    .baseUrl("http://127.0.0.1:9/v1")
                    .apiKey("k").modelName("m").dimensions(8).build();
        }
    }

    static class NeedsSmallAndLarge {
        final LanceDbEmbeddingStore small;
        final LanceDbEmbeddingStore large;
        final LanceDbVectorStore smallVectors;
        final dev.langchain4j.model.embedding.EmbeddingModel smallModel;

        NeedsSmallAndLarge(@Qualifier("small") EmbeddingStore<TextSegment> small,
                @Qualifier("large") EmbeddingStore<TextSegment> large,
                @Qualifier("small") VectorStore smallVectors,
                @Qualifier("small") dev.langchain4j.model.embedding.EmbeddingModel smallModel) {
            this.small = (LanceDbEmbeddingStore) small;
            this.large = (LanceDbEmbeddingStore) large;
            this.smallVectors = (LanceDbVectorStore) smallVectors;
            this.smallModel = smallModel;
        }
    }
}
