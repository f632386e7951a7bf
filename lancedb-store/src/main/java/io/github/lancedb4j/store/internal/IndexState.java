package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.VectorIndexInfo;
import java.util.Map;

/** The vector indexes of one version, by column. */
public record IndexState(Map<String, VectorIndexInfo> byColumn) {

    public IndexState {
        byColumn = Map.copyOf(byColumn);
    }
}
