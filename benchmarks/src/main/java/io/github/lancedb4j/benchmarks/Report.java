package io.github.lancedb4j.benchmarks;

import java.io.PrintStream;
import java.util.List;

/** The Markdown report of one data set, and the tab-separated figures of every sweep point. */
final class Report {

    private Report() {
    }

    static String f(double v, String fmt) {
        return Double.isNaN(v) ? "–" : String.format(fmt, v);
    }

    static String mib(long bytes) {
        return bytes == -1 ? "–" : String.format("%,.0f", bytes / 1048576.0);
    }

    static void dataset(PrintStream out, BenchmarkConfig c, DataSet d, List<StageResult> results, String loadStart,
            String loadEnd, double seconds, String png) {
        out.printf("### %s: %,d rows x %d dims, %s, %d timed queries (k=%d)%n%n", d.name, d.size(), d.dim(), d.metric,
                d.queries(), c.k());
        out.printf("Data: %s. Ground truth: brute force in Java (%.1f s, or read from the cache). Filters: %s; the "
                + "\"Filtered\" columns below are %s on the system's first filter path. Raw vectors: %,.0f MiB. Load "
                + "average at start %s, at end %s; the data set took %.0f s.%n%n", d.description, d.groundTruthSeconds,
                filterList(d), d.onePercent(), d.rawVectorBytes() / 1048576.0, loadStart, loadEnd, seconds);
        out.println("| System | Stage | Ingest vectors/s | Index build s | Queries | recall@" + c.k()
                + " | p50 ms | p99 ms | QPS 1 thr | QPS 2 thr | CPU ms/q | Filtered p50 ms | Filtered recall "
                + "| Heap peak MiB (above data) | RSS after MiB (Δ) | Disk MiB |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (StageResult r : results) {
            StageResult.Point p = r.defaultPoint();
            if (p == null) {
                out.printf("| %s | %s | – | – | – | – | – | – | – | – | – | – | – | – | – | – |%n", r.system,
                        r.stage + (r.note == null ? "" : ": " + r.note));
                continue;
            }
            Measure.Timed t = p.timed();
            out.printf("| %s | %s | %s | %s | %d | %.3f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    r.system, r.stage + " — " + r.description + "; " + p.tuning(),
                    f(r.ingestVps(), "%,.0f"), f(r.buildSeconds, "%.1f"), t.queries(), t.recall(), f(t.p50Ms(), "%.2f"),
                    f(t.p99Ms(), "%.2f"), f(t.qps(), "%.1f"), f(r.qps2, "%.1f"), f(t.cpuMsPerQuery(), "%.1f"),
                    r.filtered == null ? "–" : f(r.filtered.p50Ms(), "%.2f"),
                    r.filtered == null ? "–" : f(r.filtered.recall(), "%.3f"),
                    r.peakHeap < 0 ? "–" : mib(Math.max(0, r.peakHeap - r.heapBaseline)),
                    r.rssAfter < 0 ? "–" : mib(r.rssAfter) + " (" + mib(r.rssAfter - r.rssBaseline) + ")",
                    mib(r.diskBytes));
        }
        out.println();
        filtered(out, c, d, results);
        boolean anySweep = results.stream().anyMatch(r -> r.points.size() > 1);
        if (anySweep) {
            out.println("Sweep (1 query thread):");
            out.println();
            out.println("| System | Stage | Tuning | recall@" + c.k() + " | p50 ms | p99 ms | QPS | CPU ms/q |");
            out.println("|---|---|---|---:|---:|---:|---:|---:|");
            for (StageResult r : results) {
                if (r.points.size() <= 1) {
                    continue;
                }
                for (StageResult.Point p : r.points) {
                    Measure.Timed t = p.timed();
                    out.printf("| %s | %s | %s%s | %.3f | %.2f | %.2f | %.1f | %.1f |%n", r.system, r.stage, p.tuning(),
                            p.isDefault() ? " **(default)**" : "", t.recall(), t.p50Ms(), t.p99Ms(), t.qps(),
                            t.cpuMsPerQuery());
                }
            }
            out.println();
        }
        for (StageResult r : results) {
            if (r.serve != null) {
                out.printf("Serving probe (fresh JVM, -Xmx512m, opens the table and runs the queries twice), %s · %s: "
                        + "`%s`%n%n", r.system, r.stage, r.serve);
            }
        }
        for (StageResult r : results) {
            if (r.note != null && r.defaultPoint() != null) {
                out.printf("Note, %s · %s: %s%n%n", r.system, r.stage, r.note);
            }
        }
        if (png != null) {
            out.printf("Plot: `%s`%n%n", png);
        }
    }

    static String filterList(DataSet d) {
        StringBuilder b = new StringBuilder();
        for (FilterCase f : d.filters) {
            b.append(b.length() == 0 ? "" : ", ").append(String.format("%s (%s, %,d rows)", f, f.label(d.size()),
                    f.matching()));
        }
        return b.toString();
    }

