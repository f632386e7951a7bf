package io.github.lancedb4j.spark.internal;

import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.lance.Dataset;
import org.lance.ReadOptions;

/** Opens Lance datasets for the job's own reads and commits (not through the store: no caches, no maintenance). */
final class LanceTables {

    private LanceTables() {
    }

    /** The table at {@code version}, or at its latest version when null. */
    static Dataset open(BufferAllocator allocator, String uri, Map<String, String> storageOptions, Long version) {
        ReadOptions.Builder options = new ReadOptions.Builder().setStorageOptions(storageOptions);
        if (version != null) {
            options.setVersion(version);
        }
        return Dataset.open().allocator(allocator).uri(uri).readOptions(options.build()).build();
    }
}
