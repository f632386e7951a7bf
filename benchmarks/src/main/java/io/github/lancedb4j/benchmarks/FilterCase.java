package io.github.lancedb4j.benchmarks;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * One metadata equality filter of the benchmark: {@code key = value}, where the key takes {@code values} values over
 * contiguous runs of rows ({@code <prefix>-<row / rowsPerValue>}), so the filter selects one run: 1/values of the rows.
 * Every row carries all four keys; the exact filtered top-k of each is part of the data set's ground truth.
 */
final class FilterCase {

    final String key;
    final String prefix;
    final int values;
    final int rowsPerValue;
    final int valueIndex;
    final int from;
    final int to;
    /** The exact top-k among the matching rows, per timed query. */
    int[][] truth;

    private FilterCase(String key, String prefix, int values, int rows) {
        this.key = key;
        this.prefix = prefix;
        this.values = values;
        this.rowsPerValue = (rows + values - 1) / values;
        // The value 42 % of the way through (doc-42 of 100: the benchmark's historical 1 % filter).
        this.valueIndex = Math.min(values * 42 / 100, (rows - 1) / rowsPerValue);
        this.from = valueIndex * rowsPerValue;
        this.to = Math.min(rows, from + rowsPerValue);
    }

    /**
     * The four filters, by selectivity: {@code user} (1,000 values: 0.1 %), {@code source} ({@code documents} values,
     * 1 % by default — the filter the earlier runs used), {@code tenant} (10 values: 10 %), {@code lang} (2: 50 %).
     */
    static List<FilterCase> standard(int rows, int documents) {
        List<FilterCase> out = new ArrayList<>();
        out.add(new FilterCase("user", "user", 1000, rows));
        out.add(new FilterCase("source", "doc", documents, rows));
        out.add(new FilterCase("tenant", "tenant", 10, rows));
        out.add(new FilterCase("lang", "lang", 2, rows));
        return out;
    }

    /** This key's value for a row. */
    String valueOf(int row) {
        return prefix + "-" + (row / rowsPerValue);
    }

    /** The value the filter selects. */
    String value() {
        return prefix + "-" + valueIndex;
    }

    int matching() {
        return to - from;
    }

    double selectivity(int rows) {
        return (double) matching() / rows;
    }

    /** "0.1 %", "1 %", "10 %", "50 %" (as measured on the data set's rows). */
    String label(int rows) {
        double percent = 100.0 * selectivity(rows);
        return new BigDecimal(percent).round(new MathContext(percent < 1 ? 2 : 3)).stripTrailingZeros().toPlainString()
                + " %";
    }

    boolean matches(int row) {
        return row >= from && row < to;
    }

    @Override
    public String toString() {
        return key + " = '" + value() + "'";
    }
}
