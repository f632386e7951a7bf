package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.SearchHit;
import io.github.lancedb4j.store.SearchQuery;
import io.github.lancedb4j.store.StoredRow;
import io.github.lancedb4j.store.VectorColumn;
import io.github.lancedb4j.store.filter.FilterSql;
import io.github.lancedb4j.store.filter.MetadataFilter;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.lance.ipc.LanceScanner;
import org.lance.ipc.Query;
import org.lance.ipc.ScanOptions;

/** The reads of one table, each on one {@link Snapshot}: nearest-neighbour searches, filtered scans and counts. */
public final class VectorSearch {

    private final TableContext context;
    private final IndexManager indexes;
    private final Runnable onUncoveredRows;

    /** @param onUncoveredRows told when a version has rows its promoted key columns do not cover (to restamp them) */
    public VectorSearch(TableContext context, IndexManager indexes, Runnable onUncoveredRows) {
        this.context = context;
        this.indexes = indexes;
        this.onUncoveredRows = onUncoveredRows;
    }

    /**
     * The nearest rows to the query vector, best first. The filter is applied before ranking (Lance prefilter), so the
     * result is the top-k among matching rows. Rows without a vector in the column are never returned.
     */
    public List<SearchHit> search(Snapshot snapshot, SearchQuery query, DistanceMetric metric) {
        TableLayout layout = snapshot.layout();
        VectorColumn column = layout.vectorColumn(context.name(), query.column());
        // Lance would silently scan everything and return rows without distances for a wrong-length vector.
        column.validate(query.vector(), "query vector");
        // No "IS NOT NULL" predicate: as a prefilter it would read the whole vector column and turn an indexed
        // search into a full scan (measured: 34 ms -> 250 ms at 100K x 768); Lance skips null vectors itself.
        String predicate = query.filter() == null ? null : filterSql(snapshot).predicate(query.filter());
        List<String> projection = new ArrayList<>(List.of(TableSchema.ID, TableSchema.TEXT, TableSchema.METADATA,
                TableSchema.METADATA_TYPES));
        if (query.includeVector()) {
            projection.add(column.name());
        }
        projection.add(SearchResultReader.DISTANCE);
        Query.Builder nearest = new Query.Builder()
                .setColumn(column.name())
                .setKey(query.vector())
                .setK(query.limit())
                .setDistanceType(LanceTypes.distance(metric));
        FilterPlanner planner = predicate == null ? null : new FilterPlanner(snapshot, predicate, column.dimension());
        indexes.tune(nearest, indexes.describe(snapshot), column.name(), metric, query.tuning(), query.limit(),
                planner);
        if (planner != null && planner.plan != null && planner.plan.empty()) {
            return List.of(); // the filter matches no row
        }
        ScanOptions.Builder options = new ScanOptions.Builder().nearest(nearest.build()).columns(projection);
        if (predicate != null) {
            options.filter(predicate).prefilter(true);
        }
        ScanOptions scan = options.build();
        return context.call("search", () -> {
            try (LanceScanner scanner = snapshot.dataset().newScan(scan); ArrowReader reader = scanner.scanBatches()) {
                return SearchResultReader.read(reader, column.name(), query.includeVector(), metric);
            }
        });
    }

    /** Plans a filtered search from the rows its filter matches (asked only when an approximate index is used). */
    private final class FilterPlanner implements IndexManager.FilterCounter {
        private final Snapshot snapshot;
        private final String predicate;
        private final int dimension;
        private FilteredSearchPlan plan;

        FilterPlanner(Snapshot snapshot, String predicate, int dimension) {
            this.snapshot = snapshot;
            this.predicate = predicate;
            this.dimension = dimension;
        }

        @Override
        public FilteredSearchPlan plan(io.github.lancedb4j.store.VectorIndexInfo index, int defaultNprobes) {
            plan = FilteredSearchPlan.of(matchingRows(snapshot, predicate), totalRows(snapshot), dimension, index,
                    defaultNprobes);
            return plan;
        }
    }

    /** The version's filter translator: promoted keys are read from their typed columns where rows are covered. */
    private FilterSql filterSql(Snapshot snapshot) {
        return snapshot.filterSql(epoch -> {
            boolean covered = matchingRows(snapshot, "(`" + PromotedKeys.EPOCH_COLUMN + "` IS NULL OR `"
                    + PromotedKeys.EPOCH_COLUMN + "` < " + epoch + ")") == 0;
            if (!covered) {
                onUncoveredRows.run();
            }
            return covered;
        });
    }

    private long matchingRows(Snapshot snapshot, String predicate) {
        return snapshot.matchingRows(predicate, () -> context.call("count matching rows",
                () -> snapshot.dataset().countRows(predicate)));
    }

    private long totalRows(Snapshot snapshot) {
        return snapshot.matchingRows("", () -> context.call("count rows", () -> snapshot.dataset().countRows()));
    }

    /** Rows matching a filter (all when null), without vectors, in storage order; at most {@code limit}. */
    public List<StoredRow> find(Snapshot snapshot, MetadataFilter filter, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be greater than 0, got " + limit);
        }
        ScanOptions.Builder options = new ScanOptions.Builder()
                .columns(List.of(TableSchema.ID, TableSchema.TEXT, TableSchema.METADATA, TableSchema.METADATA_TYPES))
                .limit(limit);
        if (filter != null) {
            options.filter(filterSql(snapshot).predicate(filter));
        }
        ScanOptions scan = options.build();
        return context.call("find", () -> {
            try (LanceScanner scanner = snapshot.dataset().newScan(scan); ArrowReader reader = scanner.scanBatches()) {
                return SearchResultReader.readRows(reader);
            }
        });
    }

    /** The number of rows matching a filter (all rows when null). */
    public long count(Snapshot snapshot, MetadataFilter filter) {
        String predicate = filter == null ? null : filterSql(snapshot).predicate(filter);
        return context.call("count", () -> predicate == null ? snapshot.dataset().countRows()
                : snapshot.dataset().countRows(predicate));
    }

    /** The number of rows matching a raw predicate. */
    public long countWhere(Snapshot snapshot, String predicate, String operation) {
        return context.call(operation, () -> snapshot.dataset().countRows(predicate));
    }
}
