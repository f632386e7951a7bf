package io.github.lancedb4j.samples.springai;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}) driven headless through Debian's chromedriver
 * ({@code /usr/bin/chromedriver}) by Selenium. Both paths are given explicitly, so Selenium Manager never downloads
 * a browser or a driver. When either is missing, or the browser does not start, the calling test is <b>skipped</b>
 * with the reason and the install command. Paths can be changed with {@code -Dchromium.binary=} and
 * {@code -Dchromedriver.binary=}.
 */
final class HeadlessChromium implements AutoCloseable {

    static final String INSTALL = "install them with: apt-get update && apt-get install -y chromium chromium-driver"
            + " (.ci/run does)";

    final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts the browser, or skips the current test (never fails it) when no browser can be started here. */
    static HeadlessChromium startOrSkip() {
        Path chromium = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
        assumeTrue(Files.isExecutable(chromium), "Browser test skipped: no Chromium at " + chromium + "; " + INSTALL);
        assumeTrue(Files.isExecutable(chromedriver),
                "Browser test skipped: no chromedriver at " + chromedriver + "; " + INSTALL);
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("webdriver.chrome.driver", chromedriver.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1000,1200",
                "--force-device-scale-factor=1", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(30))
                .build();
        try {
            return new HeadlessChromium(new ChromeDriver(service, options), profile);
        } catch (WebDriverException e) {
            delete(profile);
            assumeTrue(false, "Browser test skipped: " + chromium + " could not be started through " + chromedriver
                    + " (" + firstLine(e.getMessage()) + "); check that the two versions match, or " + INSTALL);
            throw e;   // not reached
        }
    }

    WebDriverWait waitUpTo(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    /** A PNG of the whole page (the window is resized to the page's height first), copied to {@code target}. */
    Path screenshot(Path target) {
        try {
            Files.createDirectories(target.getParent());
            Number height = (Number) driver.executeScript(
                    "return document.documentElement.scrollHeight + (window.outerHeight - window.innerHeight)");
            driver.manage().window().setSize(new Dimension(driver.manage().window().getSize().getWidth(),
                    Math.min(height.intValue(), 4000)));
            Path png = driver.getScreenshotAs(OutputType.FILE).toPath();
            return Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "no message" : message.lines().findFirst().orElse(message);
    }

    private static void delete(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary profile; best effort
        }
    }
}
