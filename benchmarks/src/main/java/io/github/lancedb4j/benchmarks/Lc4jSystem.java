package io.github.lancedb4j.benchmarks;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import io.github.lancedb4j.store.IndexPolicy;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.VectorIndexInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** This library's LangChain4j store: {@code addAll(embeddings, segments)} (an append), {@code search(request, tuning)}. */
final class Lc4jSystem extends LanceStoreSystem {

    LanceDbEmbeddingStore store;
    private final Map<FilterCase, Filter> filters = new HashMap<>();
    /** A directory kept across runs (resumable probes), or null: a fresh temporary one, deleted on close. */
    private final Path kept;

    Lc4jSystem(IndexPolicy policy, List<String> stages, boolean fullSweep) {
        this(policy, stages, fullSweep, null);
    }

    private Lc4jSystem(IndexPolicy policy, List<String> stages, boolean fullSweep, Path kept) {
        super(policy, stages, fullSweep);
        this.kept = kept;
    }

    /** The store on a table in {@code directory} that is reopened, not recreated, and kept after close. */
    static Lc4jSystem kept(Path directory, IndexPolicy policy, List<String> stages) {
        return new Lc4jSystem(policy, stages, false, directory);
    }

    @Override
    public String name() {
        return "LanceDbEmbeddingStore";
    }

    @Override
    public void open(DataSet d, Path workDir) throws Exception {
        directory = kept != null ? Files.createDirectories(kept) : Files.createTempDirectory(workDir, "bench-lc4j-");
        store = LanceDbEmbeddingStore.builder().uri(directory.toString()).tableName("bench").dimension(d.dim())
                .distance(d.metric).indexPolicy(policy).build();
        for (FilterCase f : d.filters) {
            filters.put(f, MetadataFilterBuilder.metadataKey(f.key).isEqualTo(f.value()));
        }
    }

    @Override
    public long add(DataSet d, int from, int to) {
        List<Embedding> embeddings = new ArrayList<>(to - from);
        List<TextSegment> segments = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            embeddings.add(Embedding.from(d.rows[i]));
            segments.add(TextSegment.from(d.text(i), Metadata.from(d.metadata(i))));
        }
        long t0 = System.nanoTime();
        store.addAll(embeddings, segments);
        return System.nanoTime() - t0;
    }

    @Override
    LanceTable table() {
        return store.table();
    }

    @Override
    VectorIndexInfo createIndex(String stage) {
        return store.createIndex(LanceSweeps.spec(stage));
    }

    @Override
    public int[] search(DataSet d, int q, int k, Tuning tuning, FilterCase filter) {
        EmbeddingSearchRequest request = EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(d.allQueries[q]))
                .maxResults(k)
                .minScore(0.0)
                .filter(filter == null ? null : filters.get(filter))
                .build();
        List<EmbeddingMatch<TextSegment>> matches = store.search(request, tuning.lance()).matches();
        int[] rows = new int[matches.size()];
        for (int i = 0; i < rows.length; i++) {
            TextSegment s = matches.get(i).embedded();
            rows[i] = s == null ? -1 : rowOf(s.metadata().toMap().get("n"));
        }
        return rows;
    }

    @Override
    public void close() throws Exception {
        if (store != null) {
            store.close();
        }
        if (kept == null) {
            deleteTree(directory);
        }
    }
}
