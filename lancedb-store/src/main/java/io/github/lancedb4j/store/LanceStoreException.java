package io.github.lancedb4j.store;

/**
 * A failure inside Lance (storage, native code, commit conflicts), with the table and operation it happened in.
 *
 * <p>Bad input never gets this exception: it is rejected with an {@link IllegalArgumentException} before Lance is
 * called, so a failed call leaves the table as it was.
 */
public class LanceStoreException extends RuntimeException {

    private final String table;
    private final String operation;

    public LanceStoreException(String table, String operation, String message, Throwable cause) {
        super(message, cause);
        this.table = table;
        this.operation = operation;
    }

    /** The table's name (or URI when the failure happened before the table was open). */
    public String table() {
        return table;
    }

    /** What was being done: "open", "create", "upsert", "delete", "search", ... */
    public String operation() {
        return operation;
    }
}
