package io.github.lancedb4j.store;

import java.util.Locale;

/**
 * What a search ranks by.
 *
 * <ul>
 *   <li>{@link #VECTOR}: nearness of the stored vectors to the query vector (semantic similarity).</li>
 *   <li>{@link #FULL_TEXT}: BM25 relevance of the stored text to the query text (the words typed: codes, names, rare
 *       terms), through the table's full-text index on {@code text}.</li>
 *   <li>{@link #HYBRID}: both, on the same version of the table, fused by reciprocal rank fusion (see
 *       {@link ReciprocalRankFusion}).</li>
 * </ul>
 */
public enum SearchMode {
    VECTOR,
    FULL_TEXT,
    HYBRID;

    /** Whether searches in this mode read the table's text, and so want a full-text index. */
    public boolean usesText() {
        return this != VECTOR;
    }

    /** Parses "vector", "full-text" (or "full_text", "fulltext", "text", "bm25") and "hybrid". */
    public static SearchMode parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (n) {
            case "vector", "embedding" -> VECTOR;
            case "full_text", "fulltext", "text", "bm25", "keyword" -> FULL_TEXT;
            case "hybrid" -> HYBRID;
            default -> throw new IllegalArgumentException("Unknown search mode '" + name
                    + "': use vector, full-text or hybrid");
        };
    }
}
