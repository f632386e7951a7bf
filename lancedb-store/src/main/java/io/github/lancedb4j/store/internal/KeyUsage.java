package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.filter.MetadataFilter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts, per metadata key, the searches whose filter reads it and the value categories they compare, so that keys
 * filters keep using can be promoted into typed columns.
 */
public final class KeyUsage {

    /** Keys a table promotes at most: each costs one to four columns and their indexes. */
    public static final int MAX_PROMOTED_KEYS = 16;

    private final Map<String, AtomicInteger> uses = new ConcurrentHashMap<>();
    private final Map<String, Set<ValueCategory>> categories = new ConcurrentHashMap<>();

    /** Records a search's filter: one use of each key it reads, and the value categories it compares them with. */
    public void record(MetadataFilter filter) {
        Deque<MetadataFilter> pending = new ArrayDeque<>(List.of(filter));
        Set<String> seen = new java.util.HashSet<>();
        while (!pending.isEmpty()) {
            MetadataFilter f = pending.pop();
            if (f instanceof MetadataFilter.And and) {
                pending.push(and.left());
                pending.push(and.right());
            } else if (f instanceof MetadataFilter.Or or) {
                pending.push(or.left());
                pending.push(or.right());
            } else if (f instanceof MetadataFilter.Not not) {
                pending.push(not.expression());
            } else {
                Map<ValueCategory, List<Object>> values = PromotedKeySql.valuesByCategory(f);
                String key = key(f);
                if (values == null || key == null) {
                    continue;
                }
                categories.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet())
                        .addAll(PromotedKeySql.needed(values.keySet()));
                if (seen.add(key)) {
                    uses.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                }
            }
        }
    }

    /** The keys used by at least {@code threshold} searches, with the categories compared, busiest first. */
    public Map<String, Set<ValueCategory>> frequent(int threshold) {
        Map<String, Set<ValueCategory>> out = new java.util.LinkedHashMap<>();
        uses.entrySet().stream().filter(e -> threshold > 0 && e.getValue().get() >= threshold)
                .sorted((a, b) -> Integer.compare(b.getValue().get(), a.getValue().get()))
                .limit(MAX_PROMOTED_KEYS)
                .forEach(e -> out.put(e.getKey(), EnumSet.copyOf(categories.get(e.getKey()))));
        return out;
    }

    /** The categories filters compared for a key so far. */
    public Set<ValueCategory> categories(String key) {
        Set<ValueCategory> c = categories.get(key);
        return c == null ? Set.of() : EnumSet.copyOf(c);
    }

    private static String key(MetadataFilter leaf) {
        if (leaf instanceof MetadataFilter.Comparison c) {
            return c.key();
        }
        if (leaf instanceof MetadataFilter.In in) {
            return in.key();
        }
        if (leaf instanceof MetadataFilter.ContainsString cs) {
            return cs.key();
        }
        return null;
    }
}
