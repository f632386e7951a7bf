package io.github.lancedb4j.store;

import java.util.Objects;

/**
 * What vector index to build. Every parameter left null is derived from the table when the index is built:
 * partitions ≈ √rows (fewer for HNSW, whose graphs do the fine search), PQ sub-vectors = dim/16 (dim/8 when 16 does
 * not divide the dimension), 8-bit codes, HNSW M = 20 and efConstruction = 150.
 *
 * @param searchTuning the default tuning of searches on this index (null fields: derived, see
 *                     {@link #defaultTuning})
 */
public record VectorIndexSpec(VectorIndexType type, Integer partitions, Integer subVectors, Integer bits,
        Integer hnswM, Integer efConstruction, SearchTuning searchTuning) {

    /** PQ training needs 2^bits rows. */
    public static final int MIN_ROWS_FOR_PQ = 256;

    public VectorIndexSpec {
        Objects.requireNonNull(type, "type");
        positive("partitions", partitions);
        positive("subVectors", subVectors);
        positive("bits", bits);
        positive("hnswM", hnswM);
        positive("efConstruction", efConstruction);
    }

    public static VectorIndexSpec of(VectorIndexType type) {
        return new VectorIndexSpec(type, null, null, null, null, null, null);
    }

    /**
     * An exact index: IVF_FLAT with a single partition, i.e. every search compares the query with every vector,
     * from Lance's index cache instead of the data files — measured 7× faster than Lance's scan of the data files
     * at 100K × 768, with recall 1.0.
     */
    public static VectorIndexSpec exact() {
        return new VectorIndexSpec(VectorIndexType.IVF_FLAT, 1, null, null, null, null, null);
    }

    /** Whether this is the exact index: IVF_FLAT with one partition, searched by probing every partition. */
    public boolean isExact() {
        return type == VectorIndexType.IVF_FLAT && Integer.valueOf(1).equals(partitions);
    }

    public VectorIndexSpec withPartitions(int partitions) {
        return new VectorIndexSpec(type, partitions, subVectors, bits, hnswM, efConstruction, searchTuning);
    }

    public VectorIndexSpec withSubVectors(int subVectors) {
        return new VectorIndexSpec(type, partitions, subVectors, bits, hnswM, efConstruction, searchTuning);
    }

    public VectorIndexSpec withBits(int bits) {
        return new VectorIndexSpec(type, partitions, subVectors, bits, hnswM, efConstruction, searchTuning);
    }

    public VectorIndexSpec withHnsw(int m, int efConstruction) {
        return new VectorIndexSpec(type, partitions, subVectors, bits, m, efConstruction, searchTuning);
    }

    public VectorIndexSpec withSearchTuning(SearchTuning tuning) {
        return new VectorIndexSpec(type, partitions, subVectors, bits, hnswM, efConstruction, tuning);
    }

    /** The number of partitions for a table of {@code rows} rows: the given one, or derived. */
    public int partitionsFor(long rows) {
        if (partitions != null) {
            return partitions;
        }
        int sqrt = (int) Math.max(1, Math.round(Math.sqrt(rows)));
        return type == VectorIndexType.IVF_HNSW_SQ ? Math.max(1, sqrt / 8) : sqrt;
    }

    /** The HNSW graph degree: the given one, or 20. */
    public int hnswMOrDefault() {
        return hnswM == null ? 20 : hnswM;
    }

    /** The HNSW construction beam width: the given one, or 150. */
    public int efConstructionOrDefault() {
        return efConstruction == null ? 150 : efConstruction;
    }

    /** Bits per code: the given number, or 8 for PQ and 1 for RQ. */
    public int bitsOrDefault() {
        return bits != null ? bits : type == VectorIndexType.IVF_RQ ? 1 : 8;
    }

    public int subVectorsFor(int dimension) {
        if (subVectors != null) {
            return subVectors;
        }
        return dimension % 16 == 0 ? dimension / 16 : dimension % 8 == 0 ? dimension / 8 : 1;
    }

    /**
     * The tuning searches use unless a request overrides it: probe about 5 % of the partitions (at least 20, at most
     * all; all for the exact index; 4 for HNSW), refine PQ and RQ candidates 10× and HNSW-SQ candidates 5×,
     * and HNSW {@code ef} 300.
     */
    public SearchTuning defaultTuning(int partitionCount) {
        int nprobes = Math.min(partitionCount, Math.max(20, (int) Math.ceil(partitionCount * 0.05)));
        if (isExact()) {
            // Every partition: folding rows in (optimize) adds a segment, and its partition must be probed too.
            nprobes = partitionCount;
        }
        SearchTuning derived = switch (type) {
            case IVF_FLAT -> SearchTuning.of(nprobes, null, null);
            case IVF_PQ, IVF_RQ -> SearchTuning.of(nprobes, 10, null);
            // Refining 5x on the raw vectors removes the 8-bit quantization error: at 100K x 768 recall 0.94 -> 1.00
            // for 3.05 -> 3.35 ms (measured, BENCHMARKS.md).
            case IVF_HNSW_SQ -> SearchTuning.of(Math.min(partitionCount, 4), 5, 300);
        };
        return searchTuning == null ? derived : searchTuning.orElse(derived);
    }

    private static void positive(String name, Integer value) {
        if (value != null && value <= 0) {
            throw new IllegalArgumentException("Vector index: " + name + " must be positive, got " + value);
        }
    }
}
