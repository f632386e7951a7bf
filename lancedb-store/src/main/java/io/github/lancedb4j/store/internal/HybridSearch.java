package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.SearchHit;
import io.github.lancedb4j.store.SearchQuery;
import java.util.List;

/**
 * Hybrid search on one {@link Snapshot}: a vector search and a full-text search of the same version (Lance cannot run
 * both in one scan), each with the query's filter as a prefilter and {@link SearchQuery#candidates()} rows, fused by
 * {@link RankFusion}. An arm whose weight is 0, or a blank query text, contributes no ranking.
 */
public final class HybridSearch {

    private final TableContext context;
    private final VectorSearch vectors;
    private final FullTextSearch texts;

    public HybridSearch(TableContext context, VectorSearch vectors, FullTextSearch texts) {
        this.context = context;
        this.vectors = vectors;
        this.texts = texts;
    }

    public List<SearchHit> search(Snapshot snapshot, SearchQuery query, DistanceMetric metric) {
        // A wrong column or dimension is an error even when an arm is turned off.
        snapshot.layout().vectorColumn(context.name(), query.column()).validate(query.vector(), "query vector");
        int candidates = query.candidates();
        List<SearchHit> byVector = List.of();
        if (query.fusion().vectorWeight() > 0) {
            SearchQuery arm = SearchQuery.nearest(query.column(), query.vector())
                    .limit(candidates)
                    .filter(query.filter())
                    .includeVector(query.includeVector())
                    .tuning(query.tuning())
                    .build();
            byVector = vectors.search(snapshot, arm, metric);
        }
        List<SearchHit> byText = query.fusion().textWeight() > 0
                ? texts.rank(snapshot, query.text(), query.textMatch(), query.filter(), candidates,
                        query.includeVector() ? query.column() : null)
                : List.of();
        return RankFusion.fuse(byVector, byText, query.fusion(), query.limit());
    }
}
