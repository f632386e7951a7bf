package io.github.lancedb4j.samples.springai;

import io.github.lancedb4j.springai.LanceDbVectorStore;
import io.github.lancedb4j.store.LanceTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * At startup, when {@code sample.sample-documents} is on (the default) and the store is empty (no row has a vector in
 * its column), ingests the Markdown files bundled under {@code classpath:sample-docs/}, so that the page has something
 * to find at once. A store with documents is never touched.
 */
@Component
class SampleDocuments implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SampleDocuments.class);

    private final VectorStore vectorStore;
    private final SampleProperties properties;

    SampleDocuments(VectorStore vectorStore, SampleProperties properties) {
        this.vectorStore = vectorStore;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.isSampleDocuments()) {
            return;
        }
        if (vectorStore instanceof LanceDbVectorStore lance && lance.isReadOnly()) {
            LOG.info("The store serves {} read-only (lancedb.read-version): the bundled sample documents are not "
                    + "ingested", lance);
            return;
        }
        long documents = documents(vectorStore);
        if (documents > 0) {
            LOG.info("The store has {} documents: the bundled sample documents are not ingested", documents);
            return;
        }
        DocumentChunker chunker = new DocumentChunker(properties.getChunkSize());
        List<Document> chunks = new ArrayList<>();
        Resource[] files = resources();
        for (Resource file : files) {
            try {
                chunks.addAll(chunker.chunk(file.getFilename(), file.getContentAsString(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the bundled sample document " + file, e);
            }
        }
        vectorStore.add(chunks);
        LOG.info("The store was empty: ingested {} chunks of {} bundled sample documents (sample.sample-documents)",
                chunks.size(), files.length);
    }

    /**
     * The rows with a vector in the store's column: another embedding model's column (see the README's switch to
     * HolySheep) starts empty even when the table has rows.
     */
    static long documents(VectorStore vectorStore) {
        if (vectorStore instanceof LanceDbVectorStore lance) {
            return lance.table().countVectors(lance.vectorColumn().name());
        }
        return vectorStore.<LanceTable>getNativeClient().orElseThrow().countRows();
    }

    private static Resource[] resources() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:sample-docs/*.md");
            Arrays.sort(files, Comparator.comparing(Resource::getFilename));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("could not list classpath:sample-docs/", e);
        }
    }
}
