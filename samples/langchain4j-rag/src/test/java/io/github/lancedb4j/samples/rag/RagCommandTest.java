package io.github.lancedb4j.samples.rag;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.StoredRow;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.testing.OpenAiCompatibleServer;
import io.github.lancedb4j.testing.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample's main paths, through {@link RagCommand#run} as the command line calls it, with the real in-process
 * embedding model, a fresh table in a temporary directory and, for answers, a local OpenAI-compatible server.
 */
class RagCommandTest {

    static final String GUIDE = """
            # Storing vectors on S3

            Point the store at an s3:// URI and pass the credentials as storage options: aws_access_key_id,
            aws_secret_access_key and aws_region. For MinIO, also set aws_endpoint and allow_http.
            """;
    static final String NOTES = """
            Sourdough bread needs a lively starter. Feed the starter with flour and water, let the dough rise
            overnight in a cool kitchen and bake it in a very hot Dutch oven.
            """;
    static final String PAGE = """
            <html><head><title>Mars rovers</title><script>var tracking = "do-not-index";</script></head>
            <body><h1>Curiosity</h1><p>The Curiosity rover landed in Gale Crater in 2012 and found clay minerals.</p>
            <p>Perseverance collects rock samples in Jezero Crater.</p></body></html>
            """;
    static final String REPORT = "Quarterly revenue of the bakery chain grew by twelve percent thanks to new stores.";

    @TempDir
    Path work;
    Path docs;
    CountingEmbeddingModel model;
    RagCommand command;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void corpus() throws IOException {
        docs = Files.createDirectories(work.resolve("docs"));
        Files.writeString(docs.resolve("guide.md"), GUIDE);
        Files.writeString(Files.createDirectories(docs.resolve("misc")).resolve("notes.txt"), NOTES);
        Files.writeString(docs.resolve("page.html"), PAGE);
        writePdf(docs.resolve("report.pdf"), REPORT);
        Files.writeString(docs.resolve("ignored.json"), "{\"not\": \"a document\"}");
        model = new CountingEmbeddingModel();
        command = new RagCommand(() -> model, RagCommand.MODEL_NAME, work, Duration.ZERO);
    }

    @Test
    void ask_searches_in_each_mode_and_full_text_finds_a_literal_code() throws IOException {
        Files.writeString(docs.resolve("incident.md"), "Incident ZX-4471: the nightly export job timed out.");
        assertThat(run("ingest", "docs").exitCode()).isZero();

        Run vector = run("ask", "ZX-4471", "--no-chat", "-k", "1", "--min-score", "0");
        Run fullText = run("ask", "ZX-4471", "--no-chat", "-k", "1", "--mode", "full-text");
        Run hybrid = run("ask", "What happened in ZX-4471?", "--no-chat", "-k", "2", "--mode", "hybrid");

        assertThat(vector.exitCode()).as(vector.err()).isZero();
        assertThat(fullText.exitCode()).as(fullText.err()).isZero();
        assertThat(fullText.out()).contains("incident.md").contains("ZX-4471");
        assertThat(hybrid.out()).contains("incident.md");
        assertThat(run("ask", "x", "--mode", "semantic").exitCode()).isNotZero();
    }

    @Test
    void ingest_stores_the_segments_of_markdown_text_html_and_pdf_files_with_their_source() {
        Run run = run("ingest", "docs");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("4 files: 0 unchanged, 0 re-embedded, 4 new");
        assertThat(run.err()).contains("embedding: files 4/4 | segments 4/4").contains("vectors/s");
        Map<String, StoredRow> byPath = rows().stream()
                .collect(Collectors.toMap(r -> (String) r.metadata().get("path"), Function.identity()));
        assertThat(byPath).containsOnlyKeys("guide.md", "misc/notes.txt", "page.html", "report.pdf");
        StoredRow notes = byPath.get("misc/notes.txt");
        assertThat(notes.id()).isEqualTo(CorpusIngester.segmentId(docs.toString(), "misc/notes.txt", 0));
        assertThat(notes.metadata()).containsEntry("file_name", "notes.txt").containsEntry("segment", 0)
                .containsEntry("corpus", docs.toString())
                .containsEntry("content_sha256", CorpusIngester.sha256(NOTES.getBytes(StandardCharsets.UTF_8)));
        assertThat(byPath.get("page.html").text()).startsWith("Mars rovers").contains("Gale Crater", "Jezero")
                .doesNotContain("<p>", "do-not-index");
        assertThat(byPath.get("report.pdf").text()).contains("revenue of the bakery chain");
        assertThat(model.takeCount()).isEqualTo(4);
    }

