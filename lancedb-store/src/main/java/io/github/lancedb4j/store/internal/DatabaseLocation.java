package io.github.lancedb4j.store.internal;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Pattern;

/** Database URIs and table names: which are local directories, and which names are safe as paths. */
public final class DatabaseLocation {

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,254}");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.\\-]*://.*");

    private DatabaseLocation() {
    }

    /** A local directory for a plain path or a {@code file:} URI; null for object-store URIs. */
    public static Path localPath(String uri) {
        if (uri.isBlank()) {
            throw new IllegalArgumentException("The database URI is empty");
        }
        if (uri.startsWith("file:")) {
            return Paths.get(URI.create(uri)).toAbsolutePath().normalize();
        }
        if (SCHEME.matcher(uri).matches()) {
            return null;
        }
        return Paths.get(uri).toAbsolutePath().normalize();
    }

    public static String withoutTrailingSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** Table names become path segments: letters, digits, '_', '-' and '.', not starting with '-' or '.'. */
    public static void validateTableName(String table) {
        if (table == null || !TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("Table name '" + table + "' is not valid: use letters, digits, '_', "
                    + "'-' and '.', not starting with '-' or '.'");
        }
    }
}
