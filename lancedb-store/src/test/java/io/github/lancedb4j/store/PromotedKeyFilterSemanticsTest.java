package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.store.internal.PromotedKeys;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every filter of {@link FilterSemanticsTest}, with every key the rows hold promoted into typed columns: the answers
 * must be the same as from the JSON (type-strict comparisons, two-valued NOT, numeric precision, keys with quotes).
 */
class PromotedKeyFilterSemanticsTest extends FilterSemanticsTest {

    @Override
    void afterWrite(LanceTable table, Map<String, Map<String, Object>> rows) {
        Set<String> keys = new TreeSet<>();
        rows.values().forEach(m -> {
            if (m != null) {
                keys.addAll(m.keySet());
            }
        });
        for (String key : keys) {
            try {
                table.promoteMetadataKey(key);
            } catch (IllegalArgumentException onlyLists) {
                // a key holding only lists has nothing a filter compares
            }
        }
        if (!keys.isEmpty()) {
            assertThat(table.<Boolean>withDataset(ds -> ds.getSchema().getFields().stream()
                    .anyMatch(f -> f.getName().equals(PromotedKeys.EPOCH_COLUMN)))).isTrue();
        }
    }
}
