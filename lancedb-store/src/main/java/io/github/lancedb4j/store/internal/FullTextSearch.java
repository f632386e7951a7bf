package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.LanceStoreException;
import io.github.lancedb4j.store.SearchHit;
import io.github.lancedb4j.store.TextMatch;
import io.github.lancedb4j.store.filter.MetadataFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.index.IndexDescription;
import org.lance.ipc.FullTextQuery;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.ScanOptions;

/**
 * Full-text (BM25) reads of one table, each on one {@link Snapshot}: the rows whose {@code text} best matches a query
 * text, with a metadata filter applied before ranking (Lance prefilter).
 *
 * <p>The query text is handed to Lance as the text of a match (or phrase) query — data that the index's tokenizer
 * splits into terms — never as query syntax, so quotes, operators and field prefixes in it cannot change the query.
 * Rows written after the index was built are matched too (Lance scans them); the index works without them.
 */
public final class FullTextSearch {

    private final TableContext context;
    /**
     * Per snapshot (weakly held, so gone with it): whether Lance ranks this version's matches itself. It does when a
     * full-text index holds at least one fragment; without an index, or with one built on an empty table, it returns
     * the first matches it finds, unranked, so the limit must be applied here.
     */
    private final Map<Snapshot, Boolean> ranksTopK = Collections.synchronizedMap(new WeakHashMap<>());

    public FullTextSearch(TableContext context) {
        this.context = context;
    }

    /**
     * The best {@code limit} rows for the text, best first, each with its BM25 score relative to the best hit as
     * {@link SearchHit#score()} (1 for the best) and the raw BM25 score as {@link SearchHit#textScore()}.
     */
    public List<SearchHit> search(Snapshot snapshot, String text, TextMatch match, MetadataFilter filter, int limit,
            String vectorColumn) {
        List<SearchHit> ranked = rank(snapshot, text, match, filter, limit, vectorColumn);
        if (ranked.isEmpty()) {
            return ranked;
        }
        double best = ranked.get(0).textScore();
        List<SearchHit> relative = new ArrayList<>(ranked.size());
        for (SearchHit hit : ranked) {
            relative.add(hit.withScore(best > 0 ? hit.textScore() / best : 1.0));
        }
        return relative;
    }

    /**
     * The best {@code limit} rows for the text, best first, with the raw BM25 score as score and text score. A text
     * without terms (blank, punctuation or stop words only) matches nothing.
     *
     * @param vectorColumn a vector column to read into the hits, or null
     */
    public List<SearchHit> rank(Snapshot snapshot, String text, TextMatch match, MetadataFilter filter, int limit,
            String vectorColumn) {
        if (limit <= 0) {
            throw new IllegalArgumentException("The number of results must be greater than 0, got " + limit);
        }
        if (text == null || text.isBlank()) {
            return List.of();
        }
        TableLayout layout = snapshot.layout();
        if (vectorColumn != null) {
            layout.vectorColumn(context.name(), vectorColumn); // names the table's columns when it has no such column
        }
        String predicate = filter == null ? null : layout.filterSql().predicate(filter);
        List<String> projection = new ArrayList<>(List.of(TableSchema.ID, TableSchema.TEXT, TableSchema.METADATA,
                TableSchema.METADATA_TYPES));
        if (vectorColumn != null) {
            projection.add(vectorColumn);
        }
        projection.add(FullTextResultReader.SCORE);
        FullTextQuery query = match == TextMatch.PHRASE ? FullTextQuery.phrase(text, TableSchema.TEXT)
                : FullTextQuery.match(text, TableSchema.TEXT);
        ScanOptions.Builder options = new ScanOptions.Builder().fullTextQuery(query).columns(projection);
        if (ranksTopK(snapshot)) {
            options.limit(limit);
        }
        if (predicate != null) {
            options.filter(predicate).prefilter(true);
        }
        ScanOptions scan = options.build();
        List<SearchHit> hits;
        try {
            hits = context.call("full-text search", () -> {
                try (LanceScanner scanner = snapshot.dataset().newScan(scan);
                        ArrowReader reader = scanner.scanBatches()) {
                    return FullTextResultReader.read(reader, vectorColumn);
                }
            });
        } catch (LanceStoreException e) {
            if (LanceErrors.isTextQueryWithoutTerms(e)) {
                return List.of();
            }
            if (LanceErrors.isPhraseWithoutPositions(e)) {
                throw new IllegalArgumentException("A phrase search needs a full-text index with term positions; the "
                        + "full-text index of table '" + context.name() + "' was built without them. Rebuild it with "
                        + "FullTextIndexSpec.withPositions(true), or search with TextMatch.ANY_TERM", e);
            }
            throw e;
        }
        // Without a limit, every match came back in storage order: rank them here.
        List<SearchHit> sorted = new ArrayList<>(hits);
        sorted.sort(Comparator.comparingDouble(SearchHit::textScore).reversed());
        return sorted.size() > limit ? sorted.subList(0, limit) : sorted;
    }

    private boolean ranksTopK(Snapshot snapshot) {
        return ranksTopK.computeIfAbsent(snapshot, s -> context.call("describe full-text index", () -> {
            List<Integer> text = List.of(s.dataset().getLanceSchema().fields().stream()
                    .filter(f -> f.getName().equals(TableSchema.TEXT)).findFirst().orElseThrow().getId());
            for (IndexDescription d : s.dataset().describeIndices()) {
                if ("inverted".equalsIgnoreCase(d.getIndexType()) && d.getFieldIds().equals(text)
                        && d.getRowsIndexed() > 0) {
                    return true;
                }
            }
            return false;
        }));
    }
}
