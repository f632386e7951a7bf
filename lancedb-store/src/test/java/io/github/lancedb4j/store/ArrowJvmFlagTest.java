package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.store.internal.ArrowRuntime;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without the JVM flag Arrow needs, connecting fails with one sentence that names the flag. */
class ArrowJvmFlagTest {

    @TempDir
    Path directory;

    @Test
    void a_jvm_without_the_add_opens_flag_gets_a_message_naming_it() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                ConnectWithoutFlag.class.getName(), directory.toString()))
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(output).isEqualTo(3);
        assertThat(output).contains("IllegalStateException")
                .contains(ArrowRuntime.REQUIRED_FLAG);
    }

    @Test
    void this_jvm_has_the_flag_so_connecting_works() {
        try (LanceDatabase db = LanceDatabase.connect(directory.toString())) {
            assertThat(db.uri()).isEqualTo(directory.toAbsolutePath().toString());
        }
    }

    /** Runs in a child JVM started without the flag. */
    public static final class ConnectWithoutFlag {
        public static void main(String[] args) {
            try (LanceDatabase db = LanceDatabase.connect(args[0] + File.separator + "db")) {
                System.exit(0);
            } catch (IllegalStateException e) {
                System.out.println(e);
                System.exit(Files.exists(Path.of(args[0], "db")) ? 4 : 3);
            }
        }
    }
}
