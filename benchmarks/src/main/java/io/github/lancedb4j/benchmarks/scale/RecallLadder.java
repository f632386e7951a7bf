package io.github.lancedb4j.benchmarks.scale;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The search settings of one system and index, cheapest first (the first is the system's own default): each is
 * timed until one reaches recall@10 ≥ 0.95. Records the default's figures ({@code *_default}), every point tried
 * ({@code sweep}) and the first point at the target ({@code *_095}), or a note that none reached it.
 */
final class RecallLadder {

    static final double TARGET = 0.95;

    /** One search setting. */
    record Step<T>(String label, T setting) {
    }

    /** What the climb found: the default point, and the first step at the target (null when none reached it). */
    record Result<T>(SearchTiming.Point defaults, Step<T> reached, SearchTiming.Point reachedPoint) {
    }

    private RecallLadder() {
    }

    static <T> Result<T> climb(Figures f, String system, String storage, String index, ScaleVectors v, int warmup, int n,
            int[][] truth, List<Step<T>> steps, Function<T, SearchTiming.Search> searchOf) throws Exception {
        SearchTiming.Point defaults = null;
        SearchTiming.Point best = null;
        for (Step<T> step : steps) {
            SearchTiming.Point p = SearchTiming.run(step.label(), v, warmup, n, truth, searchOf.apply(step.setting()));
            f.add(system, storage, index, "sweep_p50_ms", p.p50Ms(), "ms", String.format(Locale.ROOT,
                    "%s; recall=%.4f; p99=%.2f ms; cpu=%.1f ms/q; %d queries", step.label(), p.recall(), p.p99Ms(),
                    p.cpuMsPerQuery(), p.queries()));
            if (defaults == null) {
                defaults = p;
                record(f, system, storage, index, "default", p, step.label());
            }
            if (best == null || p.recall() > best.recall()) {
                best = p;
            }
            if (p.recall() >= TARGET) {
                record(f, system, storage, index, "095", p, step.label());
                return new Result<>(defaults, step, p);
            }
        }
        f.note(system, storage, index, String.format(Locale.ROOT, "recall %.2f not reached; best %.4f at %s (p50 %.2f ms)",
                TARGET, best.recall(), best.label(), best.p50Ms()));
        return new Result<>(defaults, null, null);
    }

    /** p50, p99, recall and CPU per query of one point, named {@code <figure>_<suffix>}. */
    static void record(Figures f, String system, String storage, String index, String suffix, SearchTiming.Point p,
            String label) {
        f.add(system, storage, index, "p50_" + suffix + "_ms", p.p50Ms(), "ms", label);
        f.add(system, storage, index, "p99_" + suffix + "_ms", p.p99Ms(), "ms", label + "; " + p.queries() + " queries");
        f.add(system, storage, index, "recall_" + suffix, p.recall(), "recall@10", label);
        f.add(system, storage, index, "cpu_" + suffix + "_ms", p.cpuMsPerQuery(), "ms/query", label);
    }
}
