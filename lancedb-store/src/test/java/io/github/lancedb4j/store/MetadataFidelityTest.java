package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metadata written by other tools (LanceDB Python/Node) is read back without dropping anything. */
class MetadataFidelityTest {

    @Test
    void nested_objects_and_mixed_lists_are_kept_as_json_text() {
        Map<String, Object> read = MetadataCodec.decode(
                "{\"source\":\"a.md\",\"page\":{\"n\":3,\"of\":[1,2]},\"tags\":[\"x\",\"y\"],\"scores\":[1,2.5],"
                        + "\"empty\":[],\"deep\":[[\"a\"]],\"none\":null}", null);
        assertThat(read).containsEntry("source", "a.md")
                .containsEntry("page", "{\"n\":3,\"of\":[1,2]}")
                .containsEntry("tags", List.of("x", "y"))
                .containsEntry("scores", "[1,2.5]")
                .containsEntry("empty", List.of())
                .containsEntry("deep", "[[\"a\"]]")
                .doesNotContainKey("none");
    }
}
