package io.github.lancedb4j.samples.rag;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.lancedb4j.langchain4j.LanceDbEmbeddingStore;
import io.github.lancedb4j.store.LanceTable;
import io.github.lancedb4j.store.SearchHit;
import io.github.lancedb4j.store.StoredRow;
import io.github.lancedb4j.store.SearchQuery;
import io.github.lancedb4j.store.filter.MetadataFilter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Ingests a {@link Corpus} into a store, idempotently: every segment has a deterministic id (from the corpus, the
 * file's relative path and the segment index) and carries the SHA-256 of its file's content, so a re-run embeds only
 * new and changed files, removes the segments of deleted files, and skips the rest.
 *
 * <p>A file whose content is unchanged but whose rows have no vector in this store's column (the table was built with
 * another embedding model and this one got its own column) is backfilled: only its vectors in this column are
 * written, its text, metadata and other columns stay.
 *
 * <p>Writes: one delete (old segments of changed and deleted files), then one upsert per {@link #WRITE_ROWS} rows;
 * an interrupted run is completed by the next one, because a file counts as unchanged only when all its rows carry
 * its current hash and a vector in this column.
 */
final class CorpusIngester {

    static final int EMBED_BATCH = 64;
    static final int WRITE_ROWS = 512;

    static final String FILE_NAME = "file_name";
    static final String PATH = "path";
    static final String CORPUS = "corpus";
    static final String CONTENT_SHA256 = "content_sha256";
    static final String SEGMENT = "segment";

    private final EmbeddingModel model;
    private final LanceDbEmbeddingStore store;
    private final DocumentSplitter splitter;
    private final PrintStream progressOut;
    private final Duration progressInterval;

    CorpusIngester(EmbeddingModel model, LanceDbEmbeddingStore store, DocumentSplitter splitter,
            PrintStream progressOut, Duration progressInterval) {
        this.model = model;
        this.store = store;
        this.splitter = splitter;
        this.progressOut = progressOut;
        this.progressInterval = progressInterval;
    }

    enum Change { NEW, CHANGED, BACKFILL }

    record Skipped(String path, String reason) {
    }

    /** What one run did. */
    record Report(int files, int unchanged, int changed, int added, int backfilled, List<String> removed,
            List<Skipped> skipped, int segmentsEmbedded, double vectorsPerSecond, long rowsInCorpus) {
    }

    /** The deterministic id of a segment. */
    static String segmentId(String corpusId, String path, int segment) {
        return UUID.nameUUIDFromBytes((corpusId + "\n" + path + "#" + segment).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    Report ingest(Corpus corpus) {
        LanceTable table = store.table();
        MetadataFilter inCorpus = MetadataFilter.eq(CORPUS, corpus.id());
        Map<String, StoredFile> stored = storedFiles(table, inCorpus);

        // 1. Classify every file by its content hash; parse and split only those to embed.
        List<FileWork> work = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Set<String> obsoleteIds = new LinkedHashSet<>();
        int unchanged = 0;
        for (Corpus.SourceFile file : corpus.files()) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file.file());
            } catch (IOException | SecurityException e) {
                skipped.add(new Skipped(file.path(), "cannot be read: " + e));
                continue;
            }
            String sha = sha256(bytes);
            StoredFile before = stored.get(file.path());
            Change change;
            if (before == null) {
                change = Change.NEW;
            } else if (!before.hashes.equals(Set.of(sha))) {
                change = Change.CHANGED;
            } else if (before.idsWithVector.size() == before.ids.size()) {
                unchanged++;
                continue;
            } else {
                change = Change.BACKFILL;
            }
            List<TextSegment> segments;
            try {
                segments = split(corpus, file, sha, DocumentReader.text(file.file(), bytes));
            } catch (IOException | RuntimeException e) {
                skipped.add(new Skipped(file.path(), e.getMessage() == null ? e.toString() : e.getMessage()));
                continue;   // its old segments, if any, stay searchable
            }
            List<String> ids = new ArrayList<>(segments.size());
            for (int i = 0; i < segments.size(); i++) {
                ids.add(segmentId(corpus.id(), file.path(), i));
            }
            if (change == Change.BACKFILL && !before.ids.equals(new HashSet<>(ids))) {
                change = Change.CHANGED;   // split differently than when stored: replace the rows
            }
            if (change == Change.CHANGED) {
                obsoleteIds.addAll(before.ids);
            }
            if (segments.isEmpty()) {
                skipped.add(new Skipped(file.path(), "contains no text"));
                continue;
            }
            work.add(new FileWork(file, change, ids, segments));
        }

        // 2. Segments of files that are gone, and old segments of changed files: one delete.
        Set<String> present = new HashSet<>();
        corpus.files().forEach(f -> present.add(f.path()));
        List<String> removed = new ArrayList<>();
        stored.forEach((path, file) -> {
            if (!present.contains(path)) {
                removed.add(path);
                obsoleteIds.addAll(file.ids);
            }
        });
        if (!obsoleteIds.isEmpty()) {
            store.removeAll(obsoleteIds);
        }

        // 3. Embed in batches, write in larger batches.
        int totalSegments = work.stream().mapToInt(w -> w.segments.size()).sum();
        IngestProgress progress = new IngestProgress(progressOut, work.size(), totalSegments, progressInterval);
        Writer writer = new Writer();
        List<Pending> batch = new ArrayList<>(EMBED_BATCH);
        int filesDone = 0;
        int segmentsDone = 0;
        for (FileWork w : work) {
            for (int i = 0; i < w.segments.size(); i++) {
                batch.add(new Pending(w.ids.get(i), w.segments.get(i), w.change == Change.BACKFILL));
                if (batch.size() == EMBED_BATCH) {
                    segmentsDone += embed(batch, writer);
                    progress.update(filesDone, segmentsDone);
                }
            }
            filesDone++;
        }
        segmentsDone += embed(batch, writer);
        writer.flush();
        if (totalSegments > 0) {
            progress.update(filesDone, segmentsDone);
            progress.finish();
        }

        int added = (int) work.stream().filter(w -> w.change == Change.NEW).count();
        int changed = (int) work.stream().filter(w -> w.change == Change.CHANGED).count();
        int backfilled = (int) work.stream().filter(w -> w.change == Change.BACKFILL).count();
        return new Report(corpus.files().size(), unchanged, changed, added, backfilled, removed, skipped,
                segmentsDone, totalSegments == 0 ? 0 : progress.vectorsPerSecond(), table.countRows(inCorpus));
    }

    private int embed(List<Pending> batch, Writer writer) {
        if (batch.isEmpty()) {
            return 0;
        }
        List<Embedding> embeddings = model.embedAll(batch.stream().map(Pending::segment).toList()).content();
        for (int i = 0; i < batch.size(); i++) {
            writer.add(batch.get(i), embeddings.get(i));
        }
        int n = batch.size();
        batch.clear();
        return n;
    }

    private List<TextSegment> split(Corpus corpus, Corpus.SourceFile file, String sha, String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<TextSegment> parts = splitter.split(Document.from(text));
        List<TextSegment> segments = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            Metadata metadata = new Metadata()
                    .put(FILE_NAME, file.fileName())
                    .put(PATH, file.path())
                    .put(CORPUS, corpus.id())
                    .put(CONTENT_SHA256, sha)
                    .put(SEGMENT, i);
            segments.add(TextSegment.from(parts.get(i).text(), metadata));
        }
        return segments;
    }

    /** The stored rows of this corpus by path: ids, content hashes and which ids have a vector in our column. */
    private Map<String, StoredFile> storedFiles(LanceTable table, MetadataFilter inCorpus) {
        Map<String, StoredFile> files = new TreeMap<>();
        long count = table.countRows(inCorpus);
        if (count == 0) {
            return files;
        }
        if (count > Integer.MAX_VALUE) {
            throw new IllegalStateException("More than " + Integer.MAX_VALUE + " rows in one corpus");
        }
        for (StoredRow row : table.find(inCorpus, (int) count)) {
            Object path = row.metadata().get(PATH);
            if (path != null) {
                StoredFile f = files.computeIfAbsent(path.toString(), p -> new StoredFile());
                f.ids.add(row.id());
                f.hashes.add(String.valueOf(row.metadata().get(CONTENT_SHA256)));
            }
        }
        // Rows with a vector in this store's column: a search over the corpus that returns them all (rows without
        // a vector in the column are never returned).
        float[] probe = new float[store.vectorColumn().dimension()];
        probe[0] = 1;
        List<SearchHit> withVector = table.search(
                SearchQuery.nearest(store.vectorColumn().name(), probe).limit((int) count).filter(inCorpus).build(), store.distance());
        for (SearchHit hit : withVector) {
            Object path = hit.metadata() == null ? null : hit.metadata().get(PATH);
            if (path != null && files.containsKey(path.toString())) {
                files.get(path.toString()).idsWithVector.add(hit.id());
            }
        }
        return files;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class StoredFile {
        final Set<String> ids = new HashSet<>();
        final Set<String> hashes = new HashSet<>();
        final Set<String> idsWithVector = new HashSet<>();
    }

    private record FileWork(Corpus.SourceFile file, Change change, List<String> ids, List<TextSegment> segments) {
    }

    private record Pending(String id, TextSegment segment, boolean backfill) {
    }

    /** Buffers embedded segments; upserts new and changed ones, backfills vectors of unchanged ones. */
    private final class Writer {
        private final List<String> ids = new ArrayList<>();
        private final List<Embedding> embeddings = new ArrayList<>();
        private final List<TextSegment> segments = new ArrayList<>();
        private final List<String> backfillIds = new ArrayList<>();
        private final List<Embedding> backfillEmbeddings = new ArrayList<>();

        void add(Pending p, Embedding e) {
            if (p.backfill()) {
                backfillIds.add(p.id());
                backfillEmbeddings.add(e);
            } else {
                ids.add(p.id());
                embeddings.add(e);
                segments.add(p.segment());
            }
            if (ids.size() >= WRITE_ROWS || backfillIds.size() >= WRITE_ROWS) {
                flush();
            }
        }

        void flush() {
            if (!ids.isEmpty()) {
                store.addAll(ids, embeddings, segments);
                ids.clear();
                embeddings.clear();
                segments.clear();
            }
            if (!backfillIds.isEmpty()) {
                store.updateEmbeddings(backfillIds, backfillEmbeddings);
                backfillIds.clear();
                backfillEmbeddings.clear();
            }
        }
    }
}
