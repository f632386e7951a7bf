package io.github.lancedb4j.store;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a table's full-text index policy, from {@link IndexMaintenance}'s background runs: with
 * {@link IndexPolicy.Mode#AUTO}, build the index at once (even on an empty table), rebuild it when its settings differ
 * from the wanted ones, and fold appended rows in once they exceed 10 % of the indexed ones, at least 1,000 and at
 * most 10,000 — until then Lance matches them by scanning their text with the index's tokenizer, which costs every
 * query about 34 ms per 1,000 rows at 1M rows on the 2-core benchmark machine (BENCHMARKS.md), hence the cap.
 *
 * <p>The index is wanted from the start because it decides how text is tokenized: without one, Lance matches exact,
 * case-sensitive words (no lower-casing, stemming or accent folding), so "brown" would miss "Brown". On a table of
 * up to {@value #BUILD_WHILE_SETTING_ROWS} rows the index is therefore built while the policy is set (an empty table
 * takes milliseconds); a larger table gets it in the background.
 */
final class FullTextMaintenance {

    private static final Logger log = LoggerFactory.getLogger(FullTextMaintenance.class);
    static final long MIN_ROWS_TO_OPTIMIZE = 1_000;
    static final double OPTIMIZE_FRACTION = 0.1;
    static final long MAX_UNINDEXED_ROWS = 10_000;
    static final long BUILD_WHILE_SETTING_ROWS = 10_000;

    /** Who builds the full-text index, and with what settings. */
    record Policy(IndexPolicy.Mode mode, FullTextIndexSpec spec) {
        Policy {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(spec, "spec");
        }
    }

    private final LanceTable table;
    private volatile Policy policy;

    FullTextMaintenance(LanceTable table) {
        this.table = table;
    }

    void set(Policy policy) {
        Policy previous = this.policy;
        this.policy = policy;
        if (previous != null && !previous.equals(policy)) {
            log.info("Full-text index policy of table '{}' changed from {} to {}", table.name(), previous, policy);
        }
        if (isAuto() && table.countRows() <= BUILD_WHILE_SETTING_ROWS) {
            maintain();
        } else if (table.indexes().fullTextIndex().isEmpty()) {
            log.info("Table '{}' has no full-text index yet{}: until it has one, full-text searches match exact, "
                    + "case-sensitive words only", table.name(), isAuto() ? " (it is being built in the background)"
                    : " (index policy " + policy.mode() + ")");
        }
    }

    Policy policy() {
        return policy;
    }

    boolean isAuto() {
        Policy p = policy;
        return p != null && p.mode() == IndexPolicy.Mode.AUTO;
    }

    void maintain() {
        Policy p = policy;
        if (p == null || p.mode() != IndexPolicy.Mode.AUTO || table.isClosed()) {
            return;
        }
        FullTextIndexInfo index = table.indexes().fullTextIndex().orElse(null);
        String reason = null;
        if (index == null) {
            reason = "the table has no full-text index yet";
        } else if (!sameSettings(index.spec(), p.spec())) {
            reason = "its settings " + (index.spec() == null ? "are not ones the store manages" : index.spec())
                    + " differ from the wanted " + p.spec();
        }
        if (reason != null) {
            log.info("Building the full-text index of table '{}': {}", table.name(), reason);
            table.indexes().createFullTextIndex(p.spec());
        } else if (index != null && index.unindexedRows() >= Math.max(MIN_ROWS_TO_OPTIMIZE,
                Math.min(MAX_UNINDEXED_ROWS, (long) (OPTIMIZE_FRACTION * index.indexedRows())))) {
            log.info("Folding {} new rows into the full-text index of table '{}'", index.unindexedRows(), table.name());
            table.indexes().optimizeFullTextIndex();
        }
    }

    /** N-gram lengths only matter to the n-gram tokenizer. */
    static boolean sameSettings(FullTextIndexSpec built, FullTextIndexSpec wanted) {
        if (built == null) {
            return false;
        }
        if (wanted.tokenizer() != FullTextIndexSpec.Tokenizer.NGRAM) {
            built = built.withNgramLengths(wanted.minNgramLength(), wanted.maxNgramLength());
        }
        return built.equals(wanted);
    }
}