    /**
     * Filtered search per selectivity: one row per system, stage and filter path; each cell "recall@k · mean hits ·
     * p50 / p99 ms", with the count of queries that returned fewer than min(k, matching rows) when there are any.
     */
    static void filtered(PrintStream out, BenchmarkConfig c, DataSet d, List<StageResult> results) {
        if (results.stream().allMatch(r -> r.filteredPoints.isEmpty())) {
            return;
        }
        out.printf("Filtered search at the default tuning (k=%d; recall against the exact top-%d among the matching rows; "
                + "each cell: recall@%d · mean hits · p50 / p99 ms):%n%n", c.k(), c.k(), c.k());
        StringBuilder head = new StringBuilder("| System | Stage | Filter path | Switch s |");
        StringBuilder rule = new StringBuilder("|---|---|---|---:|");
        for (FilterCase f : d.filters) {
            head.append(' ').append(f.label(d.size())).append(" (").append(f.key).append(") |");
            rule.append("---:|");
        }
        out.println(head);
        out.println(rule);
        for (StageResult r : results) {
            List<String> paths = r.filteredPoints.stream().map(StageResult.FilteredPoint::path).distinct().toList();
            for (int i = 0; i < paths.size(); i++) {
                String path = paths.get(i);
                StringBuilder row = new StringBuilder(String.format("| %s | %s | %s | %s |", r.system, r.stage, path,
                        i == 0 ? "–" : f(r.filterSpeedUpSeconds, "%.1f")));
                for (FilterCase f : d.filters) {
                    StageResult.FilteredPoint p = r.filteredPoints.stream()
                            .filter(x -> x.path().equals(path) && x.filter() == f).findFirst().orElse(null);
                    row.append(' ').append(p == null ? "failed" : cell(p.timed())).append(" |");
                }
                out.println(row);
            }
        }
        out.println();
    }

    static String cell(Measure.Timed t) {
        return String.format("%.3f · %.1f%s · %.2f / %.2f", t.recall(), t.meanHits(),
                t.shortQueries() > 0 ? " (" + t.shortQueries() + " short)" : "", t.p50Ms(), t.p99Ms());
    }

    static void filteredTsvHeader(PrintStream out) {
        out.println("dataset\trows\tdim\tsystem\tstage\tpath\tfilter\tmatching\tselectivity\tqueries\trecall\tmean_hits"
                + "\tshort_queries\tp50_ms\tp99_ms\tqps1\tcpu_ms\tswitch_s");
    }

    static void filteredTsv(PrintStream out, DataSet d, List<StageResult> results) {
        for (StageResult r : results) {
            for (StageResult.FilteredPoint p : r.filteredPoints) {
                Measure.Timed t = p.timed();
                out.printf("%s\t%d\t%d\t%s\t%s\t%s\t%s\t%d\t%.5f\t%d\t%.4f\t%.2f\t%d\t%.3f\t%.3f\t%.1f\t%.2f\t%s%n",
                        d.name, d.size(), d.dim(), r.system, r.stage, p.path(), p.filter(), p.filter().matching(),
                        p.filter().selectivity(d.size()), t.queries(), t.recall(), t.meanHits(), t.shortQueries(),
                        t.p50Ms(), t.p99Ms(), t.qps(), t.cpuMsPerQuery(), f(r.filterSpeedUpSeconds, "%.2f"));
            }
        }
    }

    static void tsvHeader(PrintStream out) {
        out.println("dataset\trows\tdim\tsystem\tstage\ttuning\tdefault\tqueries\trecall\tp50_ms\tp99_ms\tqps1\tcpu_ms"
                + "\tqps2\tfiltered_p50_ms\tfiltered_recall\tingest_vps\tbuild_s\tpeak_heap_above_data_mib\trss_mib"
                + "\tdisk_mib\tserve");
    }

    static void tsv(PrintStream out, DataSet d, List<StageResult> results) {
        for (StageResult r : results) {
            for (StageResult.Point p : r.points) {
                Measure.Timed t = p.timed();
                boolean def = p.isDefault();
                out.printf("%s\t%d\t%d\t%s\t%s\t%s\t%s\t%d\t%.4f\t%.3f\t%.3f\t%.1f\t%.2f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s%n",
                        d.name, d.size(), d.dim(), r.system, r.stage, p.tuning(), def, t.queries(), t.recall(),
                        t.p50Ms(), t.p99Ms(), t.qps(), t.cpuMsPerQuery(), def ? f(r.qps2, "%.1f") : "",
                        def && r.filtered != null ? f(r.filtered.p50Ms(), "%.3f") : "",
                        def && r.filtered != null ? f(r.filtered.recall(), "%.4f") : "", f(r.ingestVps(), "%.0f"),
                        f(r.buildSeconds, "%.2f"), r.peakHeap < 0 ? "" : mib(r.peakHeap - r.heapBaseline),
                        mib(r.rssAfter), mib(r.diskBytes), r.serve == null ? "" : r.serve);
            }
        }
    }
}
