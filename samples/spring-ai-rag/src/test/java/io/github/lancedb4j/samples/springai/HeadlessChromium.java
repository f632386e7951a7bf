package io.github.lancedb4j.samples.springai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's Chromium ({@code chromium} or {@code chromium-browser} on the PATH) driven headless through its
 * chromedriver ({@code chromedriver} or {@code chromium-chromedriver}) by Selenium. Both paths are given explicitly,
 * so Selenium Manager never downloads a browser or a driver. When either is missing, or the browser does not start,
 * the calling test is <b>skipped</b> with the reason and the install command — except under CI ({@code CI=true}),
 * where it <b>fails</b> with that reason. Paths can be set with {@code -Dchromium.binary=} and
 * {@code -Dchromedriver.binary=}.
 */
final class HeadlessChromium implements AutoCloseable {

    static final String INSTALL = "install them with: apt-get update && apt-get install -y chromium chromium-driver"
            + " (Ubuntu: chromium-browser chromium-chromedriver; .ci/run does)";

    static final List<String> CHROMIUM_NAMES = List.of("chromium", "chromium-browser");
    static final List<Path> CHROMIUM_FALLBACKS = List.of(Path.of("/usr/lib/chromium/chromium"),
            Path.of("/usr/lib/chromium-browser/chromium-browser"), Path.of("/snap/bin/chromium"));
    static final List<String> DRIVER_NAMES = List.of("chromedriver", "chromium-chromedriver");
    static final List<Path> DRIVER_FALLBACKS = List.of(Path.of("/usr/lib/chromium/chromedriver"),
            Path.of("/usr/lib/chromium-browser/chromedriver"), Path.of("/snap/bin/chromium.chromedriver"));

    final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Starts the browser. When no browser can be started here the calling test is skipped with the reason — or,
     * under CI ({@code CI=true}), fails with it: CI must not go green by skipping the browser tests.
     */
    static HeadlessChromium startOrSkip() {
        Map<String, String> env = System.getenv();
        Path chromium = locate("chromium.binary", CHROMIUM_NAMES, CHROMIUM_FALLBACKS, env.get("PATH"))
                .orElse(null);
        if (chromium == null) {
            unavailable(notFound("Chromium", "chromium.binary", CHROMIUM_NAMES, CHROMIUM_FALLBACKS), env);
        }
        Path chromedriver = locate("chromedriver.binary", DRIVER_NAMES, DRIVER_FALLBACKS, env.get("PATH"))
                .orElse(null);
        if (chromedriver == null) {
            unavailable(notFound("chromedriver", "chromedriver.binary", DRIVER_NAMES, DRIVER_FALLBACKS), env);
        }
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
            unavailable(chromium + " could not be started through " + chromedriver + " ("
                    + firstLine(e.getMessage()) + "); check that the two versions match, or " + INSTALL, env);
            throw e;   // not reached
        }
    }

    /**
     * The executable named by the system property {@code property}, else the first of {@code names} found on
     * {@code path} (the PATH variable), else the first executable of {@code fallbacks}. Debian names them
     * {@code chromium} / {@code chromedriver}; Ubuntu's packages {@code chromium-browser} /
     * {@code chromium-chromedriver}.
     */
    static Optional<Path> locate(String property, List<String> names, List<Path> fallbacks, String path) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        List<String> dirs = path == null ? List.of() : List.of(path.split(java.io.File.pathSeparator));
        for (String name : names) {
            for (String dir : dirs) {
                if (!dir.isEmpty()) {
                    Path candidate = Path.of(dir, name);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return fallbacks.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }

    private static String notFound(String what, String property, List<String> names, List<Path> fallbacks) {
        String configured = System.getProperty(property);
        return configured != null && !configured.isBlank()
                ? "no executable " + what + " at " + configured + " (set by -D" + property + ")"
                : "no " + what + " (" + String.join(" or ", names) + ") on the PATH nor at " + fallbacks + "; "
                        + INSTALL;
    }

    /**
     * Ends the calling test because no browser is available: a skip locally, a failure under CI ({@code CI} set to
     * {@code true}, as GitHub Actions, GitLab and {@code .ci/run} do), both with {@code reason}.
     */
    static void unavailable(String reason, Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.getOrDefault("CI", "").trim())) {
            throw new AssertionFailedError("Browser test cannot run under CI=true (a skip would hide it): " + reason);
        }
        throw new TestAbortedException("Browser test skipped: " + reason);
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
