package io.github.lancedb4j.boot.actuator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.github.lancedb4j.boot.LanceDbAutoConfiguration;
import io.github.lancedb4j.boot.LanceDbEmbeddingModelAutoConfiguration;
import io.github.lancedb4j.boot.springai.LanceDbSpringAiAutoConfiguration;
import io.github.lancedb4j.springai.LanceDbVectorStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.actuate.web.ServletManagementContextAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code lancedb} Actuator endpoint over HTTP (MockMvc on Actuator's Spring MVC endpoint mapping), on a real
 * table with the in-process model: what it reports, and its write operations — refused while the endpoint's access
 * is read-only (the default), carried out when it is unrestricted.
 */
class LanceDbEndpointTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private WebApplicationContextRunner runner(String... properties) {
        return new WebApplicationContextRunner()
                // As SpringApplication does: lenient enum binding, so access=unrestricted reads as in an application.
                .withInitializer(c -> c.getEnvironment().setConversionService(new ApplicationConversionService()))
                .withClassLoader(new FilteredClassLoader("dev.langchain4j.store", "io.github.lancedb4j.langchain4j"))
                .withConfiguration(AutoConfigurations.of(LanceDbAutoConfiguration.class,
                        LanceDbEmbeddingModelAutoConfiguration.class, LanceDbSpringAiAutoConfiguration.class,
                        LanceDbActuatorAutoConfiguration.class, EndpointAutoConfiguration.class,
                        WebEndpointAutoConfiguration.class, JacksonEndpointAutoConfiguration.class,
                        ManagementContextAutoConfiguration.class, ServletManagementContextAutoConfiguration.class,
                        JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
                        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class))
                .withPropertyValues("lancedb.uri=" + dir.resolve("db"),
                        "management.endpoints.web.exposure.include=health,lancedb")
                .withPropertyValues(properties);
    }

    private static MockMvc mvc(AssertableWebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context).build();
    }

    private static JsonNode getJson(MockMvc mvc, String path) throws Exception {
        MvcResult result = mvc.perform(get(path)).andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
        return JSON.readTree(result.getResponse().getContentAsString());
    }

    private static MvcResult postJson(MockMvc mvc, String path, Map<String, Object> body) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(body))).andReturn();
    }

    private static void addTwoDocuments(VectorStore store) {
        store.add(List.of(new Document("d1", "Lance stores vectors on object storage", Map.of("k", "a")),
                new Document("d2", "Bananas are yellow fruit", Map.of("k", "b"))));
    }

    @Test
    void the_endpoint_reports_each_store_with_versions_tags_indexes_and_maintenance() {
        runner().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(LanceDbEndpoint.class);
            LanceDbVectorStore store = context.getBean(LanceDbVectorStore.class);
            addTwoDocuments(store);
            store.tag("release-1");

            MockMvc mvc = mvc(context);
            JsonNode all = getJson(mvc, "/actuator/lancedb");
            JsonNode s = all.get("stores").get("default");
            assertThat(s.get("table").asText()).isEqualTo("documents");
            assertThat(s.get("location").asText()).endsWith("documents.lance");
            assertThat(s.get("rows").asLong()).isEqualTo(2);
            assertThat(s.get("version").asLong()).isEqualTo(store.version());
            assertThat(s.get("serving").get("readOnly").asBoolean()).isFalse();
            assertThat(s.get("versionCount").asInt()).isEqualTo((int) store.version());
            JsonNode last = s.get("versions").get(s.get("versions").size() - 1);
            assertThat(last.get("version").asLong()).isEqualTo(store.version());
            assertThat(last.get("operation").asText()).isEqualTo("Update");
            assertThat(last.get("tags").get(0).asText()).isEqualTo("release-1");
            assertThat(last.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(s.get("tags").get(0).get("name").asText()).isEqualTo("release-1");
            assertThat(s.get("indexes").isArray()).isTrue();
            assertThat(s.get("searchMode").asText()).isEqualTo("VECTOR");
            assertThat(s.path("fullTextIndex").isMissingNode() || s.get("fullTextIndex").isNull())
                    .as("vector mode: no full-text index").isTrue();
            assertThat(s.get("maintenance").get("consecutiveFailures").asInt()).isZero();
            assertThat(s.get("maintenance").has("lastRun")).isTrue();

            JsonNode one = getJson(mvc, "/actuator/lancedb/default?versions=1");
            assertThat(one.get("versions")).hasSize(1);
            assertThat(mvc.perform(get("/actuator/lancedb/nope")).andReturn().getResponse().getStatus()).isEqualTo(404);
        });
    }

    @Test
    void write_operations_are_refused_while_the_endpoint_access_is_read_only() {
        runner().run(context -> {
            LanceDbVectorStore store = context.getBean(LanceDbVectorStore.class);
            addTwoDocuments(store);
            MvcResult tag = postJson(mvc(context), "/actuator/lancedb/default/tag", Map.of("name", "sneaky"));
            assertThat(tag.getResponse().getStatus()).isBetween(400, 499);
            assertThat(store.tags()).isEmpty();
            MvcResult cleanup = postJson(mvc(context), "/actuator/lancedb/default/cleanup", Map.of("olderThan", "0s"));
            assertThat(cleanup.getResponse().getStatus()).isBetween(400, 499);
            assertThat(store.versions()).hasSize((int) store.version());
        });
    }

    @Test
    void with_unrestricted_access_tag_restore_optimize_compact_cleanup_and_refresh_work() {
        runner("management.endpoint.lancedb.access=unrestricted").run(context -> {
            LanceDbVectorStore store = context.getBean(LanceDbVectorStore.class);
            MockMvc mvc = mvc(context);
            addTwoDocuments(store);

            MvcResult tag = postJson(mvc, "/actuator/lancedb/default/tag", Map.of("name", "good"));
            assertThat(tag.getResponse().getStatus()).as(tag.getResponse().getContentAsString()).isEqualTo(200);
            long good = JSON.readTree(tag.getResponse().getContentAsString()).get("tag").get("version").asLong();
            assertThat(good).isEqualTo(store.version());

            store.delete(List.of("d1", "d2"));
            store.add(List.of(new Document("junk", "A bad ingest", Map.of())));
            long bad = store.version();
            MvcResult restore = postJson(mvc, "/actuator/lancedb/default/restore", Map.of("version", "good"));
            assertThat(restore.getResponse().getStatus()).as(restore.getResponse().getContentAsString())
                    .isEqualTo(200);
            assertThat(JSON.readTree(restore.getResponse().getContentAsString()).get("version").asLong())
                    .isEqualTo(bad + 1);
            assertThat(store.similaritySearch(SearchRequest.builder().query("yellow fruit").topK(5).build()))
                    .extracting(Document::getId).containsExactlyInAnyOrder("d1", "d2");

            MvcResult cleanup = postJson(mvc, "/actuator/lancedb/default/cleanup", Map.of("olderThan", "0s"));
            JsonNode cleaned = JSON.readTree(cleanup.getResponse().getContentAsString());
            assertThat(cleanup.getResponse().getStatus()).as(cleaned.toString()).isEqualTo(200);
            assertThat(cleaned.get("versionsRemoved").asLong()).isPositive();
            assertThat(store.versions()).extracting(v -> v.version()).contains(good, bad + 1).doesNotContain(bad);

            for (String operation : List.of("optimize", "compact", "maintain", "refresh")) {
                MvcResult r = postJson(mvc, "/actuator/lancedb/default/" + operation, Map.of());
                assertThat(r.getResponse().getStatus()).as(operation + ": " + r.getResponse().getContentAsString())
                        .isEqualTo(200);
            }
            MvcResult move = postJson(mvc, "/actuator/lancedb/default/tag",
                    Map.of("name", "good", "version", Long.toString(store.version()), "move", true));
            assertThat(move.getResponse().getStatus()).isEqualTo(200);
            assertThat(store.tags()).singleElement().satisfies(t -> assertThat(t.version()).isEqualTo(store.version()));

            MvcResult missing = postJson(mvc, "/actuator/lancedb/default/restore", Map.of("version", "nope"));
            assertThat(missing.getResponse().getStatus()).isEqualTo(400);
            assertThat(missing.getResponse().getContentAsString()).contains("has no tag 'nope'");
            MvcResult noName = postJson(mvc, "/actuator/lancedb/default/tag", Map.of());
            assertThat(noName.getResponse().getContentAsString()).contains("Give 'name'");
            MvcResult unknown = postJson(mvc, "/actuator/lancedb/default/explode", Map.of());
            assertThat(unknown.getResponse().getStatus()).isEqualTo(400);
            assertThat(unknown.getResponse().getContentAsString()).contains("Unknown operation 'explode'");
            MvcResult untag = postJson(mvc, "/actuator/lancedb/default/untag", Map.of("name", "good"));
            assertThat(untag.getResponse().getStatus()).isEqualTo(200);
            assertThat(store.tags()).isEmpty();
            assertThat(postJson(mvc, "/actuator/lancedb/nope/tag", Map.of("name", "x")).getResponse().getStatus())
                    .isEqualTo(404);
        });
    }

    @Test
    void a_store_served_as_of_a_tag_is_reported_and_follows_the_tag_moved_through_the_endpoint() {
        runner().run(context -> {
            LanceDbVectorStore store = context.getBean(LanceDbVectorStore.class);
            addTwoDocuments(store);
            store.tag("prod");
            store.add(List.of(new Document("d3", "A third document, not released yet", Map.of())));
        });
        String[] servingHybrid = {"lancedb.read-version=prod", "lancedb.search.mode=hybrid",
            "management.endpoint.lancedb.access=unrestricted"};
        runner(servingHybrid).run(context -> {
            assertThat(context).hasNotFailed();
            LanceDbVectorStore served = context.getBean(LanceDbVectorStore.class);
            assertThat(served.isReadOnly()).isTrue();
            assertThat(served.searchMode()).hasToString("HYBRID");
            MockMvc mvc = mvc(context);
            JsonNode s = getJson(mvc, "/actuator/lancedb").get("stores").get("default");
            assertThat(s.get("searchMode").asText()).isEqualTo("HYBRID");
            // The live table gets the full-text index of a text mode; the tagged version, older, has none.
            assertThat(s.get("fullTextIndex").get("indexedRows").asLong()).isEqualTo(3);
            assertThat(served.fullTextIndex()).isEmpty();
            MvcResult optimize = postJson(mvc, "/actuator/lancedb/default/optimize", Map.of());
            assertThat(optimize.getResponse().getStatus()).isEqualTo(200);
            assertThat(JSON.readTree(optimize.getResponse().getContentAsString()).get("fullTextIndex")
                    .get("unindexedRows").asLong()).isZero();
            assertThat(s.get("rows").asLong()).isEqualTo(3);
            assertThat(s.get("serving").get("readOnly").asBoolean()).isTrue();
            assertThat(s.get("serving").get("tag").asText()).isEqualTo("prod");
            assertThat(s.get("serving").get("rows").asLong()).isEqualTo(2);

            MvcResult move = postJson(mvc, "/actuator/lancedb/default/tag", Map.of("name", "prod", "move", true));
            assertThat(move.getResponse().getStatus()).as(move.getResponse().getContentAsString()).isEqualTo(200);
            JsonNode after = getJson(mvc, "/actuator/lancedb/default").get("serving");
            assertThat(after.get("rows").asLong()).isEqualTo(3);
            assertThat(served.similaritySearch(SearchRequest.builder().query("third document").topK(3).build()))
                    .extracting(Document::getId).contains("d3");
        });
    }
}
