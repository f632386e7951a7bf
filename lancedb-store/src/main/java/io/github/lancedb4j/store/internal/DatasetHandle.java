package io.github.lancedb4j.store.internal;

import java.util.concurrent.atomic.AtomicInteger;
import org.lance.Dataset;

/**
 * A reference-counted {@link Dataset}: the table holds one reference while the handle is current, and each read
 * holds one while it runs. A handle replaced by a write is closed only after its last read finishes, so a swap
 * never breaks an in-flight search.
 */
public final class DatasetHandle {

    private final Dataset dataset;
    private final AtomicInteger references = new AtomicInteger(1);

    public DatasetHandle(Dataset dataset) {
        this.dataset = dataset;
    }

    public Dataset dataset() {
        return dataset;
    }

    /** Takes a reference, or returns false when the handle is already closed (the caller retries on the new one). */
    public boolean tryRetain() {
        while (true) {
            int n = references.get();
            if (n == 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    public void release() {
        if (references.decrementAndGet() == 0) {
            dataset.close();
        }
    }
}
