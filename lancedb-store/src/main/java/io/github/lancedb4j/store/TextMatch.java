package io.github.lancedb4j.store;

/**
 * How a full-text query's words must appear in a row's text. The query text is always data, never syntax: quotes,
 * {@code AND}/{@code OR}/{@code NOT}, {@code +}/{@code -}, wildcards and field prefixes are ordinary characters that
 * the index's tokenizer splits away like any punctuation.
 *
 * <ul>
 *   <li>{@link #ANY_TERM} (the default): rows holding any of the query's terms, ranked by BM25 (rows holding more,
 *       and rarer, terms first).</li>
 *   <li>{@link #PHRASE}: rows holding the query's terms next to each other in that order; needs an index built
 *       with positions ({@link FullTextIndexSpec#withPositions(boolean) withPositions(true)}; not the default).</li>
 * </ul>
 */
public enum TextMatch {
    ANY_TERM,
    PHRASE
}
