package io.github.lancedb4j.samples.rag;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code eval}: how often retrieval finds each question's expected source among the top k passages (recall@k), on
 * one or more versions of the table, so that two ingests (two chunkings, two corpora, before and after a change) can be
 * compared on the same questions. The questions are embedded once; every version is searched with the same vectors
 * (and, in the full-text and hybrid modes, the same question text), in the store's search mode.
 */
final class Evaluation {

    /** A question and the source path(s) a good retrieval returns for it. */
    record Question(List<String> expected, String text) {
    }

    /** The ranks (1-based) of the first passage from an expected source, 0 when none is in the top k. */
    record Column(String label, int[] ranks) {
        double recall() {
            return ranks.length == 0 ? 0 : Arrays.stream(ranks).filter(r -> r > 0).count() / (double) ranks.length;
        }
    }

    static final String DEFAULT_QUESTIONS = "/eval/repository-questions.txt";

    private final EmbeddingModel model;
    private final int k;
    private final Filter filter;

    Evaluation(EmbeddingModel model, int k, Filter filter) {
        this.model = model;
        this.k = k;
        this.filter = filter;
    }

    /** Questions from a file, or this repository's documentation questions when {@code file} is null. */
    static List<Question> load(Path file) {
        if (file == null) {
            try (InputStream in = Evaluation.class.getResourceAsStream(DEFAULT_QUESTIONS)) {
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_QUESTIONS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Questions file " + file + " does not exist");
        }
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read questions file " + file + ": " + e.getMessage(), e);
        }
    }

    /** One {@code expected/path[, other/path] | question} per line; blank lines and {@code #} comments are skipped. */
    static List<Question> parse(String content, String origin) {
        List<Question> questions = new ArrayList<>();
        String[] lines = content.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf('|');
            String question = bar < 0 ? "" : line.substring(bar + 1).strip();
            List<String> expected = bar < 0 ? List.of() : Arrays.stream(line.substring(0, bar).split(","))
                    .map(String::strip).filter(p -> !p.isEmpty()).toList();
            if (expected.isEmpty() || question.isEmpty()) {
                throw new IllegalArgumentException(origin + " line " + (i + 1) + ": expected \"path | question\", got '"
                        + line + "'");
            }
            questions.add(new Question(expected, question));
        }
        if (questions.isEmpty()) {
            throw new IllegalArgumentException(origin + " holds no questions (one \"path | question\" per line)");
        }
        return questions;
    }

    /** The questions' vectors, embedded once for every version. */
    List<Embedding> embed(List<Question> questions) {
        return model.embedAll(questions.stream().map(q -> TextSegment.from(q.text())).toList()).content();
    }

    /** Searches one version of the store with every question. */
    Column score(String label, EmbeddingStore<TextSegment> store, List<Question> questions, List<Embedding> vectors) {
        int[] ranks = new int[questions.size()];
        for (int i = 0; i < questions.size(); i++) {
            List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(vectors.get(i)).query(questions.get(i).text()).maxResults(k).minScore(0.0).filter(filter).build()).matches();
            for (int rank = 1; rank <= matches.size(); rank++) {
                TextSegment segment = matches.get(rank - 1).embedded();
                String path = segment == null ? null : segment.metadata().getString(CorpusIngester.PATH);
                if (questions.get(i).expected().contains(path)) {
                    ranks[i] = rank;
                    break;
                }
            }
        }
        return new Column(label, ranks);
    }

    /** A table: one row per question with the rank of its expected source in each column, then recall@k. */
    void print(List<Question> questions, List<Column> columns, PrintStream out) {
        out.printf(Locale.ROOT, "recall@%d of the expected source, %d questions (rank of its first passage; - : not in "
                + "the top %d)%n%n", k, questions.size(), k);
        int sourceWidth = Math.max(15, questions.stream().mapToInt(q -> String.join(", ", q.expected()).length())
                .max().orElse(0));
        int[] widths = columns.stream().mapToInt(c -> Math.max(8, c.label().length())).toArray();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%3s  %-" + sourceWidth + "s", "#",
                "expected source"));
        for (int c = 0; c < columns.size(); c++) {
            header.append("  ").append(String.format(Locale.ROOT, "%-" + widths[c] + "s", columns.get(c).label()));
        }
        out.println(header.append("  question").toString().stripTrailing());
        for (int q = 0; q < questions.size(); q++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%3d  %-" + sourceWidth + "s", q + 1,
                    String.join(", ", questions.get(q).expected())));
            for (int c = 0; c < columns.size(); c++) {
                int rank = columns.get(c).ranks()[q];
                row.append("  ").append(String.format(Locale.ROOT, "%-" + widths[c] + "s",
                        rank == 0 ? "-" : Integer.toString(rank)));
            }
            out.println(row.append("  ").append(questions.get(q).text()));
        }
        StringBuilder recall = new StringBuilder(String.format(Locale.ROOT, "%3s  %-" + sourceWidth + "s", "",
                "recall@" + k));
        for (int c = 0; c < columns.size(); c++) {
            recall.append("  ").append(String.format(Locale.ROOT, "%-" + widths[c] + "s",
                    String.format(Locale.ROOT, "%.3f", columns.get(c).recall())));
        }
        out.println();
        out.println(recall.toString().stripTrailing());
    }
}
