package io.github.lancedb4j.boot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code lancedb.namespace.*}: find the tables through a Lance namespace (a catalog such as LanceDB Enterprise or a
 * Lance REST namespace server) instead of under {@code lancedb.uri}.
 */
public class NamespaceProperties {

    /**
     * The namespace implementation: rest (a Lance REST namespace server), dir (a directory namespace) or the class
     * name of another LanceNamespace implementation. When set, lancedb.uri is not used.
     */
    private String implementation;

    /**
     * The implementation's properties, e.g. uri and headers.x-api-key for rest, root for dir. Values are never
     * logged.
     */
    private Map<String, String> properties = new LinkedHashMap<>();

    /** The namespace the tables are in, as the names from the root (e.g. [team, rag]); empty: the root. */
    private List<String> path = new ArrayList<>();

    boolean isEnabled() {
        return implementation != null && !implementation.isBlank();
    }

    public String getImplementation() {
        return implementation;
    }

    public void setImplementation(String implementation) {
        this.implementation = implementation;
    }

    public Map<String, String> getProperties() {
        return properties;
    }

    public void setProperties(Map<String, String> properties) {
        this.properties = properties;
    }

    public List<String> getPath() {
        return path;
    }

    public void setPath(List<String> path) {
        this.path = path;
    }

    @Override
    public String toString() {
        return "NamespaceProperties[implementation=" + implementation + ", properties="
                + Secrets.maskValues(properties) + ", path=" + path + "]";
    }
}
