package io.github.lancedb4j.benchmarks;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The LangChain4j view of the data set, built once and given to every store: an {@link Embedding} per row (wrapping
 * the same float array) and a short {@link TextSegment} with metadata {@code {"source": "doc-<d>", "n": i}}.
 */
public final class Corpus {

    public final List<Embedding> embeddings;
    public final List<TextSegment> segments;
    public final String filteredSource;
    public final int filteredFrom;
    public final int filteredTo;

    public Corpus(SyntheticData data, BenchmarkConfig c) {
        int n = data.rows.length;
        int perDoc = c.rowsPerDocument();
        embeddings = new ArrayList<>(n);
        segments = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String source = "doc-" + (i / perDoc);
            embeddings.add(Embedding.from(data.rows[i]));
            Metadata metadata = new Metadata().put("source", source).put("n", i);
            segments.add(TextSegment.from("Chunk " + (i % perDoc) + " of " + source, metadata));
        }
        int doc = c.filteredDocument();
        filteredSource = "doc-" + doc;
        filteredFrom = doc * perDoc;
        filteredTo = Math.min(n, filteredFrom + perDoc);
    }

    /** The ~1 %-selective filter used by the filtered searches. */
    public Filter filter() {
        return MetadataFilterBuilder.metadataKey("source").isEqualTo(filteredSource);
    }

    public double filterSelectivity() {
        return (double) (filteredTo - filteredFrom) / embeddings.size();
    }
}
