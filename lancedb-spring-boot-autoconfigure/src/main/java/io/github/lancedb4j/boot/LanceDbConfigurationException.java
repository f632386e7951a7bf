package io.github.lancedb4j.boot;

/**
 * A configuration that cannot work, found at startup: what is wrong and what to change, with the property names.
 * {@link LanceDbFailureAnalyzer} prints both parts in Spring Boot's startup failure report.
 */
public class LanceDbConfigurationException extends RuntimeException {

    private final String description;
    private final String action;

    public LanceDbConfigurationException(String description, String action) {
        this(description, action, null);
    }

    public LanceDbConfigurationException(String description, String action, Throwable cause) {
        super(description + " " + action, cause);
        this.description = description;
        this.action = action;
    }

    public String description() {
        return description;
    }

    public String action() {
        return action;
    }
}
