package io.github.lancedb4j.benchmarks.scale;

import java.util.List;

/**
 * A power law {@code value = a · rows^b}, fitted by least squares on (ln rows, ln value): the exponent says how a
 * figure grows (1 = linear in rows, 0 = flat), {@link #at} extrapolates it.
 */
record LogLogFit(double lnA, double b, double r2, int points, double minRows, double maxRows) {

    /** The fit through the points with a positive value (null when fewer than 2 distinct row counts). */
    static LogLogFit of(List<double[]> rowsAndValues) {
        List<double[]> pts = rowsAndValues.stream().filter(p -> p[0] > 0 && p[1] > 0 && Double.isFinite(p[1]))
                .toList();
        if (pts.stream().mapToDouble(p -> p[0]).distinct().count() < 2) {
            return null;
        }
        int n = pts.size();
        double sx = 0;
        double sy = 0;
        for (double[] p : pts) {
            sx += Math.log(p[0]);
            sy += Math.log(p[1]);
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (double[] p : pts) {
            double dx = Math.log(p[0]) - mx;
            double dy = Math.log(p[1]) - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        double b = sxy / sxx;
        double r2 = syy == 0 ? 1 : (sxy * sxy) / (sxx * syy);
        return new LogLogFit(my - b * mx, b, r2, n, pts.stream().mapToDouble(p -> p[0]).min().orElseThrow(),
                pts.stream().mapToDouble(p -> p[0]).max().orElseThrow());
    }

    double at(double rows) {
        return Math.exp(lnA + b * Math.log(rows));
    }
}
