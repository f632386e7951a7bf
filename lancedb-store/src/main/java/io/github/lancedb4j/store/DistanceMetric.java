package io.github.lancedb4j.store;

/**
 * The distance a vector search ranks by, and how a Lance distance maps back to a cosine-like similarity.
 *
 * <p>Lance reports, in ascending order: {@code 1 - cos} for {@link #COSINE} (range 0..2), the <em>squared</em>
 * Euclidean distance for {@link #L2}, and {@code 1 - dot} for {@link #DOT}. {@link #similarity(double)} turns
 * each into a similarity that equals the cosine similarity when vectors are unit length (as the outputs of most
 * embedding models are): {@code 1 - d} for cosine and dot, {@code 1 - d/2} for squared L2.
 */
public enum DistanceMetric {
    COSINE,
    L2,
    DOT;

    /** Cosine-like similarity in [-1, 1] for unit vectors; exact cosine similarity for {@link #COSINE}. */
    public double similarity(double distance) {
        return switch (this) {
            case COSINE, DOT -> 1.0 - distance;
            case L2 -> 1.0 - distance / 2.0;
        };
    }

    /** Parses a user-facing name such as "cosine", "l2", "euclidean" or "dot". */
    public static DistanceMetric parse(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        return switch (n) {
            case "cosine", "cosine_distance" -> COSINE;
            case "l2", "euclidean", "euclidean_distance" -> L2;
            case "dot", "dot_product", "inner_product", "negative_inner_product" -> DOT;
            default -> throw new IllegalArgumentException("Unknown distance '" + name + "': use cosine, l2 or dot");
        };
    }
}
