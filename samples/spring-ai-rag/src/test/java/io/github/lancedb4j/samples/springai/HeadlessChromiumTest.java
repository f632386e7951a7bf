package io.github.lancedb4j.samples.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** How the browser tests find Chromium under either distribution's names, and why they may skip only outside CI. */
class HeadlessChromiumTest {

    @TempDir
    Path dir;

    @Test
    void a_missing_browser_fails_the_test_under_CI_with_the_reason() {
        assertThatThrownBy(() -> HeadlessChromium.unavailable("no Chromium here", Map.of("CI", "true")))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("CI=true").hasMessageContaining("no Chromium here");
        assertThatThrownBy(() -> HeadlessChromium.unavailable("no Chromium here", Map.of("CI", "TRUE ")))
                .isInstanceOf(AssertionFailedError.class);
    }

    @Test
    void a_missing_browser_skips_the_test_outside_CI_with_the_reason() {
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("CI", "false"), Map.of("CI", ""))) {
            assertThatThrownBy(() -> HeadlessChromium.unavailable("no chromedriver here", env))
                    .isInstanceOf(TestAbortedException.class)
                    .isNotInstanceOf(AssertionFailedError.class)
                    .hasMessageContaining("no chromedriver here");
        }
    }

    @Test
    void finds_ubuntus_names_on_the_path_when_debians_are_absent() throws IOException {
        Path first = Files.createDirectory(dir.resolve("first"));
        Path second = Files.createDirectory(dir.resolve("second"));
        Path browser = executable(second.resolve("chromium-browser"));
        Path driver = executable(first.resolve("chromium-chromedriver"));
        String path = first + File.pathSeparator + second;

        assertThat(HeadlessChromium.locate("no.such.property", HeadlessChromium.CHROMIUM_NAMES, List.of(), path))
                .contains(browser);
        assertThat(HeadlessChromium.locate("no.such.property", HeadlessChromium.DRIVER_NAMES, List.of(), path))
                .contains(driver);
    }

    @Test
    void prefers_debians_name_then_falls_back_to_fixed_paths_and_ignores_non_executables() throws IOException {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path debian = executable(bin.resolve("chromium"));
        executable(bin.resolve("chromium-browser"));
        assertThat(HeadlessChromium.locate("no.such.property", HeadlessChromium.CHROMIUM_NAMES, List.of(),
                bin.toString())).contains(debian);

        Path empty = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(empty.resolve("chromedriver"), "not executable");
        Path fallback = executable(dir.resolve("lib-chromedriver"));
        assertThat(HeadlessChromium.locate("no.such.property", HeadlessChromium.DRIVER_NAMES,
                List.of(dir.resolve("absent"), fallback), empty.toString())).contains(fallback);
        assertThat(HeadlessChromium.locate("no.such.property", HeadlessChromium.DRIVER_NAMES, List.of(), null))
                .isEmpty();
    }

    @Test
    void a_configured_path_wins_and_is_not_replaced_when_wrong() throws IOException {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        executable(bin.resolve("chromium"));
        Path configured = executable(dir.resolve("my-chromium"));
        String property = "headless.chromium.test." + System.nanoTime();
        try {
            System.setProperty(property, configured.toString());
            assertThat(HeadlessChromium.locate(property, HeadlessChromium.CHROMIUM_NAMES, List.of(), bin.toString()))
                    .contains(configured);
            System.setProperty(property, dir.resolve("absent").toString());
            assertThat(HeadlessChromium.locate(property, HeadlessChromium.CHROMIUM_NAMES, List.of(), bin.toString()))
                    .isEmpty();
        } finally {
            System.clearProperty(property);
        }
    }

    private static Path executable(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
