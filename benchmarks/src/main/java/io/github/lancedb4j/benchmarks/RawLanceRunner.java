package io.github.lancedb4j.benchmarks;

import io.github.lancedb4j.store.TableSchema;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.filter.FilterSql;
import io.github.lancedb4j.store.filter.MetadataFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * lance-java on the store's table: the headline flat search (id and _distance only), and diagnostic scans that add,
 * one at a time, what the store's search asks Lance for (its projection, its {@code vector IS NOT NULL} prefilter,
 * its metadata filter SQL), so that the store's time splits into Lance's part and the adapter's.
 */
final class RawLanceRunner implements AutoCloseable {

    static final String SYSTEM = "raw lance-java";

    private static final String VECTOR = VectorColumn.DEFAULT_NAME;
    private static final List<String> ID_DISTANCE = List.of(TableSchema.ID, "_distance");
    private static final List<String> STORE_PROJECTION = List.of(TableSchema.ID, TableSchema.TEXT,
            TableSchema.METADATA, TableSchema.METADATA_TYPES, VECTOR, "_distance");
    private static final String NOT_NULL = "`" + VECTOR + "` IS NOT NULL";

    private final RawLanceSearch lance;

    RawLanceRunner(String uri, int k) {
        this.lance = new RawLanceSearch(uri, VECTOR, k);
    }

    int fragments() {
        return lance.fragments();
    }

    SearchStats search(SyntheticData data, int[][] truth, Map<String, Integer> rowOfId) throws Exception {
        return SearchBench.run(SYSTEM, "flat search (id, _distance)",
                lance.searcher(new RawLanceSearch.Shape("id+distance", ID_DISTANCE, null)), data.warmupQueries,
                data.queries, truth, rowOfId);
    }

    /** The diagnostic scans, on the first {@code n} queries. */
    List<SearchStats> diagnostics(SyntheticData data, Corpus corpus, int n, int[][] truth, int[][] filteredTruth,
            Map<String, Integer> rowOfId) throws Exception {
        float[][] warmup = Arrays.copyOf(data.warmupQueries, Math.min(10, data.warmupQueries.length));
        float[][] queries = Arrays.copyOf(data.queries, Math.min(n, data.queries.length));
        int[][] t = Arrays.copyOf(truth, queries.length);
        int[][] ft = Arrays.copyOf(filteredTruth, queries.length);
        String storeFilter = FilterSql.where(new MetadataFilter.Comparison("source",
                MetadataFilter.Comparison.Operator.EQUAL, corpus.filteredSource));
        String simpleFilter = "json_get_string(`" + TableSchema.METADATA + "`, 'source') = '" + corpus.filteredSource
                + "'";
        List<Diagnostic> shapes = List.of(
                diag("A. id, _distance; no filter (= headline raw)", ID_DISTANCE, null, t),
                diag("B. store's projection (id, text, metadata, metadata_types, vector, _distance); no filter",
                        STORE_PROJECTION, null, t),
                diag("C. id, _distance; prefilter `vector IS NOT NULL`", ID_DISTANCE, NOT_NULL, t),
                diag("D. store's scan: its projection + prefilter `vector IS NOT NULL`", STORE_PROJECTION, NOT_NULL, t),
                diag("E. store's filtered scan, id + _distance only: prefilter `vector IS NOT NULL` AND the store's SQL for"
                        + " source = '" + corpus.filteredSource + "'", ID_DISTANCE, NOT_NULL + " AND " + storeFilter, ft),
                diag("F. as E without `vector IS NOT NULL`", ID_DISTANCE, storeFilter, ft),
                diag("G. prefilter plain json_get_string(metadata, 'source') = '" + corpus.filteredSource + "' only",
                        ID_DISTANCE, simpleFilter, ft));
        List<SearchStats> out = new ArrayList<>();
        for (Diagnostic d : shapes) {
            out.add(SearchBench.run(SYSTEM, d.shape().label(), lance.searcher(d.shape()), warmup, queries, d.truth(),
                    rowOfId));
        }
        return out;
    }

    private record Diagnostic(RawLanceSearch.Shape shape, int[][] truth) {
    }

    private static Diagnostic diag(String label, List<String> columns, String filter, int[][] truth) {
        return new Diagnostic(new RawLanceSearch.Shape(label, columns, filter), truth);
    }

    @Override
    public void close() {
        lance.close();
    }
}
