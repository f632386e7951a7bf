package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.SearchTuning;
import io.github.lancedb4j.store.VectorIndexSpec;
import io.github.lancedb4j.store.VectorIndexType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Keeps the spec a vector index was built with (its build parameters and default search tuning) in the table's
 * config, under {@code lancedb4j.index.<column>}, so that a restart — or another process — searches the index with
 * the tuning it was built for. The value is a {@code key=value;…} list that older readers ignore key by key.
 */
public final class IndexSpecCodec {

    public static final String CONFIG_PREFIX = "lancedb4j.index.";

    private IndexSpecCodec() {
    }

    public static String configKey(String column) {
        return CONFIG_PREFIX + column;
    }

    public static String encode(VectorIndexSpec spec) {
        StringJoiner out = new StringJoiner(";");
        out.add("type=" + spec.type().name());
        add(out, "partitions", spec.partitions());
        add(out, "subVectors", spec.subVectors());
        add(out, "bits", spec.bits());
        add(out, "hnswM", spec.hnswM());
        add(out, "efConstruction", spec.efConstruction());
        SearchTuning t = spec.searchTuning();
        if (t != null) {
            add(out, "nprobes", t.nprobes());
            add(out, "refineFactor", t.refineFactor());
            add(out, "ef", t.ef());
        }
        return out.toString();
    }

    /** The spec, or null when the text is absent or not one this version understands. */
    public static VectorIndexSpec decode(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        try {
            VectorIndexType type = VectorIndexType.fromLance(fields.get("type"));
            if (type == null) {
                return null;
            }
            Integer nprobes = integer(fields, "nprobes");
            Integer refine = integer(fields, "refineFactor");
            Integer ef = integer(fields, "ef");
            SearchTuning tuning = nprobes == null && refine == null && ef == null ? null
                    : SearchTuning.of(nprobes, refine, ef);
            return new VectorIndexSpec(type, integer(fields, "partitions"), integer(fields, "subVectors"),
                    integer(fields, "bits"), integer(fields, "hnswM"), integer(fields, "efConstruction"), tuning);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void add(StringJoiner out, String key, Integer value) {
        if (value != null) {
            out.add(key + "=" + value);
        }
    }

    private static Integer integer(Map<String, String> fields, String key) {
        String v = fields.get(key);
        return v == null ? null : Integer.valueOf(v);
    }
}
