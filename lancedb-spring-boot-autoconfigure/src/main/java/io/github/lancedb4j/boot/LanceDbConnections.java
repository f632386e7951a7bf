package io.github.lancedb4j.boot;

import io.github.lancedb4j.store.LanceDatabase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Opens the {@link LanceDatabase} the properties describe. */
final class LanceDbConnections {

    /**
     * Object-store defaults that make a wrong endpoint fail startup in seconds (Lance's own retry timeout is
     * 180 s); set only when the user did not.
     */
    static final Map<String, String> OBJECT_STORE_DEFAULTS = Map.of(
            "connect_timeout", "5s",
            "client_retry_timeout", "60");

    private static final Pattern OBJECT_STORE_URI = Pattern.compile("^(s3|s3a|gs|az|abfss?)://.*",
            Pattern.CASE_INSENSITIVE);

    private LanceDbConnections() {
    }

    static LanceDatabase connect(LanceDbProperties properties) {
        if (properties.getUri() == null || properties.getUri().isBlank()) {
            throw new LanceDbConfigurationException(LanceDbProperties.PREFIX + ".uri is empty.",
                    "Set " + LanceDbProperties.PREFIX + ".uri to a directory or an s3://, gs:// or az:// location.");
        }
        try {
            return LanceDatabase.builder()
                    .uri(properties.getUri())
                    .storageOptions(storageOptions(properties.getUri(), properties.getStorageOptions()))
                    .readConsistency(properties.getReadConsistency())
                    .maintenance(properties.getMaintenance().toMaintenance(properties.getVersionRetention()))
                    .build();
        } catch (RuntimeException e) {
            throw new LanceDbConfigurationException("Cannot open the LanceDB database at " + properties.getUri()
                    + ": " + e.getMessage(), "Check " + LanceDbProperties.PREFIX + ".uri.", e);
        }
    }

    static Map<String, String> storageOptions(String uri, Map<String, String> configured) {
        Map<String, String> options = new LinkedHashMap<>();
        if (OBJECT_STORE_URI.matcher(uri).matches()) {
            options.putAll(OBJECT_STORE_DEFAULTS);
        }
        if (configured != null) {
            options.putAll(configured);
        }
        return options;
    }
}
