package io.github.lancedb4j.store;

/**
 * A failure inside Lance (storage, native code, commit conflicts), with the table and operation it happened in.
 *
 * <p>Bad input never gets this exception: it is rejected with an {@link IllegalArgumentException} before Lance is
 * called, so a failed call leaves the table as it was.
 */
public class LanceStoreException extends RuntimeException {

    /** What kind of failure it is, as far as Lance's messages tell (Lance has no error codes). */
    public enum Kind {
        /** Another writer committed first and retrying did not help within the retry budget. */
        COMMIT_CONFLICT,
        /** The storage location refused the credentials (HTTP 403, signature mismatch, permission denied). */
        ACCESS_DENIED,
        /** The bucket or container does not exist. */
        NO_BUCKET,
        /** The storage endpoint cannot be reached (connection refused, DNS, timeout). */
        UNREACHABLE,
        /** The table, version or file does not exist. */
        NOT_FOUND,
        /** The table already exists. */
        ALREADY_EXISTS,
        OTHER
    }

    private final String table;
    private final String operation;
    private final Kind kind;

    public LanceStoreException(String table, String operation, String message, Throwable cause) {
        this(table, operation, message, cause, Kind.OTHER);
    }

    public LanceStoreException(String table, String operation, String message, Throwable cause, Kind kind) {
        super(message, cause);
        this.table = table;
        this.operation = operation;
        this.kind = kind;
    }

    /** The table's name (or URI when the failure happened before the table was open). */
    public String table() {
        return table;
    }

    /** What was being done: "open", "create", "upsert", "delete", "search", ... */
    public String operation() {
        return operation;
    }

    public Kind kind() {
        return kind;
    }
}
