package io.github.lancedb4j.store;

/**
 * How hard an indexed search works: the number of IVF partitions probed, the refine factor (re-rank
 * {@code k × refineFactor} candidates on the raw vectors) and HNSW's {@code ef}. A null field takes the index's
 * default ({@link VectorIndexSpec#defaultTuning}); without an index these are ignored.
 */
public record SearchTuning(Integer nprobes, Integer refineFactor, Integer ef) {

    public static final SearchTuning DEFAULTS = new SearchTuning(null, null, null);

    public SearchTuning {
        positive("nprobes", nprobes);
        positive("refineFactor", refineFactor);
        positive("ef", ef);
    }

    public static SearchTuning of(Integer nprobes, Integer refineFactor, Integer ef) {
        return new SearchTuning(nprobes, refineFactor, ef);
    }

    /** This tuning, with the fields it leaves null taken from {@code fallback}. */
    public SearchTuning orElse(SearchTuning fallback) {
        if (fallback == null) {
            return this;
        }
        return new SearchTuning(nprobes != null ? nprobes : fallback.nprobes,
                refineFactor != null ? refineFactor : fallback.refineFactor, ef != null ? ef : fallback.ef);
    }

    private static void positive(String name, Integer value) {
        if (value != null && value <= 0) {
            throw new IllegalArgumentException("Search tuning: " + name + " must be positive, got " + value);
        }
    }
}
