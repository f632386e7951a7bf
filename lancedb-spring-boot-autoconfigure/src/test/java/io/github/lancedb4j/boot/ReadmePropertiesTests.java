package io.github.lancedb4j.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's property tables and the generated configuration metadata list the same properties. */
class ReadmePropertiesTests {

    private static final Pattern ROW = Pattern.compile("^\\| `((?:spring\\.ai\\.vectorstore\\.)?lancedb\\.[a-z0-9.<>\\-]+)` \\|",
            Pattern.MULTILINE);
    private static final String NAMED = "lancedb.stores.<name>.";

    @Test
    void every_property_in_the_readme_is_in_the_metadata_and_vice_versa() throws Exception {
        JsonNode metadata = new ObjectMapper().readTree(
                Path.of("target/classes/META-INF/spring-configuration-metadata.json").toFile());
        Set<String> generated = new TreeSet<>();
        metadata.get("properties").forEach(p -> generated.add(p.get("name").asText()));

        String readme = Files.readString(Path.of("../README.md"));
        String section = readme.substring(readme.indexOf("<!-- starter:begin -->"), readme.indexOf("<!-- starter:end -->"));
        Set<String> root = new TreeSet<>();
        Set<String> named = new TreeSet<>();
        Matcher m = ROW.matcher(section);
        while (m.find()) {
            (m.group(1).startsWith(NAMED) ? named : root).add(m.group(1));
        }

        assertThat(root).isEqualTo(generated);
        // Each named-store key overrides the root property of the same name.
        Set<String> overridable = new TreeSet<>();
        for (String name : named) {
            overridable.add("lancedb." + name.substring(NAMED.length()));
        }
        assertThat(generated).containsAll(overridable);
        assertThat(overridable).contains("lancedb.table", "lancedb.vector-column", "lancedb.dimensions",
                "lancedb.distance", "lancedb.embedding.api-key", "lancedb.embedding.provider");
        assertThat(named).hasSize(27);
    }
}
