package io.github.lancedb4j.samples.springai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample as users deploy it: the executable jar Maven built, started in a child JVM with plain {@code java -jar}
 * (no JVM flag: the manifest's {@code Add-Opens} serves Arrow) in Spring Boot's layouts, each answering a search.
 * Run by Failsafe after {@code package}.
 *
 * <ul>
 *   <li>Extracted ({@code -Djarmode=tools extract}, the layout Spring Boot recommends for production) and layered
 *       ({@code extract --layers}, the layers a Dockerfile copies into one directory): no panic.</li>
 *   <li>The executable jar itself and the exploded {@code JarLauncher} layout (classic buildpacks): lance-core 7.0.0's
 *       native dispatcher thread cannot see Lance there and panics; the starter explains it first, and the
 *       application serves requests. When a Lance release with lance#6946 is adopted, these assertions fail: then
 *       these layouts start clean too, and the README's note can go.</li>
 * </ul>
 */
class ExecutableJarStartup {

    static final String PANIC = "AsyncScanner class not found";
    static final String EXPLANATION = "native thread 'lance-jni-dispatcher' looks up";

    static Path jar;
    static Path java = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    static Path work;

    @BeforeAll
    static void findJar() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("lancedb-sample-spring-ai-rag-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no sample jar in target/: run package"))
                    .toAbsolutePath();
        }
    }

    @Test
    void extracted_layout_starts_clean_and_serves() throws Exception {
        Path dir = work.resolve("extracted");
        run(List.of(java.toString(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
                dir.toString()), work);
        String log = startAndSearch(List.of(java.toString(), "-jar", dir.resolve(jar.getFileName().toString()).toString()), dir);

        assertThat(log).doesNotContain(PANIC).doesNotContain("panicked").doesNotContain(EXPLANATION);
        assertThat(log).doesNotContain("Unrecognized extension type");
    }

    @Test
    void layered_layout_copied_into_one_directory_starts_clean_and_serves() throws Exception {
        Path layers = work.resolve("layers");
        run(List.of(java.toString(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--layers",
                "--destination", layers.toString()), work);
        Path app = work.resolve("layered-app");
        try (Stream<Path> each = Files.list(layers)) {
            for (Path layer : each.toList()) { // what a Dockerfile's COPY of each layer does
                copyTree(layer, app);
            }
        }
        String log = startAndSearch(List.of(java.toString(), "-jar", app.resolve(jar.getFileName().toString()).toString()), app);

        assertThat(log).doesNotContain(PANIC).doesNotContain("panicked");
    }

    @Test
    void executable_jar_serves_with_the_known_lance_panic_explained_first() throws Exception {
        String log = startAndSearch(List.of(java.toString(), "-jar", jar.toAbsolutePath().toString()), work);

        assertThat(log).contains(PANIC);
        assertThat(log.indexOf(EXPLANATION)).as("the starter's explanation precedes the panic")
                .isNotNegative().isLessThan(log.indexOf(PANIC));
        assertThat(log).doesNotContain("Unrecognized extension type");
    }

    @Test
    void exploded_jar_launcher_layout_serves_with_the_known_lance_panic_explained_first() throws Exception {
        Path dir = work.resolve("exploded");
        run(List.of(java.toString(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--launcher",
                "--destination", dir.toString()), work);
        // As classic buildpacks launch it: the directory on the class path, the JVM flag from the environment.
        String log = startAndSearch(List.of(java.toString(), "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp",
                dir.toString(), "org.springframework.boot.loader.launch.JarLauncher"), dir);

        assertThat(log).contains(PANIC);
        assertThat(log.indexOf(EXPLANATION)).isNotNegative().isLessThan(log.indexOf(PANIC));
    }

    /** Starts the application, waits for it, searches, stops it; returns everything it printed. */
    private static String startAndSearch(List<String> command, Path workingDir) throws Exception {
        int port = freePort();
        Path data = Files.createTempDirectory(work, "data");
        Path output = Files.createTempFile(work, "app", ".log");
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of("--server.port=" + port, "--lancedb.uri=" + data.resolve("lancedb"),
                "--sample.chat.api-key=", "--spring.main.banner-mode=off"));
        Process app = new ProcessBuilder(all).directory(workingDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            while (!Files.readString(output).contains("Started SpringAiRagApplication")) {
                assertThat(app.isAlive()).as("the application exited:\n" + Files.readString(output)).isTrue();
                assertThat(System.nanoTime()).as("started within 240 s:\n" + Files.readString(output))
                        .isLessThan(deadline);
                Thread.sleep(250);
            }
            // The bundled documents are ingested by a runner, which Boot calls after logging "Started".
            HttpResponse<String> search;
            do {
                search = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/search?q=helicopter%20on%20mars&k=1"))
                        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(search.statusCode()).isEqualTo(200);
                assertThat(System.nanoTime()).as("documents searchable within 240 s").isLessThan(deadline);
                Thread.sleep(search.body().equals("[]") ? 250 : 0);
            } while (search.body().equals("[]"));
            assertThat(search.body()).contains("Rovers on Mars");
        } finally {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor();
            }
        }
        return Files.readString(output);
    }

    private static void run(List<String> command, Path workingDir) throws Exception {
        Process p = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
