package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.DistanceMetric;
import io.github.lancedb4j.store.VectorIndexSpec;
import org.lance.index.DistanceType;
import org.lance.index.vector.HnswBuildParams;
import org.lance.index.vector.IvfBuildParams;
import org.lance.index.vector.PQBuildParams;
import org.lance.index.vector.RQBuildParams;
import org.lance.index.vector.SQBuildParams;
import org.lance.index.vector.VectorIndexParams;

/** Turns a {@link VectorIndexSpec} into Lance's build parameters, after checking the index can be trained. */
public final class VectorIndexParamsFactory {

    private VectorIndexParamsFactory() {
    }

    /**
     * Lance's parameters for building {@code spec} on a column of {@code rows} vectors, or an
     * {@link IllegalArgumentException} that says why the index cannot be trained.
     */
    public static VectorIndexParams params(VectorIndexSpec spec, String table, String column, long rows, int dimension,
            DistanceMetric metric) {
        DistanceType distance = LanceTypes.distance(metric);
        if (rows == 0) {
            throw new IllegalArgumentException("Cannot build a " + spec.type() + " index on column '" + column
                    + "' of table '" + table + "': the column has no vectors yet (Lance trains vector indexes on "
                    + "existing rows)");
        }
        int parts = spec.partitionsFor(rows);
        if (parts > rows) {
            throw new IllegalArgumentException("Cannot build a " + spec.type() + " index with " + parts
                    + " partitions on " + rows + " vectors of column '" + column + "': k-means needs at least as many "
                    + "vectors as partitions");
        }
        IvfBuildParams ivf = new IvfBuildParams.Builder().setNumPartitions(parts).build();
        return switch (spec.type()) {
            case IVF_FLAT -> VectorIndexParams.ivfFlat(parts, distance);
            case IVF_PQ -> {
                int codeBits = spec.bitsOrDefault();
                if (rows < (1L << codeBits)) {
                    throw new IllegalArgumentException("Cannot build an IVF_PQ index on column '" + column
                            + "' of table '" + table + "': PQ training needs at least " + (1 << codeBits)
                            + " vectors, the column has " + rows + " (use IVF_FLAT or an exact index for small tables)");
                }
                int sub = spec.subVectorsFor(dimension);
                if (dimension % sub != 0) {
                    throw new IllegalArgumentException("IVF_PQ on column '" + column + "': " + sub
                            + " sub-vectors do not divide the dimension " + dimension);
                }
                yield VectorIndexParams.withIvfPqParams(distance, ivf,
                        new PQBuildParams.Builder().setNumSubVectors(sub).setNumBits(codeBits).build());
            }
            case IVF_HNSW_SQ -> VectorIndexParams.withIvfHnswSqParams(distance, ivf,
                    new HnswBuildParams.Builder().setM(spec.hnswMOrDefault())
                            .setEfConstruction(spec.efConstructionOrDefault()).build(),
                    new SQBuildParams.Builder().build());
            case IVF_RQ -> {
                if (dimension % 8 != 0) {
                    throw new IllegalArgumentException("IVF_RQ on column '" + column + "' needs a dimension divisible "
                            + "by 8, got " + dimension);
                }
                yield VectorIndexParams.withIvfRqParams(distance, ivf,
                        new RQBuildParams.Builder().setNumBits((byte) spec.bitsOrDefault()).build());
            }
        };
    }
}
