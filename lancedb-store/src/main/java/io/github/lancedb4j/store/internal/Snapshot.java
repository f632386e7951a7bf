package io.github.lancedb4j.store.internal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.lance.Dataset;

/**
 * One version of a table as searches see it: the Lance handle, the version, the {@link TableLayout} of its schema and
 * (read on first use, then kept) its vector indexes. Immutable, and swapped as a whole, so a search never mixes the
 * handle of one version with the columns or indexes of another.
 *
 * <p>Reference-counted: the manager holds one reference while the snapshot is current, each read holds one while it
 * runs; the handle is closed when the last one is released, so a swap never breaks an in-flight search.
 */
public final class Snapshot {

    private final Dataset dataset;
    private final long version;
    private final TableLayout layout;
    private final AtomicInteger references = new AtomicInteger(1);
    private volatile IndexState indexes;
    private volatile io.github.lancedb4j.store.filter.FilterSql filterSql;
    /** Rows matching a predicate on this version: filtered searches ask again and again for the same filters. */
    private final Map<String, Long> matchingRows = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                    return size() > MATCH_COUNT_CACHE;
                }
            });

    /** Distinct predicates whose match counts a snapshot keeps. */
    static final int MATCH_COUNT_CACHE = 256;

    public Snapshot(Dataset dataset, TableLayout previous) {
        this.dataset = dataset;
        this.version = dataset.version();
        this.layout = previous == null ? TableLayout.of(dataset) : previous.forVersion(dataset);
    }

    public Dataset dataset() {
        return dataset;
    }

    public long version() {
        return version;
    }

    public TableLayout layout() {
        return layout;
    }

    /** The vector indexes of this version, read once by {@code reader} (concurrent first reads may both read). */
    public IndexState indexes(Supplier<IndexState> reader) {
        IndexState state = indexes;
        if (state == null) {
            state = reader.get();
            indexes = state;
        }
        return state;
    }

    /**
     * The filter translator of this version: its declared typed columns and, when keys are promoted, those too,
     * with the version's coverage of them (counted on first use).
     */
    public io.github.lancedb4j.store.filter.FilterSql filterSql(java.util.function.LongPredicate fullyCovered) {
        io.github.lancedb4j.store.filter.FilterSql sql = filterSql;
        if (sql == null) {
            sql = layout.promotedKeys().isEmpty() ? layout.filterSql()
                    : io.github.lancedb4j.store.filter.FilterSql.withPromotedKeys(layout.metadataColumns(),
                            new PromotedKeySql(layout.promotedKeys(), fullyCovered));
            filterSql = sql;
        }
        return sql;
    }

    /** The number of rows matching {@code predicate} on this version, counted once by {@code counter}. */
    public long matchingRows(String predicate, Supplier<Long> counter) {
        Long known = matchingRows.get(predicate);
        if (known == null) {
            known = counter.get();
            matchingRows.put(predicate, known);
        }
        return known;
    }

    /** Takes a reference, or returns false when the snapshot is already closed (the caller takes the new one). */
    public boolean tryRetain() {
        while (true) {
            int n = references.get();
            if (n == 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    public void release() {
        if (references.decrementAndGet() == 0) {
            dataset.close();
        }
    }
}
