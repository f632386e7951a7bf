package io.github.lancedb4j.samples.rag;

import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.filter.Filter;
import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import io.github.lancedb4j.store.FullTextIndexSpec;
import io.github.lancedb4j.store.LanceDatabase;
import io.github.lancedb4j.store.LanceStoreException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The sample's command line: {@code ingest [folder]} and {@code ask "question"}; see {@link Options#USAGE}.
 *
 * <p>{@link #run} takes the arguments, the environment and the output streams, so tests drive the same path as
 * {@link #main}. Results go to {@code out}; progress and errors to {@code err}.
 */
public final class RagCommand {

    /** The in-process embedding model's name, as shown in messages. */
    static final String MODEL_NAME = "all-MiniLM-L6-v2";
    static final int SEGMENT_CHARS = 600;
    static final int SEGMENT_OVERLAP_CHARS = 60;

    private final Supplier<EmbeddingModel> embeddingModel;
    private final String modelName;
    private final Path workingDirectory;
    private final Duration progressInterval;

    public RagCommand() {
        this(AllMiniLmL6V2EmbeddingModel::new, MODEL_NAME, Path.of(""), Duration.ofSeconds(2));
    }

    RagCommand(Supplier<EmbeddingModel> embeddingModel, String modelName, Path workingDirectory,
            Duration progressInterval) {
        this.embeddingModel = embeddingModel;
        this.modelName = modelName;
        this.workingDirectory = workingDirectory;
        this.progressInterval = progressInterval;
    }

    public static void main(String[] args) {
        System.exit(new RagCommand().run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command; returns the exit code (0 ok, 1 failure, 2 bad usage or input). */
    public int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println();
            err.print(Options.USAGE);
            return 2;
        }
        if (options.command().equals(Options.HELP)) {
            out.print(Options.USAGE);
            return 0;
        }
        try {
            return options.command().equals("ingest") ? ingest(options, out, err) : ask(options, env, out, err);
        } catch (CommandException e) {
            err.println(e.getMessage());
            return 2;
        } catch (LanceStoreException e) {
            err.println("LanceDB failed: " + e.getMessage());
            return 1;
        }
    }

    private int ingest(Options options, PrintStream out, PrintStream err) {
        Corpus corpus;
        try {
            corpus = options.argument() == null
                    ? Corpus.repositoryDocs(workingDirectory)
                    : Corpus.of(workingDirectory.resolve(options.argument()));
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
        err.println("Corpus " + corpus.root() + ": " + corpus.files().size() + " files (" + corpus.description() + ")");
        err.println("Embedding model " + modelName + " (in-process)");
        EmbeddingModel model = embeddingModel.get();
        try (LanceDatabase db = LanceDatabase.connect(data(options).toString());
                LanceDbEmbeddingStore store = openStore(db, options, model, true, err)) {
            CorpusIngester ingester = new CorpusIngester(model, store,
                    DocumentSplitters.recursive(SEGMENT_CHARS, SEGMENT_OVERLAP_CHARS), err, progressInterval);
            CorpusIngester.Report r = ingester.ingest(corpus);
            for (CorpusIngester.Skipped s : r.skipped()) {
                err.println("  skipped " + s.path() + ": " + s.reason());
            }
            for (String path : r.removed()) {
                err.println("  removed " + path + " (no longer in the folder)");
            }
            out.printf(Locale.ROOT, "%d files: %d unchanged, %d re-embedded, %d new%s%s%s%n", r.files(),
                    r.unchanged(), r.changed(), r.added(),
                    r.backfilled() == 0 ? "" : ", " + r.backfilled() + " backfilled into column '"
                            + store.vectorColumn().name() + "'",
                    r.removed().isEmpty() ? "" : ", " + r.removed().size() + " removed",
                    r.skipped().isEmpty() ? "" : ", " + r.skipped().size() + " skipped");
            out.printf(Locale.ROOT, "%d segments embedded%s; table '%s' (column '%s', %d dimensions) holds %d "
                            + "segments of this corpus at %s%n",
                    r.segmentsEmbedded(),
                    r.segmentsEmbedded() == 0 ? "" : String.format(Locale.ROOT, " (%.0f vectors/s)", r.vectorsPerSecond()),
                    options.table(), store.vectorColumn().name(), store.vectorColumn().dimension(), r.rowsInCorpus(),
                    db.tableUri(options.table()));
            return 0;
        }
    }

    private int ask(Options options, Map<String, String> env, PrintStream out, PrintStream err) {
        Filter filter;
        try {
            filter = FilterExpression.parse(options.filters());
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
        Path data = data(options);
        if (!Files.isDirectory(data.resolve(options.table() + ".lance"))) {
            throw new CommandException("Nothing ingested yet: no table '" + options.table() + "' in " + data
                    + ". Run ingest first.");
        }
        EmbeddingModel model = embeddingModel.get();
        ChatSettings chat = options.noChat() ? null : ChatSettings.fromEnvironment(env);
        try (LanceDatabase db = LanceDatabase.connect(data.toString());
                LanceDbEmbeddingStore store = openStore(db, options, model, false, err)) {
            Answerer answerer = new Answerer(model, store, options.maxResults(), options.minScore(), filter);
            int found;
            if (chat == null) {
                found = answerer.printPassages(options.argument(), out);
                if (found > 0 && !options.noChat()) {
                    out.println("(No chat model configured: set OPENAI_API_KEY or HOLYSHEEP_API_KEY, and CHAT_MODEL, "
                            + "to get an answer written from these passages.)");
                }
            } else {
                err.println("Asking " + chat + " ...");
                ChatModel chatModel = chat.chatModel();
                try {
                    found = answerer.printAnswer(options.argument(), chatModel, out);
                } catch (RuntimeException e) {
                    err.println("The chat model " + chat + " failed: " + e.getMessage());
                    err.println("The passages it would have been given:");
                    answerer.printPassages(options.argument(), out);
                    return 1;
                }
            }
            if (found == 0) {
                out.printf(Locale.ROOT, "No passage scored %.2f or more%s. Try a lower --min-score%s.%n",
                        options.minScore(), filter == null ? "" : " among those matching the filter",
                        filter == null ? "" : " or another --filter");
            }
            return 0;
        }
    }

    private Path data(Options options) {
        return workingDirectory.resolve(options.data()).toAbsolutePath().normalize();
    }

    /**
     * Opens the store on the option's column with the model's dimension. A column that exists with another dimension
     * means the table was built with another model: that stops the command with a message saying how to give this
     * model its own column.
     */
    private LanceDbEmbeddingStore openStore(LanceDatabase db, Options options, EmbeddingModel model, boolean create,
            PrintStream err) {
        int dimension = model.dimension();
        String column = options.column();
        Map<String, Integer> columns = db.tableExists(options.table())
                ? db.openTable(options.table(), List.of(), false).vectorColumns()
                : null;
        Integer existing = columns == null ? null : columns.get(column);
        if (existing != null && existing != dimension) {
            throw new CommandException(dimensionClash(db, options, columns, existing, model));
        }
        if (columns != null && existing == null) {
            if (!create) {
                throw new CommandException("Table '" + options.table() + "' has no vector column '" + column
                        + "' (its vector columns: " + columns + "). Run ingest with --column " + column + " first.");
            }
            err.println("Adding vector column '" + column + "' (" + dimension + " dimensions) for " + modelName
                    + " to table '" + options.table() + "'; existing rows and their other columns stay as they are");
        }
        try {
            return LanceDbEmbeddingStore.builder()
                    .database(db)
                    .tableName(options.table())
                    .vectorColumn(column)
                    .dimension(dimension)
                    .createIfMissing(create)
                    .searchMode(options.mode())
                    // Kept by ingest too, so that ask can search in every mode at once.
                    .fullTextIndex(FullTextIndexSpec.defaults())
                    .build();
        } catch (IllegalArgumentException e) {
            // e.g. another process changed the table meanwhile, or an invalid table/column name
            throw new CommandException(e.getMessage());
        }
    }

    private String dimensionClash(LanceDatabase db, Options options, Map<String, Integer> columns, int existing,
            EmbeddingModel model) {
        String suggestion = suggestedColumn(columns);
        String folder = options.command().equals("ingest") && options.argument() != null ? " " + options.argument() : "";
        return String.format(Locale.ROOT, """
                Dimension clash: vector column '%s' of table '%s' (%s) holds %d-dimensional vectors, but the \
                embedding model %s (%s) makes %d-dimensional ones. The table was built with another embedding model.
                To use %s on this table, give it its own vector column: the column is added without rewriting any \
                data, and texts and metadata are shared with the existing column:
                  run ingest%s --column %s
                  run ask "..." --column %s
                Or keep the models apart with another table (--table <name>) or database directory (--data <dir>).
                """, options.column(), options.table(), db.tableUri(options.table()), existing, modelName,
                model.getClass().getName(), model.dimension(), modelName, folder, suggestion, suggestion).stripTrailing();
    }

    private String suggestedColumn(Map<String, Integer> columns) {
        String base = modelName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
            base = "v_" + base;
        }
        String name = base;
        for (int i = 2; columns.containsKey(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /** A problem with the user's input, reported as one message without a stack trace. */
    static final class CommandException extends RuntimeException {
        CommandException(String message) {
            super(message);
        }
    }
}
