package io.github.lancedb4j.samples.rag;

import io.github.lancedb4j.store.SearchMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The parsed command line: {@code ingest [folder]} or {@code ask "question"}, with options. */
record Options(
        String command,
        String argument,
        Path data,
        String table,
        String column,
        int maxResults,
        double minScore,
        List<String> filters,
        boolean noChat,
        SearchMode mode) {

    static final String USAGE = """
            Usage: run <command> [options]

              ingest [folder]       load, split and embed the documents of a folder (.md .markdown .txt .html .htm
                                    .pdf) into a Lance table; default folder: this repository's documentation.
                                    Re-running re-embeds only the files whose content changed.
              ask "question"        retrieve the most relevant passages; with a chat model configured, answer
                                    from them with sources, otherwise print them with scores and sources

            Options:
              --data <dir>          LanceDB database directory (default ./lancedb-data)
              --table <name>        table (default documents)
              --column <name>       vector column of the embedding model (default vector)
              -k <n>                ask: number of passages (default 4)
              --mode <mode>         ask: vector (by meaning, the default), full-text (by the words typed: codes,
                                    names, rare terms; BM25) or hybrid (both, fused by reciprocal rank fusion)
              --min-score <x>       ask: minimum relevance score, 0..1 (default 0.5 for vector, 0 for the others:
                                    full-text scores are relative to the best match, hybrid ones are fused ranks)
              --filter <expr>       ask: metadata filter; repeat to combine with AND:
                                      key=value  key!=value  key~substring  key>n  key>=n  key<n  key<=n
                                    keys: file_name, path, segment, content_sha256, corpus
                                    (a whole-number value compares as a number; quote it to compare text)
              --no-chat             ask: print the passages even when a chat model is configured
              -h, --help            this help

            Chat model for ask (optional), from the environment:
              HOLYSHEEP_API_KEY [HOLYSHEEP_BASE_URL, default https://api.holysheep.ai/v1]
              or OPENAI_API_KEY [OPENAI_BASE_URL, default https://api.openai.com/v1]
              CHAT_MODEL (default gpt-4o-mini)
            """;

    static final String HELP = "help";

    /** Parses the arguments; an {@link IllegalArgumentException} says what is wrong. */
    static Options parse(String[] args) {
        String command = null;
        String argument = null;
        Path data = Path.of("lancedb-data");
        String table = "documents";
        String column = "vector";
        int maxResults = 4;
        Double minScore = null;
        List<String> filters = new ArrayList<>();
        boolean noChat = false;
        SearchMode mode = SearchMode.VECTOR;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return new Options(HELP, null, data, table, column, maxResults, 0.5, filters, noChat, mode);
                }
                case "--data" -> data = Path.of(value(args, ++i, a));
                case "--table" -> table = value(args, ++i, a);
                case "--column" -> column = value(args, ++i, a);
                case "-k", "--max-results" -> maxResults = positiveInt(value(args, ++i, a), a);
                case "--min-score" -> minScore = score(value(args, ++i, a));
                case "--filter" -> filters.add(value(args, ++i, a));
                case "--no-chat" -> noChat = true;
                case "--mode" -> mode = SearchMode.parse(value(args, ++i, a));
                default -> {
                    if (a.startsWith("-") && a.length() > 1) {
                        throw new IllegalArgumentException("Unknown option " + a);
                    } else if (command == null) {
                        command = a;
                    } else if (argument == null) {
                        argument = a;
                    } else {
                        throw new IllegalArgumentException("Unexpected argument '" + a + "' (quote a question that has spaces)");
                    }
                }
            }
        }
        if (command == null) {
            throw new IllegalArgumentException("Missing command: ingest or ask");
        }
        if (!command.equals("ingest") && !command.equals("ask")) {
            throw new IllegalArgumentException("Unknown command '" + command + "': use ingest or ask");
        }
        if (command.equals("ask") && (argument == null || argument.isBlank())) {
            throw new IllegalArgumentException("ask needs a question, e.g. ask \"How do I store vectors on S3?\"");
        }
        if (command.equals("ingest") && !filters.isEmpty()) {
            throw new IllegalArgumentException("--filter applies to ask, not to ingest");
        }
        double threshold = minScore != null ? minScore : mode == SearchMode.VECTOR ? 0.5 : 0.0;
        return new Options(command, argument, data, table, column, maxResults, threshold, List.copyOf(filters), noChat,
                mode);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException("Option " + option + " needs a value");
        }
        return args[i];
    }

    private static int positiveInt(String value, String option) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("Option " + option + " needs a positive whole number, got '" + value + "'");
    }

    private static double score(String value) {
        try {
            double d = Double.parseDouble(value);
            if (d >= 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("Option --min-score needs a number from 0 to 1, got '" + value + "'");
    }
}