    @Test
    void a_second_ingest_embeds_nothing_and_writes_nothing() {
        run("ingest", "docs");
        model.takeCount();
        long version = withTable(LanceTable::version);

        Run again = run("ingest", "docs");

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("4 files: 4 unchanged, 0 re-embedded, 0 new").contains("0 segments embedded");
        assertThat(model.takeCount()).isZero();
        assertThat(withTable(LanceTable::version)).isEqualTo(version);
    }

    @Test
    void only_a_changed_file_is_re_embedded_and_a_deleted_file_loses_its_segments() throws IOException {
        run("ingest", "docs");
        model.takeCount();
        Files.writeString(docs.resolve("misc/notes.txt"), "Rye bread needs a longer proof than wheat bread.");
        Files.delete(docs.resolve("page.html"));

        Run run = run("ingest", "docs");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("3 files: 2 unchanged, 1 re-embedded, 0 new, 1 removed");
        assertThat(run.err()).contains("removed page.html");
        assertThat(model.takeCount()).isEqualTo(1);
        assertThat(rows()).extracting(StoredRow::text)
                .hasSize(3)
                .anySatisfy(t -> assertThat(t).contains("Rye bread"))
                .noneSatisfy(t -> assertThat(t).contains("Sourdough"))
                .noneSatisfy(t -> assertThat(t).contains("Curiosity"));
    }

