package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three writer processes on one table, each with maintenance every 5 writes: no error reaches them, no row is lost. */
class MultiProcessWritersTest {

    @TempDir
    Path directory;

    @Test
    void three_writer_processes_with_maintenance_on_commit_everything_without_errors() throws Exception {
        try (LanceDatabase db = LanceDatabase.connect(directory.toString())) {
            db.openTable("docs", List.of(VectorColumn.of("vector", 8)), true); // created once, before they race
        }
        List<Process> writers = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            writers.add(new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    WriterProcess.class.getName(), directory.toString(), "steady", "p" + p, "40"))
                    .redirectErrorStream(true).start());
        }
        for (Process w : writers) {
            String output = new String(w.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(w.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(w.exitValue()).as(output).isZero();
            assertThat(output).contains("DONE").doesNotContain("Exception").doesNotContain("failed");
        }
        try (LanceDatabase db = LanceDatabase.connect(directory.toString())) {
            assertThat(db.openTable("docs", List.of(), false).countRows()).isEqualTo(3 * 40 * WriterProcess.BATCH);
        }
    }
}
