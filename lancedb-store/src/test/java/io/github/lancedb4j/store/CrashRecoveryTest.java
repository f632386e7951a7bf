package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kill -9} of a writer in the middle of group commits, compactions, index builds and buffered flushes: the
 * table opens at its last commit, every acknowledged batch is there whole, and no batch is there in part.
 */
class CrashRecoveryTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"groupcommit", "compact", "index", "buffer"})
    void a_killed_writer_loses_no_acknowledged_row_and_leaves_no_partial_batch(String mode) throws Exception {
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        for (int r = 0; r < 2; r++) {
            int round = r;
            String prefix = "r" + round;
            Process writer = start(mode, prefix);
            AtomicInteger acks = new AtomicInteger();
            List<String> output = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        synchronized (output) {
                            output.add(line);
                        }
                        if (line.startsWith("ACK ")) {
                            int b = Integer.parseInt(line.substring(4).trim());
                            if (round == 0) {
                                acknowledged.add(b);
                            } else {
                                acknowledged.add(100_000 + b);
                            }
                            acks.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    // the process was killed
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            int target = 25 + 15 * round;
            while (acks.get() < target && writer.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(acks.get()).as("acknowledged batches before the kill; output %s", output).isGreaterThanOrEqualTo(target);
            writer.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            verify(acknowledged);
        }
    }

    private void verify(Set<Integer> acknowledged) {
        try (LanceDatabase db = LanceDatabase.connect(directory.toString())) {
            LanceTable table = db.openTable("docs", List.of(), false);
            Map<String, Integer> rowsPerBatch = new HashMap<>();
            for (StoredRow row : table.find(null, 1_000_000)) {
                rowsPerBatch.merge((String) row.metadata().get("batch"), 1, Integer::sum);
            }
            rowsPerBatch.forEach((batch, rows) -> assertThat(rows).as("rows of batch %s", batch)
                    .isEqualTo(WriterProcess.BATCH));
            for (int b : acknowledged) {
                String batch = (b >= 100_000 ? "r1-" + (b - 100_000) : "r0-" + b);
                assertThat(rowsPerBatch).as("acknowledged batch %s", batch).containsKey(batch);
            }
            // The table is writable again.
            table.upsert(WriterProcess.batch("after", 0), List.of("vector"));
        }
    }

    private Process start(String mode, String prefix) throws Exception {
        return new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                WriterProcess.class.getName(), directory.toString(), mode, prefix)).redirectErrorStream(true).start();
    }
}
