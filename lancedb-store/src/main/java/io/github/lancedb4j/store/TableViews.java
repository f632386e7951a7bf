package io.github.lancedb4j.store;

import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read-only views ({@link LanceTable#asOf}) open on one table: closed with it, and the versions they read kept
 * by cleanups run in this process.
 */
final class TableViews {

    private final Set<LanceTable> open = ConcurrentHashMap.newKeySet();

    void add(LanceTable view) {
        open.add(view);
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

    /** Moves the views opened by {@code tag} to the version it names now (after the tag was moved here). */
    void followTag(String tag) {
        for (LanceTable view : open) {
            if (view.viewTag().filter(tag::equals).isPresent()) {
                try {
                    view.refresh();
                } catch (IllegalStateException closed) {
                    // closed meanwhile
                }
            }
        }
    }

    int size() {
        return open.size();
    }

    void closeAll() {
        new ArrayList<>(open).forEach(LanceTable::close);
    }
}
