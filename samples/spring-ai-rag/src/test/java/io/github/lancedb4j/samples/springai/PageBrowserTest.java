package io.github.lancedb4j.samples.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.testing.OpenAiCompatibleServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The page at {@code /} end to end in headless Chromium: the bundled sample documents in a fresh table, a search
 * with score, source and metadata, a filter error, text that looks like markup shown as text, and a question
 * answered by the chat model (an OpenAI-compatible server on 127.0.0.1). Leaves {@code target/page.png}.
 * Skipped, with the reason, when Chromium or chromedriver is not installed.
 */
// Selenium warns that it has no CDP bindings for this Chromium version; the tests do not use CDP.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.org.openqa.selenium=error")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)   // the screenshot first, before the markup document exists
class PageBrowserTest {

    static final OpenAiCompatibleServer CHAT = OpenAiCompatibleServer.start().requireApiKey("test-key");
    static final String REPLY = "Perseverance carried the Ingenuity helicopter to Mars in 2021 [1].";

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lancedb.uri", () -> data.resolve("lancedb").toString());
        registry.add("sample.sample-documents", () -> "true");
        registry.add("sample.chat.api-key", () -> "test-key");
        registry.add("sample.chat.base-url", CHAT::baseUrl);
        registry.add("sample.chat.model", () -> "gpt-4o-mini");
    }

    @AfterAll
    static void stopChatServer() {
        CHAT.close();
    }

    @LocalServerPort
    int port;
    SamplePage page;
    HeadlessChromium browser;

    @BeforeEach
    void openPage() {
        page = SamplePage.open(port);
        browser = page.browser;
    }

    @AfterEach
    void closeBrowser() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    @Order(1)
    void search_shows_score_source_and_metadata_and_ask_shows_the_answer() {
        assertThat(text("status")).contains("table spring-ai-rag").contains("5 rows")
                .contains("chat: gpt-4o-mini at " + CHAT.baseUrl());
        assertThat(byId("ask-section").isDisplayed()).isTrue();
        assertThat(byId("ask-disabled").isDisplayed()).isFalse();

        // A filter that does not parse: the parser's message on the page, no results.
        search("rover", "topic == space");
        browser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(
                By.id("search-error")));
        assertThat(text("search-error")).contains("not a Spring AI filter expression").contains("Line: 1:");

        // A filter that parses: only cooking documents.
        search("How long does it take?", "topic == 'cooking'");
        List<WebElement> cooking = waitForResults();
        assertThat(cooking).extracting(r -> r.findElement(By.className("source")).getText())
                .containsExactlyInAnyOrder("sourdough.md", "coffee.md");
        assertThat(byId("search-error").isDisplayed()).isFalse();

        // The final state, which the screenshot shows: a search, then a question.
        search("Which rover carried a helicopter?", "");
        List<WebElement> results = waitForResults();
        assertThat(results).hasSize(5);   // k = 5 of the 5 bundled documents: the default threshold accepts all
        WebElement best = results.get(0);
        assertThat(best.findElement(By.className("source")).getText()).isEqualTo("mars-rovers.md");
        assertThat(best.findElement(By.className("score")).getText()).matches("0\\.\\d{3}");
        assertThat(best.findElement(By.className("text")).getText()).contains("Ingenuity helicopter");
        assertThat(metadata(best)).containsEntry("topic", "space").containsEntry("year", "2021")
                .containsEntry("source", "mars-rovers.md");
        double first = Double.parseDouble(best.findElement(By.className("score")).getText());
        double second = Double.parseDouble(results.get(1).findElement(By.className("score")).getText());
        assertThat(first).isGreaterThanOrEqualTo(second);

        CHAT.chatReply(request -> REPLY);
        byId("question").sendKeys("Which rover carried the Ingenuity helicopter?");
        byId("ask-button").click();
        browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.id("answer"), REPLY));
        assertThat(text("answer-sources")).contains("mars-rovers.md");
        assertThat(CHAT.requests("/chat/completions").get(0).lastUserMessage())
                .contains("Which rover carried the Ingenuity helicopter?").contains("Jezero Crater");

        Path png = browser.screenshot(Path.of("target", "page.png"));
        assertThat(png).isNotEmptyFile();
    }

    @Test
    @Order(2)
    void text_that_looks_like_markup_is_shown_as_text() {
        String markup = "<img src=x onerror=\"document.body.dataset.pwned='yes'\"><b>bold?</b>";
        Api.Response added = new Api(port).postJson("/documents", Map.of("id", "markup-1", "text", markup,
                "metadata", Map.of("source", "<script>alert(1)</script>.md", "note", "<i>not italic</i>")));
        assertThat(added.status()).isEqualTo(200);

        search("img onerror bold", "id == 'markup-1' || note == '<i>not italic</i>'");
        List<WebElement> results = waitForResults();
        assertThat(results).hasSize(1);
        WebElement hit = results.get(0);
        assertThat(hit.findElement(By.className("text")).getText()).isEqualTo(markup);
        assertThat(hit.findElement(By.className("source")).getText()).isEqualTo("<script>alert(1)</script>.md");
        assertThat(metadata(hit)).containsEntry("note", "<i>not italic</i>");
        assertThat(byId("results").findElements(By.cssSelector("img, b, i, script"))).isEmpty();
        assertThat(browser.driver.findElement(By.tagName("body")).getAttribute("data-pwned")).isNull();
    }

    private void search(String query, String filter) {
        page.search(query, filter, null);
    }

    private List<WebElement> waitForResults() {
        return page.waitForResults();
    }

    private static Map<String, String> metadata(WebElement result) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (WebElement pair : result.findElements(By.cssSelector(".metadata > div"))) {
            values.put(pair.findElement(By.tagName("dt")).getText(), pair.findElement(By.tagName("dd")).getText());
        }
        return values;
    }

    private WebElement byId(String id) {
        return page.byId(id);
    }

    private String text(String id) {
        return page.text(id);
    }
}
