package io.github.lancedb4j.boot;

import io.github.lancedb4j.store.FullTextIndexSpec;
import io.github.lancedb4j.store.FullTextIndexSpec.Language;
import io.github.lancedb4j.store.FullTextIndexSpec.Tokenizer;

/**
 * The full-text (BM25) index on the table's text: managed when the search mode is {@code full-text} or
 * {@code hybrid}, or when {@code index} is true. Under {@code lancedb.full-text} every value has its default; under
 * {@code lancedb.stores.<name>.full-text} unset values take the root's.
 */
public class FullTextProperties {

    /** Manage the full-text index even when the search mode is vector (for per-call full-text or hybrid searches). */
    private Boolean index;

    /** How text is split into terms: simple (on punctuation and spaces), whitespace, or ngram (parts of words). */
    private Tokenizer tokenizer;

    /** The language of stemming and stop words (english, german, french, …). */
    private Language language;

    /** Lower-case terms. */
    private Boolean lowerCase;

    /** Reduce terms to their stem ("running" finds "run"). */
    private Boolean stem;

    /** Drop the language's stop words ("the", "and", …); not every language has a list. */
    private Boolean removeStopWords;

    /** Fold accents to ASCII ("café" finds "cafe"). */
    private Boolean asciiFolding;

    /** Keep term positions, which phrase searches need (a smaller index without). */
    private Boolean withPositions;

    /** Drop terms longer than this; unset: Lance's default. */
    private Integer maxTokenLength;

    /** The shortest n-gram of the ngram tokenizer. */
    private Integer minNgramLength;

    /** The longest n-gram of the ngram tokenizer. */
    private Integer maxNgramLength;

    /** The root's values: each with its default. */
    static FullTextProperties withDefaults() {
        FullTextIndexSpec d = FullTextIndexSpec.defaults();
        FullTextProperties p = new FullTextProperties();
        p.index = false;
        p.tokenizer = d.tokenizer();
        p.language = d.language();
        p.lowerCase = d.lowerCase();
        p.stem = d.stem();
        p.removeStopWords = d.removeStopWords();
        p.asciiFolding = d.asciiFolding();
        p.withPositions = d.withPositions();
        p.minNgramLength = d.minNgramLength();
        p.maxNgramLength = d.maxNgramLength();
        return p;
    }

    /** Whether the index is wanted regardless of the search mode (this store's value, else the root's). */
    boolean indexWanted(FullTextProperties root) {
        return Boolean.TRUE.equals(index != null ? index : root.index);
    }

    /** The spec of these values over the root's; bad values fail with what to fix. */
    FullTextIndexSpec toSpec(FullTextProperties root, String prefix) {
        try {
            return new FullTextIndexSpec(pick(tokenizer, root.tokenizer), pick(language, root.language),
                    pick(lowerCase, root.lowerCase), pick(stem, root.stem),
                    pick(removeStopWords, root.removeStopWords), pick(asciiFolding, root.asciiFolding),
                    pick(withPositions, root.withPositions), pick(maxTokenLength, root.maxTokenLength),
                    pick(minNgramLength, root.minNgramLength), pick(maxNgramLength, root.maxNgramLength));
        } catch (IllegalArgumentException e) {
            throw new LanceDbConfigurationException("Invalid full-text index settings: " + e.getMessage() + ".",
                    "Fix " + prefix + ".full-text.* (e.g. remove-stop-words: false for a language without a "
                            + "stop-word list).", e);
        }
    }

    private static <T> T pick(T own, T root) {
        return own != null ? own : root;
    }

    public Boolean getIndex() {
        return index;
    }

    public void setIndex(Boolean index) {
        this.index = index;
    }

    public Tokenizer getTokenizer() {
        return tokenizer;
    }

    public void setTokenizer(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    public Language getLanguage() {
        return language;
    }

    public void setLanguage(Language language) {
        this.language = language;
    }

    public Boolean getLowerCase() {
        return lowerCase;
    }

    public void setLowerCase(Boolean lowerCase) {
        this.lowerCase = lowerCase;
    }

    public Boolean getStem() {
        return stem;
    }

    public void setStem(Boolean stem) {
        this.stem = stem;
    }

    public Boolean getRemoveStopWords() {
        return removeStopWords;
    }

    public void setRemoveStopWords(Boolean removeStopWords) {
        this.removeStopWords = removeStopWords;
    }

    public Boolean getAsciiFolding() {
        return asciiFolding;
    }

    public void setAsciiFolding(Boolean asciiFolding) {
        this.asciiFolding = asciiFolding;
    }

    public Boolean getWithPositions() {
        return withPositions;
    }

    public void setWithPositions(Boolean withPositions) {
        this.withPositions = withPositions;
    }

    public Integer getMaxTokenLength() {
        return maxTokenLength;
    }

    public void setMaxTokenLength(Integer maxTokenLength) {
        this.maxTokenLength = maxTokenLength;
    }

    public Integer getMinNgramLength() {
        return minNgramLength;
    }

    public void setMinNgramLength(Integer minNgramLength) {
        this.minNgramLength = minNgramLength;
    }

    public Integer getMaxNgramLength() {
        return maxNgramLength;
    }

    public void setMaxNgramLength(Integer maxNgramLength) {
        this.maxNgramLength = maxNgramLength;
    }
}
