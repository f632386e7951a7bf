package io.github.lancedb4j.store;

/**
 * The full-text index on a table's {@code text} as it stands.
 *
 * @param name          the index name ({@code text_fts} when the store or {@code lancedb-spark} built it)
 * @param spec          the settings it was built with, as the index reports them; null when it was built with a
 *                      tokenizer the store does not manage (the automatic policy then rebuilds it)
 * @param indexedRows   rows in the index
 * @param unindexedRows rows written since the last build or optimize: still searched, by a slower scan that
 *                      tokenizes their text at query time, until the index folds them in
 */
public record FullTextIndexInfo(String name, FullTextIndexSpec spec, long indexedRows, long unindexedRows) {
}
