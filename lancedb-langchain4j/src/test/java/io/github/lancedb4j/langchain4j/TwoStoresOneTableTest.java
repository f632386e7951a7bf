package io.github.lancedb4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import io.github.lancedb4j.store.ReadConsistency;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stores over one table — in one JVM, and in two JVMs — with default settings: what one adds or removes, the
 * other's searches see within the default read-consistency interval (1 s on a local disk), with no user action.
 */
class TwoStoresOneTableTest {

    /** Generous: the default interval plus the time a loaded 2-core machine takes to run the check. */
    private static final Duration VISIBLE_WITHIN = ReadConsistency.LOCAL_DEFAULT.multipliedBy(10);

    @TempDir
    Path directory;

    @Test
    void a_second_store_in_the_same_jvm_sees_adds_and_removals() throws Exception {
        try (LanceDbEmbeddingStore a = store(); LanceDbEmbeddingStore b = store()) {
            a.addAll(List.of("x", "y"), List.of(vector(1), vector(2)),
                    List.of(TextSegment.from("x", Metadata.from("k", "x")), TextSegment.from("y", new Metadata())));
            await(() -> ids(b).size() == 2);
            assertThat(ids(b)).containsExactlyInAnyOrder("x", "y");
            a.remove("x");
            await(() -> ids(b).equals(List.of("y")));
        }
    }

    @Test
    void a_store_in_another_jvm_sees_adds_and_removals() throws Exception {
        try (LanceDbEmbeddingStore reader = store()) {
            Process writer = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    WriterProcess.class.getName(), directory.toString())).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                    StandardCharsets.UTF_8)); PrintWriter in = new PrintWriter(writer.getOutputStream(), true)) {
                expectLine(out, "ADDED");
                await(() -> ids(reader).size() == 3);
                assertThat(ids(reader)).containsExactlyInAnyOrder("p1", "p2", "p3");
                in.println("remove");
                expectLine(out, "REMOVED");
                await(() -> ids(reader).equals(List.of("p3")));
                in.println("exit");
            }
            assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(writer.exitValue()).isZero();
        }
    }

    private LanceDbEmbeddingStore store() {
        return LanceDbEmbeddingStore.builder().uri(directory.toString()).tableName("shared").dimension(3).build();
    }

    private static List<String> ids(LanceDbEmbeddingStore store) {
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(vector(1)).maxResults(10).build())
                .matches().stream().map(EmbeddingMatch::embeddingId).sorted().toList();
    }

    static Embedding vector(int i) {
        return Embedding.from(new float[] {1, i, 0.5f});
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("visible within " + VISIBLE_WITHIN).isLessThan(deadline);
            Thread.sleep(25);
        }
    }

    private static void expectLine(BufferedReader out, String expected) throws Exception {
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null) {
            if (line.equals(expected)) {
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("The writer process ended before printing " + expected + ":\n" + seen);
    }

    /** The other JVM: adds three rows, removes two on request. */
    public static final class WriterProcess {
        public static void main(String[] args) throws Exception {
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            try (LanceDbEmbeddingStore store = LanceDbEmbeddingStore.builder().uri(args[0]).tableName("shared")
                    .dimension(3).build()) {
                store.addAll(List.of("p1", "p2", "p3"), List.of(vector(1), vector(2), vector(3)),
                        List.of(TextSegment.from("one"), TextSegment.from("two"), TextSegment.from("three")));
                System.out.println("ADDED");
                if ("remove".equals(commands.readLine())) {
                    store.removeAll(List.of("p1", "p2"));
                    System.out.println("REMOVED");
                }
                commands.readLine();
            }
            System.exit(0);
        }
    }
}
