package io.github.lancedb4j.store;

/**
 * The vector index kinds the store manages.
 *
 * <ul>
 *   <li>{@link #IVF_FLAT}: raw vectors grouped by k-means partitions; exact within the probed partitions. With one
 *       partition it is an exact search over an in-memory copy of the vectors (see {@link VectorIndexSpec#exact()}).</li>
 *   <li>{@link #IVF_PQ}: product-quantized codes; smallest and fastest to scan, needs a refine step for high
 *       recall; training needs at least 256 rows.</li>
 *   <li>{@link #IVF_HNSW_SQ}: an HNSW graph per partition over 8-bit scalar-quantized vectors; high recall at low
 *       latency, about a quarter of the raw vectors' size.</li>
 *   <li>{@link #IVF_RQ}: 1-bit RaBitQ codes; needs a dimension divisible by 8 and a refine step.</li>
 * </ul>
 */
public enum VectorIndexType {
    IVF_FLAT,
    IVF_PQ,
    IVF_HNSW_SQ,
    IVF_RQ;

    /** The type Lance reports in an index description ("IVF_PQ", …), or null for another kind. */
    public static VectorIndexType fromLance(String reported) {
        for (VectorIndexType t : values()) {
            if (t.name().equalsIgnoreCase(reported)) {
                return t;
            }
        }
        return null;
    }

    public static VectorIndexType parse(String name) {
        VectorIndexType t = fromLance(name.trim().replace('-', '_'));
        if (t == null) {
            throw new IllegalArgumentException("Unknown vector index type '" + name + "': use ivf_flat, ivf_pq, "
                    + "ivf_hnsw_sq or ivf_rq");
        }
        return t;
    }
}
