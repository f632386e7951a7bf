package io.github.lancedb4j.store.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The metadata keys promoted into typed, scalar-indexed columns because filters use them, as recorded in the table
 * config and present in the schema.
 *
 * <p>Each promoted key has one column per value category a filter needed ({@code lancedb4j_k<hash>_s|i|f|b}), holding
 * the rows' values of that category and null otherwise; the JSON stays the source of truth. Every row this library
 * writes carries the promotion epoch its writer knew ({@value #EPOCH_COLUMN}); a promotion recomputes every promoted
 * column of every row from the JSON and stamps the new epoch. A column added at epoch e describes exactly the rows
 * whose epoch is at least e: other rows (written by other tools, or before a concurrent promotion) are read from the
 * JSON, so a filter never misses a row.
 *
 * @param epoch the latest promotion's epoch (0: none)
 * @param keys  promoted keys, by key
 */
public record PromotedKeys(long epoch, Map<String, PromotedKey> keys) {

    public static final String EPOCH_COLUMN = "lancedb4j_epoch";
    static final String EPOCH_CONFIG = "lancedb4j.keys.epoch";
    static final String KEY_CONFIG_PREFIX = "lancedb4j.key.";
    public static final PromotedKeys NONE = new PromotedKeys(0, Map.of());

    /**
     * A promoted key: its columns' hash and, per category, the epoch from which the category's column is filled.
     */
    public record PromotedKey(String key, String hash, Map<ValueCategory, Long> sinceEpoch) {

        public String column(ValueCategory category) {
            return columnName(hash, category);
        }

        public boolean has(Set<ValueCategory> categories) {
            return sinceEpoch.keySet().containsAll(categories);
        }

        /** The latest epoch among {@code categories}: rows stamped at least this hold all of them. */
        public long epochFor(Set<ValueCategory> categories) {
            long e = 0;
            for (ValueCategory c : categories) {
                e = Math.max(e, sinceEpoch.get(c));
            }
            return e;
        }
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    public PromotedKey get(String key) {
        return keys.get(key);
    }

    /** Reads the promotions from a version's config, keeping only columns its schema has. */
    public static PromotedKeys read(Map<String, String> config, Schema schema) {
        String epoch = config.get(EPOCH_CONFIG);
        if (epoch == null) {
            return NONE;
        }
        Set<String> columns = new java.util.HashSet<>();
        schema.getFields().forEach(f -> columns.add(f.getName()));
        if (!columns.contains(EPOCH_COLUMN)) {
            return NONE;
        }
        Map<String, PromotedKey> keys = new LinkedHashMap<>();
        config.forEach((name, value) -> {
            if (!name.startsWith(KEY_CONFIG_PREFIX)) {
                return;
            }
            String hash = name.substring(KEY_CONFIG_PREFIX.length());
            int split = value.indexOf(';');
            if (split < 0) {
                return;
            }
            String key = value.substring(split + 1);
            Map<ValueCategory, Long> since = new EnumMap<>(ValueCategory.class);
            for (String part : value.substring(0, split).split(",")) {
                int at = part.indexOf('@');
                ValueCategory c = at < 0 ? null : ValueCategory.fromSuffix(part.substring(0, at));
                if (c != null && columns.contains(columnName(hash, c))) {
                    since.put(c, Long.parseLong(part.substring(at + 1)));
                }
            }
            if (!since.isEmpty() && hash.equals(hash(key))) {
                keys.put(key, new PromotedKey(key, hash, since));
            }
        });
        return new PromotedKeys(Long.parseLong(epoch), Map.copyOf(keys));
    }

    /** The config entries that record these promotions. */
    public Map<String, String> toConfig() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(EPOCH_CONFIG, Long.toString(epoch));
        keys.values().forEach(k -> {
            StringJoiner cats = new StringJoiner(",");
            k.sinceEpoch().forEach((c, e) -> cats.add(c.suffix() + "@" + e));
            out.put(KEY_CONFIG_PREFIX + k.hash(), cats + ";" + k.key());
        });
        return out;
    }

    /** These promotions plus the given categories of the given keys, all at one new epoch. */
    public PromotedKeys with(Map<String, Set<ValueCategory>> added) {
        long next = epoch + 1;
        Map<String, PromotedKey> out = new LinkedHashMap<>(keys);
        added.forEach((key, categories) -> {
            PromotedKey existing = keys.get(key);
            Map<ValueCategory, Long> since = new EnumMap<>(ValueCategory.class);
            if (existing != null) {
                since.putAll(existing.sinceEpoch());
            }
            categories.forEach(c -> since.putIfAbsent(c, next));
            out.put(key, new PromotedKey(key, hash(key), Map.copyOf(since)));
        });
        return new PromotedKeys(next, Map.copyOf(out));
    }

    /** Whether every given category of every given key is promoted already. */
    public boolean covers(Map<String, Set<ValueCategory>> wanted) {
        return wanted.entrySet().stream().allMatch(e -> keys.containsKey(e.getKey())
                && keys.get(e.getKey()).has(e.getValue()));
    }

    public static String columnName(String hash, ValueCategory category) {
        return "lancedb4j_k" + hash + "_" + category.suffix();
    }

    /** 12 hex digits of the key's SHA-256: a column name for any key (dots, spaces, quotes, any script). */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
