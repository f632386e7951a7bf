package io.github.lancedb4j.store;

import io.github.lancedb4j.store.internal.VersionHistory;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lance.Dataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only views ({@link LanceTable#asOf}) open on one table: opened here, closed with it, moved when their tag
 * moves, and the versions they read kept by cleanups run in this process.
 */
final class TableViews {

    private static final Logger log = LoggerFactory.getLogger(TableViews.class);

    private final LanceTable table;
    private final VersionHistory history;
    private final Set<LanceTable> open = ConcurrentHashMap.newKeySet();

    TableViews(LanceTable table, VersionHistory history) {
        this.table = table;
        this.history = history;
    }

    /** A view of {@code version}, opened by {@code tag} (followed on refresh) or by number (tag null). */
    LanceTable open(long version, String tag) {
        String asked = tag == null ? "version " + version : "tag '" + tag + "' (version " + version + ")";
        Dataset dataset = history.openReadable(version, asked);
        LanceTable view = table.newView(dataset, tag);
        open.add(view);
        if (table.isClosed()) {
            view.close();
            throw new IllegalStateException("Table '" + table.name() + "' is closed");
        }
        log.debug("Opened table '{}' as of {}", table.name(), asked);
        return view;
    }

    /** Moves a view opened by tag to the version its tag names now; returns whether it moved. */
    boolean follow(LanceTable view) {
        String tag = view.viewTag().orElse(null);
        if (tag == null) {
            return false;
        }
        long now = table.history().resolve(tag);
        if (now == view.version()) {
            return false;
        }
        view.snapshots().replace(history.open(now, "tag '" + tag + "' (version " + now + ")"));
        log.info("View of table '{}' as of tag '{}' moved to version {}", table.name(), tag, now);
        return true;
    }

    /** Moves the views opened by {@code tag} to the version it names now (after the tag was moved here). */
    void followTag(String tag) {
        for (LanceTable view : open) {
            if (view.viewTag().filter(tag::equals).isPresent()) {
                try {
                    follow(view);
                } catch (IllegalStateException closed) {
                    // closed meanwhile
                }
            }
        }
    }

    void remove(LanceTable view) {
        open.remove(view);
    }

    /** The oldest version an open view reads, or {@link Long#MAX_VALUE} when none is open. */
    long oldestVersion() {
        long oldest = Long.MAX_VALUE;
        for (LanceTable view : open) {
            try {
                oldest = Math.min(oldest, view.version());
            } catch (IllegalStateException closed) {
                // closed meanwhile
            }
        }
        return oldest;
    }

    void closeAll() {
        new ArrayList<>(open).forEach(LanceTable::close);
    }
}
