package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.VectorIndexInfo;

/**
 * How a filtered search runs on an approximate index. Lance prefilters, then probes {@code nprobes} partitions; with
 * a selective filter those partitions hold few matching rows, so a plain search returns fewer than k rows and misses
 * the true nearest matches (measured: recall@10 0.32–0.44 at 0.1 % selectivity, 0.76 for IVF_HNSW_SQ at 1 %;
 * BENCHMARKS.md, "Filtered search"). From the number of matching rows:
 * <ul>
 *   <li>none: the answer is empty, no search runs;</li>
 *   <li>few ({@code matching × dimension ≤} {@link #EXACT_MAX_FLOATS}): an exact search over the matching rows —
 *       recall 1.0, and as cheap as probing, since Lance reads the vectors of matching rows only;</li>
 *   <li>more: the index, probing at least {@code nprobes / selectivity} partitions (so that about as many matching
 *       rows are compared as an unfiltered search compares rows) and on until k matches are found.</li>
 * </ul>
 * The exact index and a search without an index are exact already and need no plan.
 *
 * @param exact           search the matching rows exactly
 * @param minimumNprobes  partitions to probe at least (ANN path)
 * @param maximumNprobes  partitions to probe at most, until k rows are found (ANN path): all of them
 */
public record FilteredSearchPlan(boolean empty, boolean exact, int minimumNprobes, int maximumNprobes) {

    /**
     * Matching vectors × dimension up to which an exact scan of the matches is chosen: 4M floats (16 MB of vectors:
     * 31K rows of 128 dimensions, 5.2K of 768, 2.6K of 1536). Chosen from the measurements in BENCHMARKS.md.
     */
    public static final long EXACT_MAX_FLOATS = 4_000_000;

    /** The plan for a search on {@code index} whose filter matches {@code matching} of {@code rows} rows. */
    public static FilteredSearchPlan of(long matching, long rows, int dimension, VectorIndexInfo index,
            int defaultNprobes) {
        if (matching == 0) {
            return new FilteredSearchPlan(true, false, 0, 0);
        }
        if (matching * (long) dimension <= EXACT_MAX_FLOATS) {
            return new FilteredSearchPlan(false, true, 0, 0);
        }
        int partitions = index.partitions() == null ? defaultNprobes : index.partitions();
        double selectivity = rows <= 0 ? 1.0 : Math.min(1.0, matching / (double) rows);
        int scaled = (int) Math.min(partitions, Math.ceil(defaultNprobes / selectivity));
        return new FilteredSearchPlan(false, false, Math.max(1, scaled), Math.max(1, partitions));
    }
}
