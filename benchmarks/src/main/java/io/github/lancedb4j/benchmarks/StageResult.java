package io.github.lancedb4j.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** The figures of one system stage (flat, or one index) on one data set. */
final class StageResult {

    /** One point of the tuning sweep. */
    record Point(String tuning, boolean isDefault, Measure.Timed timed) {
    }

    /** One filtered measurement at the default tuning: how filters were evaluated, which filter, the figures. */
    record FilteredPoint(String path, FilterCase filter, Measure.Timed timed) {
    }

    String dataset;
    String system;
    String stage;
    String description;
    String note;
    int rows;
    int batch;
    double ingestSeconds = Double.NaN;
    double buildSeconds = Double.NaN;
    final List<Point> points = new ArrayList<>();
    double qps2 = Double.NaN;
    /** The 1 % filter on the system's first filter path (the main table's "Filtered" columns). */
    Measure.Timed filtered;
    /** Every filter on every filter path of the system (JSON metadata, then promoted keys, for this library). */
    final List<FilteredPoint> filteredPoints = new ArrayList<>();
    /** Seconds the switch to the faster filter path took (key promotion, BTREE build), or NaN. */
    double filterSpeedUpSeconds = Double.NaN;
    long heapBaseline;
    long peakHeap = -1;
    long rssBaseline;
    long rssAfter = -1;
    long hwm = -1;
    long diskBytes = -1;
    String serve;
    double serveRssMib = Double.NaN;

    Point defaultPoint() {
        return points.stream().filter(Point::isDefault).findFirst().orElse(points.isEmpty() ? null : points.get(0));
    }

    double ingestVps() {
        return rows / ingestSeconds;
    }

    /** The worst recall of a filter over the filter paths, or NaN when it was not measured. */
    double worstFilteredRecall(FilterCase f) {
        return filteredPoints.stream().filter(p -> p.filter() == f).mapToDouble(p -> p.timed().recall()).min()
                .orElse(Double.NaN);
    }

    String label() {
        return system + " · " + stage;
    }
}
