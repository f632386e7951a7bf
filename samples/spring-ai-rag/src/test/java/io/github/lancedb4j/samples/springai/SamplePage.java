package io.github.lancedb4j.samples.springai;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The sample's page at {@code /} in {@link HeadlessChromium}: opened when it is ready, and its search controls. */
final class SamplePage implements AutoCloseable {

    final HeadlessChromium browser;

    private SamplePage(HeadlessChromium browser) {
        this.browser = browser;
    }

    /** Opens the page of the application on {@code port} and waits until it has loaded its state (or skips). */
    static SamplePage open(int port) {
        HeadlessChromium browser = HeadlessChromium.startOrSkip();
        browser.driver.get("http://127.0.0.1:" + port + "/");
        browser.waitUpTo(Duration.ofSeconds(20))
                .until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        return new SamplePage(browser);
    }

    /** Runs a search; {@code asOf} null keeps the "as of" choice, "" is the latest version. */
    void search(String query, String filter, String asOf) {
        byId("q").clear();
        byId("q").sendKeys(query);
        byId("filter").clear();
        byId("filter").sendKeys(filter);
        if (asOf != null) {
            new Select(byId("as-of")).selectByValue(asOf);
        }
        // Results of the previous search are replaced: wait for the new ones by emptying the list first.
        browser.driver.executeScript("document.getElementById('results').replaceChildren();"
                + "document.getElementById('search-error').hidden = true;");
        byId("search-button").click();
    }

    List<WebElement> waitForResults() {
        browser.waitUpTo(Duration.ofSeconds(20))
                .until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#results .result"), 0));
        return browser.driver.findElements(By.cssSelector("#results .result"));
    }

    void waitForText(String id, String text) {
        browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(By.id(id),
                text));
    }

    WebElement byId(String id) {
        return browser.driver.findElement(By.id(id));
    }

    String text(String id) {
        return byId(id).getText();
    }

    @Override
    public void close() {
        browser.close();
    }
}
