package io.github.lancedb4j.store;

import java.time.Instant;

/**
 * A named version of a table. A tag keeps its version readable ({@link LanceTable#asOf(String)}) and restorable
 * ({@link TableHistory#restore(String)}): cleanup of old versions never removes a tagged version.
 *
 * @param name      letters, digits, {@code .}, {@code -} and {@code _}; not only digits (those name versions)
 * @param version   the version it names
 * @param createdAt when it was created, or null when the table does not record it
 * @param updatedAt when it was last moved, or null
 */
public record TableTag(String name, long version, Instant createdAt, Instant updatedAt) {
}
