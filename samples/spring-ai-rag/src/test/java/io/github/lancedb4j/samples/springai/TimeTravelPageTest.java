package io.github.lancedb4j.samples.springai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The page's table panel in headless Chromium: rows, version and tags of the table; a tag made from the page; a file
 * uploaded from the page; then the same search on the latest version and "as of" the tag, with and without a filter.
 * Leaves {@code target/page-time-travel.png}. Skipped, with the reason, without Chromium and chromedriver.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.org.openqa.selenium=error")
class TimeTravelPageTest {

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lancedb.uri", () -> data.resolve("lancedb").toString());
        registry.add("sample.sample-documents", () -> "true");
        registry.add("sample.chat.api-key", () -> "");
    }

    @LocalServerPort
    int port;
    HeadlessChromium browser;

    @BeforeEach
    void openPage() {
        browser = HeadlessChromium.startOrSkip();
        browser.driver.get("http://127.0.0.1:" + port + "/");
        browser.waitUpTo(Duration.ofSeconds(20))
                .until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void tag_upload_and_search_as_of_the_tag_from_the_page() throws Exception {
        assertThat(text("table-rows")).isEqualTo("5");
        assertThat(text("table-tags")).isEqualTo("none");
        String versionBefore = text("table-version");
        assertThat(new Select(byId("as-of")).getOptions()).extracting(WebElement::getText).containsExactly("latest");

        // Tag the version with the five bundled documents.
        byId("tag-name").sendKeys("before-moon");
        byId("tag-button").click();
        waitForText("table-tags", "before-moon → v" + versionBefore);
        assertThat(text("table-message")).contains("Tagged version " + versionBefore + " as before-moon");

        // Upload a file from the page.
        Path moon = Files.writeString(data.resolve("moon.md"), """
                ---
                topic: space
                year: 2025
                ---
                # Moon base

                The first lunar base will be built near the south pole, where permanently shadowed craters hold
                water ice that can be turned into drinking water and rocket fuel.
                """);
        byId("upload-file").sendKeys(moon.toString());
        byId("upload-button").click();
        waitForText("table-message", "from moon.md");
        assertThat(Integer.parseInt(text("table-rows"))).isGreaterThan(5);
        assertThat(text("table-version")).isNotEqualTo(versionBefore);

        // Latest: the uploaded file is the best match.
        search("Where is there water ice on the moon?", "", "");
        assertThat(sources(waitForResults()).get(0)).isEqualTo("moon.md");

        // As of the tag: the table as it was before the upload.
        search("Where is there water ice on the moon?", "", "before-moon");
        List<String> before = sources(waitForResults());
        assertThat(before).hasSize(5).doesNotContain("moon.md");
        assertThat(text("search-summary")).contains("as of before-moon");

        // As of the tag, with a filter: only the space documents of that version.
        search("Where is there water ice on the moon?", "topic == 'space'", "before-moon");
        assertThat(sources(waitForResults())).containsExactly("mars-rovers.md");

        assertThat(browser.screenshot(Path.of("target", "page-time-travel.png"))).isNotEmptyFile();
    }

    private void search(String query, String filter, String asOf) {
        byId("q").clear();
        byId("q").sendKeys(query);
        byId("filter").clear();
        byId("filter").sendKeys(filter);
        new Select(byId("as-of")).selectByValue(asOf);
        browser.driver.executeScript("document.getElementById('results').replaceChildren();"
                + "document.getElementById('search-error').hidden = true;");
        byId("search-button").click();
    }

    private List<WebElement> waitForResults() {
        browser.waitUpTo(Duration.ofSeconds(20))
                .until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#results .result"), 0));
        return browser.driver.findElements(By.cssSelector("#results .result"));
    }

    private static List<String> sources(List<WebElement> results) {
        return results.stream().map(r -> r.findElement(By.className("source")).getText()).toList();
    }

    private void waitForText(String id, String text) {
        browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(By.id(id),
                text));
    }

    private WebElement byId(String id) {
        return browser.driver.findElement(By.id(id));
    }

    private String text(String id) {
        return byId(id).getText();
    }
}
