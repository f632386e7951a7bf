package io.github.lancedb4j.store.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lance.Dataset;

/**
 * The table config (key/value pairs in the manifest) as several owners share it: the index manager's recorded
 * specs, the key promotions. Lance 7.0.0's {@code updateConfig} replaces the whole config, so an update merges into
 * what is there.
 */
public final class TableConfig {

    private TableConfig() {
    }

    /** Sets {@code entries}, keeping every other entry (one commit). */
    public static void put(Dataset dataset, Map<String, String> entries) {
        Map<String, String> merged = new LinkedHashMap<>(dataset.getConfig());
        merged.putAll(entries);
        dataset.updateConfig(merged);
    }
}
