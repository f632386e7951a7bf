package io.github.lancedb4j.spark.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.lance.CommitBuilder;
import org.lance.Dataset;
import org.lance.Fragment;
import org.lance.FragmentMetadata;
import org.lance.Transaction;
import org.lance.operation.Append;
import org.lance.operation.Overwrite;
import org.lance.operation.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's single commit of an ingest: the fragments every task wrote, plus — for an existing table — deletion
 * files that retire the rows they replace, as one Lance transaction. Until it runs, nothing any task wrote is
 * visible; if it fails, the table stays at the version it had.
 */
public final class TableCommitter {

    private static final Logger log = LoggerFactory.getLogger(TableCommitter.class);

    private TableCommitter() {
    }

    /** Creates the table from the fragments in one commit (an Overwrite of a table that does not exist yet). */
    public static long create(String uri, Map<String, String> storageOptions, Schema schema,
            List<FragmentMetadata> fragments) {
        try (BufferAllocator allocator = new RootAllocator();
                Transaction txn = new Transaction.Builder().readVersion(0)
                        .operation(Overwrite.builder().fragments(fragments).schema(schema).build()).build();
                Dataset created = new CommitBuilder(uri, allocator).writeParams(storageOptions).execute(txn)) {
            return created.version();
        }
    }

    /**
     * Adds the fragments and deletes the rows at {@code replaced} (row addresses at {@code readVersion}) in one
     * commit on top of {@code readVersion}. Lance rebases it over commits made since, or fails without changing the
     * table when they touched the same fragments.
     *
     * @return the new version
     */
    public static long upsert(String uri, Map<String, String> storageOptions, long readVersion,
            List<Long> replaced, List<FragmentMetadata> fragments) {
        try (BufferAllocator allocator = new RootAllocator();
                Dataset base = LanceTables.open(allocator, uri, storageOptions, readVersion)) {
            Map<Integer, List<Integer>> byFragment = new TreeMap<>();
            for (long address : replaced) {
                byFragment.computeIfAbsent((int) (address >>> 32), k -> new ArrayList<>()).add((int) address);
            }
            List<Long> removed = new ArrayList<>();
            List<FragmentMetadata> updated = new ArrayList<>();
            for (Map.Entry<Integer, List<Integer>> e : byFragment.entrySet()) {
                Fragment fragment = base.getFragment(e.getKey());
                FragmentMetadata after = fragment.deleteRows(e.getValue());
                if (after == null || after.getNumRows() == 0) {
                    removed.add((long) e.getKey());
                } else {
                    updated.add(after);
                }
            }
            Transaction.Builder txn = new Transaction.Builder().readVersion(readVersion);
            if (replaced.isEmpty()) {
                txn.operation(Append.builder().fragments(fragments).build());
            } else {
                txn.operation(Update.builder().removedFragmentIds(removed).updatedFragments(updated)
                        .newFragments(fragments).build());
            }
            try (Transaction t = txn.build(); Dataset committed = new CommitBuilder(base).execute(t)) {
                log.info("Committed {} new fragment(s) to {}: {} rows replaced in {} fragment(s) ({} removed whole), "
                        + "version {} -> {}", fragments.size(), uri, replaced.size(), byFragment.size(), removed.size(),
                        readVersion, committed.version());
                return committed.version();
            }
        }
    }
}
