package io.github.lancedb4j.samples.springai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The offline default: no API key (even if the environment has one), the in-process embedding model, the bundled
 * documents ingested into an empty table; {@code /ask} is off with a clear message and the page hides the ask box.
 */
// Selenium warns that it has no CDP bindings for this Chromium version; the tests do not use CDP.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.org.openqa.selenium=error")
class WithoutChatModelTest {

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lancedb.uri", () -> data.resolve("lancedb").toString());
        registry.add("sample.chat.api-key", () -> "");   // whatever HOLYSHEEP_API_KEY says
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void the_bundled_documents_are_searchable_and_ask_is_off() {
        Api api = new Api(port);
        assertThat(context.getBeansOfType(ChatModel.class)).isEmpty();

        Api.Response config = api.get("/api/config");
        assertThat(config.get("rows").asLong()).isEqualTo(5);
        assertThat(config.get("askEnabled").asBoolean()).isFalse();
        assertThat(config.get("askDisabledReason").asString()).contains("sample.chat.api-key");

        Api.Response hits = api.search("Why does the sea rise and fall twice a day?", 1, null);
        assertThat(hits.json().get(0).get("metadata").get("source").asString()).isEqualTo("tides.md");

        Api.Response ask = api.postJson("/ask", Map.of("question", "Why are there tides?"));
        assertThat(ask.status()).isEqualTo(503);
        assertThat(ask.get("detail").asString()).contains("No chat model is configured").contains("sample.chat.api-key");
    }

    @Test
    void the_page_hides_the_ask_box() {
        try (HeadlessChromium browser = HeadlessChromium.startOrSkip()) {
            browser.driver.get("http://127.0.0.1:" + port + "/");
            browser.waitUpTo(Duration.ofSeconds(20)).until(d -> "true".equals(
                    d.findElement(By.tagName("body")).getAttribute("data-ready")));
            assertThat(browser.driver.findElement(By.id("ask-section")).isDisplayed()).isFalse();
            assertThat(browser.driver.findElement(By.id("ask-disabled")).getText())
                    .contains("Ask is off").contains("sample.chat.api-key");
            assertThat(browser.driver.findElement(By.id("status")).getText()).contains("no chat model");
        }
    }
}
