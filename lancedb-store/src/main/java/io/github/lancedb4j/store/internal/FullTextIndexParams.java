package io.github.lancedb4j.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lancedb4j.store.FullTextIndexSpec;
import io.github.lancedb4j.store.FullTextIndexSpec.Language;
import io.github.lancedb4j.store.FullTextIndexSpec.Tokenizer;
import org.lance.index.IndexParams;
import org.lance.index.scalar.InvertedIndexParams;

/**
 * Translates a {@link FullTextIndexSpec} to Lance's INVERTED index parameters, and reads it back from the parameters
 * an index reports (its details JSON), so the store can tell whether an existing index — built by this store, by
 * {@code lancedb-spark} or by another LanceDB SDK — has the settings it wants.
 */
public final class FullTextIndexParams {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FullTextIndexParams() {
    }

    /** Every setting explicit: Lance requires the tokenizer and the language, and its defaults change between releases. */
    public static IndexParams of(FullTextIndexSpec spec) {
        InvertedIndexParams.Builder b = InvertedIndexParams.builder()
                .baseTokenizer(spec.tokenizer().lanceName())
                .language(spec.language().lanceName())
                .lowerCase(spec.lowerCase())
                .stem(spec.stem())
                .removeStopWords(spec.removeStopWords())
                .asciiFolding(spec.asciiFolding())
                .withPosition(spec.withPositions())
                .minNgramLength(spec.minNgramLength())
                .maxNgramLength(spec.maxNgramLength());
        if (spec.maxTokenLength() != null) {
            b.maxTokenLength(spec.maxTokenLength());
        }
        return IndexParams.builder().setScalarIndexParams(b.build()).build();
    }

    /**
     * The spec an index reports in its details JSON, or null when it uses settings the store does not manage (another
     * tokenizer, a language it does not know) or the JSON cannot be read.
     */
    public static FullTextIndexSpec fromDetails(String detailsJson) {
        if (detailsJson == null || detailsJson.isBlank()) {
            return null;
        }
        try {
            JsonNode d = JSON.readTree(detailsJson);
            Tokenizer tokenizer = Tokenizer.fromLance(d.path("base_tokenizer").asText(""));
            Language language = language(d.path("language").asText(""));
            if (tokenizer == null || language == null) {
                return null;
            }
            JsonNode maxToken = d.get("max_token_length");
            return new FullTextIndexSpec(tokenizer, language, d.path("lower_case").asBoolean(true),
                    d.path("stem").asBoolean(false), d.path("remove_stop_words").asBoolean(false),
                    d.path("ascii_folding").asBoolean(false), d.path("with_position").asBoolean(false),
                    maxToken == null || maxToken.isNull() ? null : maxToken.asInt(),
                    d.path("min_ngram_length").asInt(FullTextIndexSpec.DEFAULT_NGRAM_LENGTH),
                    d.path("max_ngram_length").asInt(FullTextIndexSpec.DEFAULT_NGRAM_LENGTH));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Language language(String reported) {
        for (Language l : Language.values()) {
            if (l.lanceName().equalsIgnoreCase(reported)) {
                return l;
            }
        }
        return null;
    }
}
