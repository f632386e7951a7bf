package io.github.lancedb4j.boot;

import java.util.LinkedHashMap;
import java.util.Map;

/** Masks secrets for {@code toString()} and log lines. */
final class Secrets {

    private Secrets() {
    }

    static String mask(String secret) {
        return secret == null ? null : "******";
    }

    /** The keys with masked values: storage options hold credentials. */
    static Map<String, String> maskValues(Map<String, String> map) {
        Map<String, String> masked = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> masked.put(k, mask(v)));
        }
        return masked;
    }
}
