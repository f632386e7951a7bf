package io.github.lancedb4j.samples.springai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
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
    SamplePage page;

    @BeforeEach
    void openPage() {
        page = SamplePage.open(port);
    }

    @AfterEach
    void closeBrowser() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    void tag_upload_and_search_as_of_the_tag_from_the_page() throws Exception {
        assertThat(page.text("table-rows")).isEqualTo("5");
        assertThat(page.text("table-tags")).isEqualTo("none");
        String versionBefore = page.text("table-version");
        assertThat(new Select(page.byId("as-of")).getOptions()).extracting(WebElement::getText)
                .containsExactly("latest");

        // Tag the version with the five bundled documents.
        page.byId("tag-name").sendKeys("before-moon");
        page.byId("tag-button").click();
        page.waitForText("table-tags", "before-moon → v" + versionBefore);
        assertThat(page.text("table-message")).contains("Tagged version " + versionBefore + " as before-moon");

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
        page.byId("upload-file").sendKeys(moon.toString());
        page.byId("upload-button").click();
        page.waitForText("table-message", "from moon.md");
        assertThat(Integer.parseInt(page.text("table-rows"))).isGreaterThan(5);
        assertThat(page.text("table-version")).isNotEqualTo(versionBefore);

        // Latest: the uploaded file is the best match.
        page.search("Where is there water ice on the moon?", "", "");
        assertThat(sources(page.waitForResults()).get(0)).isEqualTo("moon.md");

        // As of the tag: the table as it was before the upload.
        page.search("Where is there water ice on the moon?", "", "before-moon");
        List<String> before = sources(page.waitForResults());
        assertThat(before).hasSize(5).doesNotContain("moon.md");
        assertThat(page.text("search-summary")).contains("as of before-moon");

        // As of the tag, with a filter: only the space documents of that version.
        page.search("Where is there water ice on the moon?", "topic == 'space'", "before-moon");
        assertThat(sources(page.waitForResults())).containsExactly("mars-rovers.md");

        assertThat(page.browser.screenshot(Path.of("target", "page-time-travel.png"))).isNotEmptyFile();
    }

    private static List<String> sources(List<WebElement> results) {
        return results.stream().map(r -> r.findElement(By.className("source")).getText()).toList();
    }
}
