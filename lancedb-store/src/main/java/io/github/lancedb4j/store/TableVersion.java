package io.github.lancedb4j.store;

import java.time.Instant;
import java.util.List;

/**
 * One committed version of a table: every write, index build, compaction and restore commits one.
 *
 * @param version   the version number (1 is the table's creation)
 * @param timestamp when it was committed
 * @param operation what committed it, as Lance names it: {@code Overwrite} (creation), {@code Append},
 *                  {@code Update} (upsert), {@code Delete}, {@code CreateIndex}, {@code Rewrite} (compaction),
 *                  {@code Restore}, {@code Merge} (a column added), {@code UpdateConfig}, … — or {@code unknown} when
 *                  the version's transaction file is gone
 * @param detail    what the operation says about itself (a delete's predicate, the version a restore brought back,
 *                  the indexes built), or null
 * @param rows      the rows in this version
 * @param tags      the tags on this version
 */
public record TableVersion(long version, Instant timestamp, String operation, String detail, long rows,
        List<String> tags) {

    public TableVersion {
        tags = List.copyOf(tags);
    }

    /** One line: {@code 7  Delete (id IN ('a'))  41 rows  [release-1]}. */
    public String summary() {
        return version + "  " + operation + (detail == null ? "" : " (" + detail + ")") + "  " + rows + " rows"
                + (tags.isEmpty() ? "" : "  " + tags);
    }
}
