package io.github.lancedb4j.benchmarks;

import io.github.lancedb4j.store.SearchTuning;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The index stages of the Lance systems and the tunings swept for each. */
final class LanceSweeps {

    private LanceSweeps() {
    }

    static VectorIndexSpec spec(String stage) {
        return switch (stage) {
            case "exact" -> VectorIndexSpec.exact();
            case "ivf-flat" -> VectorIndexSpec.of(VectorIndexType.IVF_FLAT);
            case "ivf-pq" -> VectorIndexSpec.of(VectorIndexType.IVF_PQ);
            case "ivf-hnsw-sq" -> VectorIndexSpec.of(VectorIndexType.IVF_HNSW_SQ);
            case "ivf-rq" -> VectorIndexSpec.of(VectorIndexType.IVF_RQ);
            default -> throw new IllegalArgumentException("Not an index stage: " + stage);
        };
    }

    static String label(SearchTuning t) {
        List<String> parts = new ArrayList<>();
        if (t.nprobes() != null) {
            parts.add("np=" + t.nprobes());
        }
        if (t.refineFactor() != null) {
            parts.add("rf=" + t.refineFactor());
        }
        if (t.ef() != null) {
            parts.add("ef=" + t.ef());
        }
        return String.join(" ", parts);
    }

    /** The default point (the library's own tuning, passed as null) first, then the sweep. */
    static List<BenchSystem.Tuning> sweep(String stage, int partitions, boolean full) {
        List<BenchSystem.Tuning> out = new ArrayList<>();
        if (stage.equals("flat")) {
            out.add(BenchSystem.Tuning.defaults("flat scan"));
            return out;
        }
        VectorIndexSpec spec = spec(stage);
        SearchTuning def = spec.defaultTuning(partitions);
        out.add(BenchSystem.Tuning.defaults("default (" + label(def) + ")"));
        if (!full || spec.isExact()) {
            return out;
        }
        Set<SearchTuning> points = new LinkedHashSet<>();
        int p = partitions;
        switch (spec.type()) {
            case IVF_FLAT -> {
                for (int np : new int[] {2, 5, 10, 40, 80}) {
                    points.add(SearchTuning.of(Math.min(p, np), null, null));
                }
            }
            case IVF_PQ, IVF_RQ -> {
                points.add(SearchTuning.of(Math.min(p, 10), 5, null));
                points.add(SearchTuning.of(Math.min(p, 20), 30, null));
                points.add(SearchTuning.of(Math.min(p, 40), 50, null));
                points.add(SearchTuning.of(Math.min(p, 80), 100, null));
            }
            case IVF_HNSW_SQ -> {
                int np = def.nprobes() == null ? Math.min(p, 4) : def.nprobes();
                for (int ef : new int[] {20, 50, 200, 400}) {
                    points.add(SearchTuning.of(np, null, ef));
                }
                points.add(SearchTuning.of(Math.min(p, np * 2), null, 200));
                points.add(SearchTuning.of(Math.min(p, np * 4), null, 400));
                // Re-ranking on the raw vectors: the SQ codes cap recall below 1.
                points.add(SearchTuning.of(np, 5, 200));
                points.add(SearchTuning.of(np, 10, 400));
            }
        }
        points.remove(def);
        for (SearchTuning t : points) {
            out.add(BenchSystem.Tuning.lance(label(t), t));
        }
        return out;
    }
}
