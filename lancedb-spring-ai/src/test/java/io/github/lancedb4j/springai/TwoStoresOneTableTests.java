package io.github.lancedb4j.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.store.ReadConsistency;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;

/**
 * Two vector stores over one table — in one JVM, and in two JVMs — with default settings: what one adds or deletes,
 * the other's searches see within the default read-consistency interval (1 s on a local disk).
 */
class TwoStoresOneTableTests {

    private static final Duration VISIBLE_WITHIN = ReadConsistency.LOCAL_DEFAULT.multipliedBy(10);

    @TempDir
    Path directory;

    @Test
    void a_second_store_in_the_same_jvm_sees_adds_and_deletes() throws Exception {
        try (LanceDbVectorStore a = store(directory.toString()); LanceDbVectorStore b = store(directory.toString())) {
            a.add(List.of(new Document("x", "Lance tables live on disk", Map.of()),
                    new Document("y", "or on object storage", Map.of())));
            await(() -> ids(b).size() == 2);
            a.delete(List.of("x"));
            await(() -> ids(b).equals(List.of("y")));
        }
    }

    @Test
    void a_store_in_another_jvm_sees_adds_and_deletes() throws Exception {
        try (LanceDbVectorStore reader = store(directory.toString())) {
            Process writer = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    WriterProcess.class.getName(), directory.toString())).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                    StandardCharsets.UTF_8)); PrintWriter in = new PrintWriter(writer.getOutputStream(), true)) {
                expectLine(out, "ADDED");
                await(() -> ids(reader).size() == 3);
                in.println("delete");
                expectLine(out, "DELETED");
                await(() -> ids(reader).equals(List.of("p3")));
                in.println("exit");
            }
            assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(writer.exitValue()).isZero();
        }
    }

    static LanceDbVectorStore store(String uri) {
        return LanceDbVectorStore.builder(TestStores.EMBEDDING_MODEL).uri(uri).tableName("shared").dimensions(384)
                .initializeSchema(true).build();
    }

    private static List<String> ids(LanceDbVectorStore store) {
        return store.similaritySearch(SearchRequest.builder().query("where do tables live").topK(10).build())
                .stream().map(Document::getId).sorted().toList();
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

    /** The other JVM: adds three documents, deletes two on request. */
    public static final class WriterProcess {
        public static void main(String[] args) throws Exception {
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            try (LanceDbVectorStore store = store(args[0])) {
                store.add(List.of(new Document("p1", "one", Map.of()), new Document("p2", "two", Map.of()),
                        new Document("p3", "three", Map.of())));
                System.out.println("ADDED");
                if ("delete".equals(commands.readLine())) {
                    store.delete(List.of("p1", "p2"));
                    System.out.println("DELETED");
                }
                commands.readLine();
            }
            System.exit(0);
        }
    }
}
