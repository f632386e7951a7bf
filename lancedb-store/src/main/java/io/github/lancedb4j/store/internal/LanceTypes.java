package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.VectorIndexType;
import org.lance.index.DistanceType;
import org.lance.index.IndexType;

/** Maps the store's public enums to Lance's types (kept out of the public API). */
public final class LanceTypes {

    private LanceTypes() {
    }

    public static DistanceType distance(DistanceMetric metric) {
        return switch (metric) {
            case COSINE -> DistanceType.Cosine;
            case L2 -> DistanceType.L2;
            case DOT -> DistanceType.Dot;
        };
    }

    public static IndexType indexType(VectorIndexType type) {
        return switch (type) {
            case IVF_FLAT -> IndexType.IVF_FLAT;
            case IVF_PQ -> IndexType.IVF_PQ;
            case IVF_HNSW_SQ -> IndexType.IVF_HNSW_SQ;
            case IVF_RQ -> IndexType.IVF_RQ;
        };
    }
}
