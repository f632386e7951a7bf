package io.github.lancedb4j.samples.rag;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FilterExpressionTest {

    @Test
    void each_operator_maps_to_the_langchain4j_filter() {
        assertThat(FilterExpression.parse("file_name=README.md")).isEqualTo(metadataKey("file_name").isEqualTo("README.md"));
        assertThat(FilterExpression.parse("path!=docs/a.md")).isEqualTo(metadataKey("path").isNotEqualTo("docs/a.md"));
        assertThat(FilterExpression.parse("path~docs/")).isEqualTo(metadataKey("path").containsString("docs/"));
        assertThat(FilterExpression.parse("segment>=2")).isEqualTo(metadataKey("segment").isGreaterThanOrEqualTo(2L));
        assertThat(FilterExpression.parse("segment<3")).isEqualTo(metadataKey("segment").isLessThan(3L));
    }

    @Test
    void whole_numbers_compare_as_numbers_unless_quoted() {
        assertThat(FilterExpression.parse("segment=0")).isEqualTo(metadataKey("segment").isEqualTo(0L));
        assertThat(FilterExpression.parse("file_name=\"2024\"")).isEqualTo(metadataKey("file_name").isEqualTo("2024"));
    }

    @Test
    void several_filters_are_combined_with_and() {
        assertThat(FilterExpression.parse(List.of("path~docs/", "segment=0")))
                .isEqualTo(metadataKey("path").containsString("docs/").and(metadataKey("segment").isEqualTo(0L)));
        assertThat(FilterExpression.parse(List.of())).isNull();
    }

    @Test
    void malformed_filters_say_what_is_expected() {
        assertThatThrownBy(() -> FilterExpression.parse("README.md"))
                .hasMessageContaining("is not key=value, key!=value, key~text");
        assertThatThrownBy(() -> FilterExpression.parse("segment>two")).hasMessageContaining("needs a whole number");
    }
}
