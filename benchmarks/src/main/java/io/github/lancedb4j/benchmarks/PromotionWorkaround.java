package io.github.lancedb4j.benchmarks;

import io.github.lancedb4j.store.LanceTable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.lance.Dataset;

/**
 * Works around two faults of the core that keep promoted keys and a vector index from living together on lance-core
 * 7.0.0 (reproduced by filtered.PromotionIndexProbe): a promotion drops the vector index (its merge on id rewrites
 * every row), and an index build then forgets the promotion ({@code Dataset.updateConfig} replaces the whole table
 * config, so recording the index spec erases the promotion's entries). To measure promoted keys on an indexed table
 * as the design intends, the benchmark saves the promotion's config entries, rebuilds the index, and writes the
 * entries back next to the index spec. Benchmark-only: it writes the config on its own Lance handle.
 */
final class PromotionWorkaround {

    /** The config entries the core records promotions in ({@code lancedb4j.keys.epoch}, {@code lancedb4j.key.*}). */
    private static final String PREFIX = "lancedb4j.key";

    private PromotionWorkaround() {
    }

    /** The table's promotion entries, as recorded in its config now. */
    static Map<String, String> promotionConfig(LanceTable table) {
        Map<String, String> out = new LinkedHashMap<>();
        table.withDataset(Dataset::getConfig).forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * Writes {@code saved} back into the table's config (keeping what is there) when the table no longer knows the
     * {@code keys} as promoted; returns whether it had to.
     */
    static boolean restore(LanceTable table, Map<String, String> saved, Set<String> keys) {
        if (table.promotedMetadataKeys().containsAll(keys)) {
            return false;
        }
        try (BufferAllocator allocator = new RootAllocator();
                Dataset ds = Dataset.open().allocator(allocator).uri(table.uri()).build()) {
            Map<String, String> merged = new LinkedHashMap<>(ds.getConfig());
            merged.putAll(saved);
            ds.updateConfig(merged);
        }
        table.refresh();
        if (!table.promotedMetadataKeys().containsAll(keys)) {
            throw new IllegalStateException("Restoring the promotion config " + saved + " did not bring back the keys "
                    + keys + ": promoted now " + table.promotedMetadataKeys());
        }
        return true;
    }
}