    @Test
    void unreadable_files_are_reported_and_skipped_and_the_run_goes_on() throws IOException {
        Files.write(docs.resolve("broken.pdf"), "%PDF-1.7 this is not really a PDF".getBytes(StandardCharsets.US_ASCII));
        Files.write(docs.resolve("latin1.txt"), "caf\u00e9 cr\u00e8me".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(docs.resolve("empty.md"), "  \n");

        Run run = run("ingest", "docs");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("skipped broken.pdf: not a readable PDF")
                .contains("skipped latin1.txt: not UTF-8 text")
                .contains("skipped empty.md: contains no text");
        assertThat(run.out()).contains("7 files: 0 unchanged, 0 re-embedded, 4 new, 3 skipped");
        assertThat(rows()).hasSize(4);
    }

    @Test
    void a_table_built_with_another_model_stops_with_the_column_the_model_and_the_fix() {
        try (LanceDatabase db = LanceDatabase.connect(work.resolve("data").toString())) {
            db.openTable("documents", List.of(VectorColumn.of("vector", 8)), true);
        }

        Run clash = run("ingest", "docs");

        assertThat(clash.exitCode()).isEqualTo(2);
        assertThat(clash.err()).contains("vector column 'vector' of table 'documents'")
                .contains("holds 8-dimensional vectors")
                .contains("all-MiniLM-L6-v2 (" + CountingEmbeddingModel.class.getName() + ") makes 384-dimensional")
                .contains("run ingest docs --column all_minilm_l6_v2")
                .contains("run ask \"...\" --column all_minilm_l6_v2");
        assertThat(model.takeCount()).isZero();

        Run fixed = run("ingest", "docs", "--column", "all_minilm_l6_v2");

        assertThat(fixed.exitCode()).as(fixed.err()).isZero();
        assertThat(fixed.err()).contains("Adding vector column 'all_minilm_l6_v2' (384 dimensions)");
        assertThat(withTable(LanceTable::vectorColumns)).containsEntry("vector", 8).containsEntry("all_minilm_l6_v2", 384);
        assertThat(run("ask", "Where did Curiosity land?", "--column", "all_minilm_l6_v2").out()).contains("page.html");
    }

    @Test
    void a_second_model_column_is_backfilled_without_touching_the_rows() {
        run("ingest", "docs");
        model.takeCount();
        List<StoredRow> before = rows();

        Run second = run("ingest", "docs", "--column", "second");

        assertThat(second.out()).contains("4 files: 0 unchanged, 0 re-embedded, 0 new, 4 backfilled into column 'second'");
        assertThat(model.takeCount()).isEqualTo(4);
        assertThat(rows()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(run("ingest", "docs", "--column", "second").out()).contains("4 unchanged");
        assertThat(run("ask", "How do I bake bread?", "--column", "second").out()).contains("misc/notes.txt");
    }

    @Test
    void ask_without_a_chat_model_prints_the_passages_with_scores_and_sources() {
        run("ingest", "docs");

        Run ask = run("ask", "How do I connect the store to S3 with credentials?", "-k", "2");

        assertThat(ask.exitCode()).isZero();
        assertThat(ask.out()).contains("Best passages for \"How do I connect the store to S3 with credentials?\"")
                .containsPattern("\\[1\\] 0\\.\\d{3}  guide\\.md  \\(segment 0\\)")
                .contains("aws_access_key_id")
                .contains("No chat model configured");
        assertThat(ask.out().lines().filter(l -> l.startsWith("["))).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void ask_with_a_filter_searches_only_the_matching_files() {
        run("ingest", "docs");

        Run ask = run("ask", "How do I connect the store to S3?", "--filter", "path~misc/", "--min-score", "0");

        assertThat(ask.out()).contains("misc/notes.txt").doesNotContain("guide.md");
        Run none = run("ask", "How do I connect the store to S3?", "--filter", "file_name=nothing.md");
        assertThat(none.out()).contains("No passage scored 0.50 or more among those matching the filter");
    }

    @Test
    void ask_with_an_openai_compatible_chat_model_prints_its_answer_and_sends_it_the_passages() {
        run("ingest", "docs");
        try (OpenAiCompatibleServer server = OpenAiCompatibleServer.start().requireApiKey("test-key")) {
            server.chatReply(request -> "Use an s3:// URI with storage options [guide.md].");
            Map<String, String> env = Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "test-key",
                    "CHAT_MODEL", "test-chat");

            Run ask = run(env, "ask", "How do I store vectors on S3?");

            assertThat(ask.exitCode()).as(ask.err()).isZero();
            assertThat(ask.out()).startsWith("Use an s3:// URI with storage options [guide.md].")
                    .containsPattern("Sources:\\R\\[1\\] 0\\.\\d{3}  guide\\.md  \\(segment 0\\)");
            List<RecordedRequest> chats = server.requests("/chat/completions");
            assertThat(chats).hasSize(1);
            assertThat(chats.get(0).jsonText("model")).isEqualTo("test-chat");
            assertThat(chats.get(0).body()).contains("Cite the path of every passage");
            assertThat(chats.get(0).lastUserMessage()).contains("How do I store vectors on S3?")
                    .contains("aws_access_key_id").contains("path: guide.md");
        }
    }

    @Test
    void a_failing_chat_model_is_reported_and_the_passages_are_still_printed() {
        run("ingest", "docs");
        try (OpenAiCompatibleServer server = OpenAiCompatibleServer.start().requireApiKey("right-key")) {
            Run ask = run(Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "wrong-key"),
                    "ask", "How do I store vectors on S3?");

            assertThat(ask.exitCode()).isEqualTo(1);
            assertThat(ask.err()).contains("The chat model gpt-4o-mini at " + server.baseUrl() + " failed")
                    .doesNotContain("wrong-key");
            assertThat(ask.out()).contains("guide.md");
        }
    }

    @Test
    void ask_before_ingest_and_bad_arguments_say_what_to_do() {
        assertThat(run("ask", "anything").err()).contains("Nothing ingested yet").contains("Run ingest first");
        Run bad = run("ask");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("ask needs a question").contains("Usage: run <command>");
        assertThat(run("ingest", "no-such-folder").err()).contains("does not exist");
        assertThat(run("--help").out()).contains("--filter <expr>");
    }

    @Test
    void without_a_folder_ingest_takes_this_repositorys_documentation() {
        RagCommand inRepository = new RagCommand(() -> model, RagCommand.MODEL_NAME, Path.of(""), Duration.ZERO);

        Run run = run(inRepository, Map.of(), "ingest", "--data", work.resolve("data").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(rows()).extracting(r -> r.metadata().get("path")).contains("README.md");
        Run ask = run(inRepository, Map.of(), "ask", "Which JVM flag does Arrow need?", "--data",
                work.resolve("data").toString());
        assertThat(ask.out()).containsPattern("\\[1\\] 0\\.\\d{3}  (\\S+/)?README\\.md  ");
    }

    // ------------------------------------------------------------------------------------------------------------

    private Run run(String... args) {
        return run(Map.of(), args);
    }

    private Run run(Map<String, String> env, String... args) {
        String[] withData = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of(
                "--data", "data")).toArray(String[]::new);
        return run(command, env, args.length > 0 && args[0].startsWith("-") ? args : withData);
    }

    private static Run run(RagCommand command, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = command.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private List<StoredRow> rows() {
        return withTable(t -> t.find(null, 10_000));
    }

    private <T> T withTable(Function<LanceTable, T> f) {
        try (LanceDatabase db = LanceDatabase.connect(work.resolve("data").toString())) {
            return f.apply(db.openTable("documents", List.of(), false));
        }
    }

    private static void writePdf(Path file, String text) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                content.newLineAtOffset(50, 700);
                content.showText(text);
                content.endText();
            }
            document.save(file.toFile());
        }
    }
}
