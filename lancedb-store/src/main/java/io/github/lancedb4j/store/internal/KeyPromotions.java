package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.filter.FilterSql;
import io.github.lancedb4j.store.filter.MetadataFilter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which metadata keys a table promotes into typed columns ({@link PromotedKeys}): counts the keys searches filter
 * on, asks for the frequent ones to be promoted (the automatic policy runs it in the background), and promotes on
 * request.
 */
public final class KeyPromotions {

    private static final Map<ValueCategory, String> STORED_TYPES = Map.of(
            ValueCategory.TEXT, "('string', 'uuid')",
            ValueCategory.INTEGRAL, "('int', 'long')",
            ValueCategory.FLOATING, "('float', 'double')",
            ValueCategory.BOOLEAN, "('boolean')");

    private final TableContext context;
    private final SnapshotManager snapshots;
    private final TableWriter writer;
    private final VectorSearch reads;
    private final KeyUsage usage = new KeyUsage();
    private final KeyPromoter promoter;

    public KeyPromotions(TableContext context, SnapshotManager snapshots, TableWriter writer, VectorSearch reads) {
        this.context = context;
        this.snapshots = snapshots;
        this.writer = writer;
        this.reads = reads;
        this.promoter = new KeyPromoter(context);
    }

    /**
     * Counts a search's filter keys; when keys reached {@code after} searches and are not promoted yet (nor declared
     * as typed columns), and the table has at least {@code minRows} rows, hands them to {@code request}.
     */
    public void noteFilter(MetadataFilter filter, int after, long minRows,
            Consumer<Map<String, Set<ValueCategory>>> request) {
        if (after <= 0) {
            return;
        }
        usage.record(filter);
        Map<String, Set<ValueCategory>> frequent = usage.frequent(after);
        if (frequent.isEmpty()) {
            return;
        }
        Map<String, Set<ValueCategory>> wanted = new LinkedHashMap<>();
        long rows = snapshots.read(s -> {
            PromotedKeys promoted = s.layout().promotedKeys();
            frequent.forEach((key, categories) -> {
                PromotedKeys.PromotedKey existing = promoted.get(key);
                boolean declared = s.layout().metadataColumns().containsKey(key);
                boolean room = existing != null || promoted.keys().size() + wanted.size() < KeyUsage.MAX_PROMOTED_KEYS;
                if (!declared && room && (existing == null || !existing.has(categories))) {
                    wanted.put(key, categories);
                }
            });
            return wanted.isEmpty() ? 0L : reads.count(s, null);
        });
        if (!wanted.isEmpty() && rows >= minRows) {
            request.accept(wanted);
        }
    }

    /** Promotes a key now, with every category of value the table holds for it. */
    public void promoteNow(String key) {
        Set<ValueCategory> categories = EnumSet.noneOf(ValueCategory.class);
        STORED_TYPES.forEach((category, stored) -> {
            String holds = "json_get_string(`" + TableSchema.METADATA_TYPES + "`, " + FilterSql.literal(key) + ") IN "
                    + stored;
            if (snapshots.read(s -> reads.countWhere(s, holds, "check metadata key")) > 0) {
                categories.add(category);
            }
        });
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("Metadata key '" + key + "' of table '" + context.name()
                    + "' holds no text, number or boolean in any row: nothing to promote");
        }
        promote(Map.of(key, PromotedKeySql.needed(categories)));
    }

    /** Promotes these keys' categories (an empty map restamps rows that other writers left uncovered). */
    public void promote(Map<String, Set<ValueCategory>> wanted) {
        writer.write("promote metadata keys", promoter.plan(wanted));
    }
}
