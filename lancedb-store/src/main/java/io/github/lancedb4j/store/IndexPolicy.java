package io.github.lancedb4j.store;

import java.util.Objects;

/**
 * Who builds a vector column's index, and when.
 *
 * <ul>
 *   <li>{@link Mode#NONE}: never; every search compares the query with every vector (exact). Explicit index calls
 *       are refused, so the choice is visible.</li>
 *   <li>{@link Mode#EXPLICIT}: only when the application calls {@code createIndex(…)} / {@code optimizeIndex()}.</li>
 *   <li>{@link Mode#AUTO} (the default): after a write, in the background on a separate handle — build an exact index
 *       once the column holds {@code minRows} vectors, switch to an approximate index ({@code annIndex}) from
 *       {@code annRows} vectors on, retrain when the table has grown enough to need twice the partitions, and fold
 *       appended rows in once they exceed {@code optimizeFraction} of the indexed ones (at least 1,000); and promote
 *       the metadata keys that filters keep using into typed, indexed columns ({@code promoteKeysAfter}).</li>
 * </ul>
 *
 * <p>Defaults, from the measurements in BENCHMARKS.md: a Lance scan of the data files costs about 2.5 ms per 1,000
 * vectors of 768 dimensions on a 2-core machine, so from 10,000 vectors on the exact index (an in-memory copy, about
 * 7× faster) pays; from 100,000 on an IVF_HNSW_SQ index keeps searches at a few milliseconds.
 */
public record IndexPolicy(Mode mode, long minRows, long annRows, VectorIndexSpec annIndex, double optimizeFraction,
        int promoteKeysAfter) {

    public enum Mode { NONE, EXPLICIT, AUTO }

    public static final long DEFAULT_MIN_ROWS = 10_000;
    public static final long DEFAULT_ANN_ROWS = 100_000;
    public static final double DEFAULT_OPTIMIZE_FRACTION = 0.1;
    /** The fewest appended rows folded into an index (folding fewer costs more than scanning them). */
    static final long MIN_ROWS_TO_FOLD = 1_000;
    /**
     * Filtered searches on a metadata key after which {@link Mode#AUTO} promotes it into a typed, indexed column
     * (on tables of at least {@code minRows} rows): a JSON filter costs 150–220 ms at 1M rows, an indexed typed
     * column about 1 ms (docs/metadata-storage.md).
     */
    public static final int DEFAULT_PROMOTE_KEYS_AFTER = 10;

    public IndexPolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(annIndex, "annIndex");
        if (minRows < 1 || annRows < minRows) {
            throw new IllegalArgumentException("Index policy: need 1 <= minRows <= annRows, got " + minRows + " and "
                    + annRows);
        }
        if (!(optimizeFraction > 0)) {
            throw new IllegalArgumentException("Index policy: optimizeFraction must be positive, got " + optimizeFraction);
        }
        if (promoteKeysAfter < 0) {
            throw new IllegalArgumentException("Index policy: promoteKeysAfter must not be negative, got "
                    + promoteKeysAfter);
        }
    }

    public IndexPolicy(Mode mode, long minRows, long annRows, VectorIndexSpec annIndex, double optimizeFraction) {
        this(mode, minRows, annRows, annIndex, optimizeFraction, mode == Mode.AUTO ? DEFAULT_PROMOTE_KEYS_AFTER : 0);
    }

    public static IndexPolicy none() {
        return new IndexPolicy(Mode.NONE, DEFAULT_MIN_ROWS, DEFAULT_ANN_ROWS, defaultAnn(), DEFAULT_OPTIMIZE_FRACTION);
    }

    public static IndexPolicy explicit() {
        return new IndexPolicy(Mode.EXPLICIT, DEFAULT_MIN_ROWS, DEFAULT_ANN_ROWS, defaultAnn(), DEFAULT_OPTIMIZE_FRACTION);
    }

    public static IndexPolicy auto() {
        return new IndexPolicy(Mode.AUTO, DEFAULT_MIN_ROWS, DEFAULT_ANN_ROWS, defaultAnn(), DEFAULT_OPTIMIZE_FRACTION);
    }

    public IndexPolicy withMinRows(long rows) {
        return new IndexPolicy(mode, rows, Math.max(rows, annRows), annIndex, optimizeFraction, promoteKeysAfter);
    }

    public IndexPolicy withAnnRows(long rows) {
        return new IndexPolicy(mode, Math.min(minRows, rows), rows, annIndex, optimizeFraction, promoteKeysAfter);
    }

    public IndexPolicy withAnnIndex(VectorIndexSpec spec) {
        return new IndexPolicy(mode, minRows, annRows, spec, optimizeFraction, promoteKeysAfter);
    }

    public IndexPolicy withOptimizeFraction(double fraction) {
        return new IndexPolicy(mode, minRows, annRows, annIndex, fraction, promoteKeysAfter);
    }

    /**
     * With {@link Mode#AUTO}: promote a metadata key into a typed, indexed column after this many filtered searches
     * on it (0: never; default {@value #DEFAULT_PROMOTE_KEYS_AFTER}).
     */
    public IndexPolicy withPromoteKeysAfter(int searches) {
        return new IndexPolicy(mode, minRows, annRows, annIndex, optimizeFraction, searches);
    }

    public static IndexPolicy parse(String mode) {
        return switch (mode.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "none" -> none();
            case "explicit", "manual" -> explicit();
            case "auto", "automatic" -> auto();
            default -> throw new IllegalArgumentException("Unknown index policy '" + mode + "': use none, explicit or auto");
        };
    }

    /** The index the policy wants for a column of {@code rows} vectors (null: none yet). */
    VectorIndexSpec target(long rows) {
        if (rows < minRows) {
            return null;
        }
        return rows < annRows ? VectorIndexSpec.exact() : annIndex;
    }

    /**
     * Whether an approximate index trained with {@code partitions} partitions is retrained for a column of
     * {@code vectors} vectors: once the column calls for at least twice as many partitions.
     */
    boolean outgrows(int partitions, long vectors) {
        return annIndex.partitionsFor(vectors) >= 2L * partitions;
    }

    /**
     * Whether rows appended since an index build are folded into it: once they exceed {@code optimizeFraction} of
     * the indexed rows, and at least {@value #MIN_ROWS_TO_FOLD} (folding fewer costs more than scanning them).
     */
    boolean foldsIn(long unindexedRows, long indexedRows) {
        return unindexedRows >= Math.max(MIN_ROWS_TO_FOLD, (long) (optimizeFraction * indexedRows));
    }

    private static VectorIndexSpec defaultAnn() {
        return VectorIndexSpec.of(VectorIndexType.IVF_HNSW_SQ);
    }
}
