package io.github.lancedb4j.benchmarks;

import io.github.lancedb4j.store.SearchTuning;
import java.nio.file.Path;
import java.util.List;

/**
 * One system under test: ingest in batches, zero or more "stages" (flat, or one index each: built, then searched
 * with a sweep of tunings), search (optionally with one of the metadata filters), close.
 */
interface BenchSystem extends AutoCloseable {

    /** A search setting: Lance's nprobes / refine factor / ef (null fields: the index's defaults), or Lucene's numCandidates. */
    record Tuning(String label, SearchTuning lance, int candidates, boolean isDefault) {
        static Tuning lance(String label, SearchTuning t) {
            return new Tuning(label, t, 0, false);
        }

        static Tuning defaults(String label) {
            return new Tuning(label, null, 0, true);
        }
    }

    /** The system's name in the tables, e.g. "LanceDbEmbeddingStore". */
    String name();

    /** Opens the system on a fresh location under {@code workDir}. */
    void open(DataSet d, Path workDir) throws Exception;

    /** Adds rows [from, to) in one call of the system's batch API; returns the nanoseconds of that call alone. */
    long add(DataSet d, int from, int to) throws Exception;

    /** Called once after the last batch (e.g. Lucene's commit); returns nanoseconds counted as ingest. */
    default long finishIngest() throws Exception {
        return 0;
    }

    /** The stages in the order they run: "flat", or index names such as "ivf-hnsw-sq". */
    List<String> stages();

    /** Builds the stage's index if it has one; returns its build time in seconds, or NaN for none. */
    double prepare(String stage, DataSet d) throws Exception;

    /** A short description of the stage as built (index type, partitions …). */
    String describe(String stage);

    /** The tunings to sweep for the stage; the first one is the default point. */
    List<Tuning> sweep(String stage, DataSet d);

    /**
     * The top-k rows (indices into the data set) for query {@code q} (an index into {@link DataSet#allQueries}), among
     * the rows {@code filter} matches (null: all rows).
     */
    int[] search(DataSet d, int q, int k, Tuning tuning, FilterCase filter) throws Exception;

    boolean supportsFilter(DataSet d);

    /** How filters are evaluated now, for the report (e.g. "JSON metadata"). */
    default String filterPath() {
        return "as is";
    }

    /**
     * Switches filters to the system's faster path, if it has one (this library's stores: promote the filter keys
     * into typed, indexed columns; raw Lance: BTREE indexes on its plain columns); returns the seconds it took, or NaN
     * when the system has a single path.
     */
    default double speedUpFilters(DataSet d) throws Exception {
        return Double.NaN;
    }

    /** What the switch to the faster filter path did besides (for the report's notes), or null. */
    default String filterNote() {
        return null;
    }

    /** Whether the stage compares the query with every vector (then fewer queries are timed on big data sets). */
    boolean bruteForce(String stage);

    /** Bytes on disk, or -1. */
    default long diskBytes() {
        return -1;
    }

    /** Why the system cannot run on this data set, or null. */
    default String unsupported(DataSet d) {
        return null;
    }

    @Override
    void close() throws Exception;
}
