package io.github.lancedb4j.store;

import io.github.lancedb4j.store.internal.VersionCleanup;
import io.github.lancedb4j.store.internal.VersionHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table's versions and tags ({@link LanceTable#history()}): what committed each version, tags that name versions
 * (and keep them through cleanups), restoring a version, and removing old ones. Reading a version is
 * {@link LanceTable#asOf}. Obtained from a read-only view, {@link #tag(String)} tags the view's version and the
 * writes ({@link #restore}, {@link #cleanUpVersions}) are refused.
 */
public final class TableHistory {

    private static final Logger log = LoggerFactory.getLogger(TableHistory.class);

    private final LanceTable table;
    private final VersionHistory history;

    TableHistory(LanceTable table, VersionHistory history) {
        this.table = table;
        this.history = history;
    }

    /**
     * Every version the table keeps, oldest first, with what committed it, its rows and its tags. Reads one small
     * file per version (on object storage one request each): see {@link #versions(int)} for the newest few.
     */
    public List<TableVersion> versions() {
        return versions(Integer.MAX_VALUE);
    }

    /** The newest {@code newest} versions, oldest first. */
    public List<TableVersion> versions(int newest) {
        return table.snapshots().read(s -> history.versions(s.dataset(), newest));
    }

    /** The number of versions the table keeps (one listing, no per-version reads). */
    public int versionCount() {
        return table.snapshots().read(s -> history.versionCount(s.dataset()));
    }

    /** The table's tags, by name. */
    public List<TableTag> tags() {
        return table.snapshots().read(s -> history.tags(s.dataset()));
    }

    /**
     * Tags the version the table's searches see now (for a view, its version). A tagged version is kept by every
     * cleanup until the tag is deleted or moved.
     *
     * @throws IllegalArgumentException when the name is invalid (see {@link TableTag}) or already taken
     */
    public TableTag tag(String name) {
        return tag(name, table.version());
    }

    /** Tags a version. */
    public TableTag tag(String name, long version) {
        return history.createTag(name, version);
    }

    /**
     * Points an existing tag at another version (e.g. a release tag at a new build); this process's views opened by
     * the tag move with it.
     */
    public TableTag moveTag(String name, long version) {
        TableTag moved = history.moveTag(name, version);
        table.root().views().followTag(name);
        return moved;
    }

    /** Deletes a tag; the version stays until a cleanup removes it like any other old version. */
    public void deleteTag(String name) {
        history.deleteTag(name);
    }

    /**
     * Makes a tagged or numbered version the latest again: commits a new version with its rows, columns and indexes
     * (nothing is rewritten, and the versions in between stay readable until a cleanup removes them). Searches move
     * to it at once. Refused when the version lacks a vector column the table has now (stores on that column would
     * break).
     *
     * @return the version committed
     */
    public long restore(String tagOrVersion) {
        table.requireWritable("restore");
        return restore(resolve(tagOrVersion));
    }

    /** Makes a version the latest again; see {@link #restore(String)}. */
    public long restore(long version) {
        table.requireWritable("restore");
        AtomicLong committed = new AtomicLong();
        table.writer().write("restore version " + version, latest -> history.restore(latest, version,
                committed::set));
        log.info("Restored version {} of table '{}' as version {}", version, table.name(), committed.get());
        return committed.get();
    }

    /**
     * Deletes the files of versions committed more than {@code olderThan} ago, except tagged versions and versions
     * this process reads (its searches' snapshot, open views). Returns how many versions were removed.
     */
    public long cleanUpVersions(Duration olderThan) {
        table.requireWritable("clean up old versions");
        return new VersionCleanup(table.context(), table::oldestVersionInUse).run(olderThan);
    }

    /** The version a tag or version number names, or an {@link IllegalArgumentException} naming what exists. */
    long resolve(String tagOrVersion) {
        return table.root().snapshots().read(s -> history.resolve(s.dataset(), tagOrVersion));
    }

    /** The version that was the latest at {@code time}. */
    long resolve(Instant time) {
        return table.root().snapshots().read(s -> history.resolve(s.dataset(), time));
    }

    void requireVersion(long version) {
        table.root().snapshots().read(s -> {
            history.requireVersion(s.dataset(), version);
            return null;
        });
    }
}
