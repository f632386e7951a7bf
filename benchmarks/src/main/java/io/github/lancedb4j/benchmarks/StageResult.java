package io.github.lancedb4j.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** The figures of one system stage (flat, or one index) on one data set. */
final class StageResult {

    /** One point of the tuning sweep. */
    record Point(String tuning, boolean isDefault, Measure.Timed timed) {
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
    Measure.Timed filtered;
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

    String label() {
        return system + " · " + stage;
    }
}
