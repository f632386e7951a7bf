package io.github.lancedb4j.store.internal;

import java.util.HashMap;
import java.util.Map;
import org.lance.Dataset;

/**
 * Writes keys into a table's config without losing the others. Lance 7.0.0's Java {@code Dataset.updateConfig(map)}
 * replaces the whole config with {@code map} (measured: {a=1} then {b=2} leaves {b=2}), so the index spec recorded by
 * an index build and the promoted keys recorded by a promotion would erase each other.
 */
public final class TableConfig {

    private TableConfig() {
    }

    /** Sets {@code values} on the handle's version, keeping every other key (commits a new version). */
    public static void put(Dataset dataset, Map<String, String> values) {
        Map<String, String> merged = new HashMap<>(dataset.getConfig());
        merged.putAll(values);
        dataset.updateConfig(merged);
    }
}
