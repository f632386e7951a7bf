package io.github.lancedb4j.store;

import java.util.Locale;
import java.util.Objects;

/**
 * How the full-text (BM25) index on a table's {@code text} column splits and normalises text. The defaults suit
 * English prose with codes and names in it: split on anything that is not a letter or digit, lower-case, fold accents
 * ({@code café} finds {@code cafe}), stem ({@code running} finds {@code run}) and drop English stop words. Term
 * positions, which only phrase queries need, are off by default: they made the index 9-14 times larger and its build
 * 2.5-3.7 times slower (measured at 100K and 1M rows, BENCHMARKS.md). They are also the settings {@code lancedb-spark}
 * builds its index with, so a table ingested there is not rebuilt by a store.
 *
 * <p>A query is tokenized the same way as the indexed text, so changing a setting means rebuilding the index (the
 * automatic index policy does that when the spec it is given differs from the index's).
 *
 * @param tokenizer       how text is split into terms (default {@link Tokenizer#SIMPLE})
 * @param language        the language of the stemmer and the stop words (default English)
 * @param lowerCase       whether terms are lower-cased (default true)
 * @param stem            whether terms are reduced to their stem (default true)
 * @param removeStopWords whether the language's stop words ("the", "and", …) are dropped (default true; not every
 *                        language has a list: see {@link Language#hasStopWords()})
 * @param asciiFolding    whether accents are folded to ASCII (default true)
 * @param withPositions   whether term positions are kept, which phrase queries need (default false: with them the
 *                        index is 9-14 times larger)
 * @param maxTokenLength  terms longer than this are dropped (null: Lance's default)
 * @param minNgramLength  the shortest n-gram, for {@link Tokenizer#NGRAM} (default 3)
 * @param maxNgramLength  the longest n-gram, for {@link Tokenizer#NGRAM} (default 3)
 */
public record FullTextIndexSpec(Tokenizer tokenizer, Language language, boolean lowerCase, boolean stem,
        boolean removeStopWords, boolean asciiFolding, boolean withPositions, Integer maxTokenLength,
        int minNgramLength, int maxNgramLength) {

    /** How text is split into terms. */
    public enum Tokenizer {
        /** Split on whitespace and punctuation: {@code ERR-4521} becomes {@code err} and {@code 4521}. */
        SIMPLE,
        /** Split on whitespace only: {@code ERR-4521} stays one term. */
        WHITESPACE,
        /** Overlapping character n-grams: finds parts of words and codes ({@code 4521} in {@code ERR4521}). */
        NGRAM;

        /** The name Lance expects: "simple", "whitespace", "ngram". */
        public String lanceName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The tokenizer Lance reports ("simple", …), or null for one the store does not manage. */
        public static Tokenizer fromLance(String reported) {
            for (Tokenizer t : values()) {
                if (t.lanceName().equalsIgnoreCase(reported)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** The languages Lance stems (and, for most, removes stop words of). */
    public enum Language {
        ARABIC(false), DANISH(true), DUTCH(true), ENGLISH(true), FINNISH(true), FRENCH(true), GERMAN(true),
        GREEK(false), HUNGARIAN(true), ITALIAN(true), NORWEGIAN(true), PORTUGUESE(true), ROMANIAN(false),
        RUSSIAN(true), SPANISH(true), SWEDISH(true), TAMIL(false), TURKISH(false);

        private final boolean stopWords;

        Language(boolean stopWords) {
            this.stopWords = stopWords;
        }

        /** Whether Lance has a stop-word list for this language. */
        public boolean hasStopWords() {
            return stopWords;
        }

        /** The name Lance expects: "English", "German", … */
        public String lanceName() {
            return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
        }

        /** Parses a language name in any case ("english", "German"). */
        public static Language parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown full-text language '" + name + "': use one of "
                        + java.util.Arrays.toString(values()), e);
            }
        }
    }

    public static final int DEFAULT_NGRAM_LENGTH = 3;

    private static final FullTextIndexSpec DEFAULTS = new FullTextIndexSpec(Tokenizer.SIMPLE, Language.ENGLISH, true,
            true, true, true, false, null, DEFAULT_NGRAM_LENGTH, DEFAULT_NGRAM_LENGTH);

    public FullTextIndexSpec {
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(language, "language");
        if (removeStopWords && !language.hasStopWords()) {
            throw new IllegalArgumentException("Full-text index: Lance has no stop-word list for " + language
                    + "; turn stop-word removal off for it");
        }
        if (maxTokenLength != null && maxTokenLength <= 0) {
            throw new IllegalArgumentException("Full-text index: maxTokenLength must be positive, got " + maxTokenLength);
        }
        if (minNgramLength < 1 || maxNgramLength < minNgramLength) {
            throw new IllegalArgumentException("Full-text index: need 1 <= minNgramLength <= maxNgramLength, got "
                    + minNgramLength + " and " + maxNgramLength);
        }
    }

    /** Simple tokenizer, English, lower case, stemming, stop words removed, accents folded, no positions. */
    public static FullTextIndexSpec defaults() {
        return DEFAULTS;
    }

    public FullTextIndexSpec withTokenizer(Tokenizer tokenizer) {
        return new FullTextIndexSpec(tokenizer, language, lowerCase, stem, removeStopWords, asciiFolding,
                withPositions, maxTokenLength, minNgramLength, maxNgramLength);
    }

    /**
     * The language of stemming and stop words. A language without a stop-word list turns stop-word removal off
     * (call {@link #withStopWords(boolean)} after this to change it).
     */
    public FullTextIndexSpec withLanguage(Language language) {
        return new FullTextIndexSpec(tokenizer, language, lowerCase, stem,
                removeStopWords && language.hasStopWords(), asciiFolding, withPositions, maxTokenLength,
                minNgramLength, maxNgramLength);
    }

    public FullTextIndexSpec withLowerCase(boolean lowerCase) {
        return new FullTextIndexSpec(tokenizer, language, lowerCase, stem, removeStopWords, asciiFolding,
                withPositions, maxTokenLength, minNgramLength, maxNgramLength);
    }

    public FullTextIndexSpec withStemming(boolean stem) {
        return new FullTextIndexSpec(tokenizer, language, lowerCase, stem, removeStopWords, asciiFolding,
                withPositions, maxTokenLength, minNgramLength, maxNgramLength);
    }

    public FullTextIndexSpec withStopWords(boolean removeStopWords) {
        return new FullTextIndexSpec(tokenizer, language, lowerCase, stem, removeStopWords, asciiFolding,
                withPositions, maxTokenLength, minNgramLength, maxNgramLength);
    }

    public FullTextIndexSpec withAsciiFolding(boolean asciiFolding) {
        return new FullTextIndexSpec(tokenizer, language, lowerCase, stem, removeStopWords, asciiFolding,
                withPositions, maxTokenLength, minNgramLength, maxNgramLength);
    }

    public FullTextIndexSpec withPositions(boolean withPositions) {
        return new FullTextIndexSpec(tokenizer, language, lowerCase, stem, removeStopWords, asciiFolding,
                withPositions, maxTokenLength, minNgramLength, maxNgramLength);
    }

    public FullTextIndexSpec withMaxTokenLength(Integer maxTokenLength) {
        return new FullTextIndexSpec(tokenizer, language, lowerCase, stem, removeStopWords, asciiFolding,
                withPositions, maxTokenLength, minNgramLength, maxNgramLength);
    }

    public FullTextIndexSpec withNgramLengths(int min, int max) {
        return new FullTextIndexSpec(tokenizer, language, lowerCase, stem, removeStopWords, asciiFolding,
                withPositions, maxTokenLength, min, max);
    }
}
