package io.github.lancedb4j.benchmarks;

import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** This library's LangChain4j store on a fresh local table: ingest, search and filtered search. */
final class LanceStoreRunner implements AutoCloseable {

    static final String SYSTEM = "LanceDbEmbeddingStore";

    final LanceDbEmbeddingStore store;
    final double openSeconds;
    private final Path directory;

    LanceStoreRunner(Path directory, int dim) {
        this.directory = directory;
        long t0 = System.nanoTime();
        this.store = LanceDbEmbeddingStore.builder().uri(directory.toString()).tableName("bench").dimension(dim)
                .build();
        this.openSeconds = (System.nanoTime() - t0) / 1e9;
        Progress.log(String.format("%-34s opened fresh table at %s in %.2f s", SYSTEM, store.table().uri(),
                openSeconds));
    }

    StoreIngest ingest(Corpus corpus, int batch) {
        return StoreIngest.run(SYSTEM, store, corpus, batch);
    }

    SearchStats search(BenchmarkConfig c, SyntheticData data, int[][] truth, Map<String, Integer> rowOfId)
            throws Exception {
        return SearchBench.run(SYSTEM, "search", StoreSearch.of(store, c.k(), null), data.warmupQueries,
                data.queries, truth, rowOfId);
    }

    SearchStats filtered(BenchmarkConfig c, Corpus corpus, float[][] warmup, float[][] queries, int[][] truth,
            Map<String, Integer> rowOfId) throws Exception {
        return SearchBench.run(SYSTEM, "filtered search", StoreSearch.of(store, c.k(), corpus.filter()), warmup,
                queries, truth, rowOfId);
    }

    String tableUri() {
        return store.table().uri();
    }

    long tableBytes() {
        try (Stream<Path> files = Files.walk(Path.of(tableUri()))) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        store.close();
    }

    void deleteFiles() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }
}
