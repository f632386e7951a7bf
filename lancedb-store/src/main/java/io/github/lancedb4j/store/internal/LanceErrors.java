package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.LanceStoreException;
import java.util.Locale;

/**
 * The one place that reads Lance's error messages. Lance's Java SDK throws untyped exceptions (and undeclared
 * {@code IOException}s) whose only structure is the text of the Rust error's display; this class turns that text into
 * a {@link LanceStoreException.Kind}, so that the rest of the library (and the starter's start-up checks) never
 * match on messages themselves.
 */
public final class LanceErrors {

    private static final java.util.regex.Pattern HTTP_403 = java.util.regex.Pattern.compile("status( code)?:? 403\\b");

    private LanceErrors() {
    }

    /** The kind of failure, from the whole cause chain's messages. */
    public static LanceStoreException.Kind classify(Throwable error) {
        String text = messages(error);
        if (isConflictText(text)) {
            return LanceStoreException.Kind.COMMIT_CONFLICT;
        }
        // Not a bare "403": table names and paths may contain those digits.
        if (HTTP_403.matcher(text).find() || text.contains("accessdenied") || text.contains("signaturedoesnotmatch")
                || text.contains("invalidaccesskeyid") || text.contains("permission denied")
                || text.contains("forbidden")) {
            return LanceStoreException.Kind.ACCESS_DENIED;
        }
        if (text.contains("nosuchbucket") || text.contains("bucket does not exist")) {
            return LanceStoreException.Kind.NO_BUCKET;
        }
        if (text.contains("error sending request") || text.contains("connection refused") || text.contains("timed out")
                || text.contains("dns error") || text.contains("tcp connect")) {
            return LanceStoreException.Kind.UNREACHABLE;
        }
        if (text.contains("was not found") || text.contains("not found: no such file")
                || text.contains("dataset at path") && text.contains("not found")) {
            return LanceStoreException.Kind.NOT_FOUND;
        }
        if (text.contains("already exists")) {
            return LanceStoreException.Kind.ALREADY_EXISTS;
        }
        return LanceStoreException.Kind.OTHER;
    }

    /**
     * Whether a commit failed only because another writer (another thread, process, index build or compaction)
     * committed first. Our writes are re-run from scratch on the latest version, so every such failure is safe to
     * retry: Lance's "Retryable commit conflict", a plain "Commit conflict", "Too many concurrent writers" (its own
     * retries ran out) and an "Incompatible transaction" (a rebase is impossible, a re-run is not).
     */
    public static boolean isCommitConflict(Throwable error) {
        return isConflictText(messages(error));
    }

    private static boolean isConflictText(String text) {
        return text.contains("retryable commit conflict") || text.contains("commit conflict for version")
                || text.contains("too many concurrent writers") || text.contains("incompatible transaction")
                || text.contains("was preempted by concurrent transaction");
    }

    /**
     * Whether a full-text query failed only because its text holds no term once tokenized (blank, punctuation, stop
     * words): Lance's scan of rows the index does not hold yet then fails building an empty batch, where the index
     * itself answers with no rows. No terms means no matches.
     */
    public static boolean isTextQueryWithoutTerms(Throwable error) {
        return messages(error).contains("all columns in a record batch must have the same length");
    }

    /** Whether a phrase query failed because the full-text index was built without term positions. */
    public static boolean isPhraseWithoutPositions(Throwable error) {
        return messages(error).contains("position is not found but required for phrase queries");
    }

    /** Whether the dataset (or one of its files, removed by a concurrent cleanup) does not exist. */
    public static boolean isNotFound(Throwable error) {
        return classify(error) == LanceStoreException.Kind.NOT_FOUND;
    }

    public static boolean isAlreadyExists(Throwable error) {
        return classify(error) == LanceStoreException.Kind.ALREADY_EXISTS;
    }

    private static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                all.append(t.getMessage()).append('\n');
            }
        }
        return all.toString().toLowerCase(Locale.ROOT);
    }
}
