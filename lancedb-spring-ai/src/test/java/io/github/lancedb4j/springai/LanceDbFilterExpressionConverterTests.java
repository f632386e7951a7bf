package io.github.lancedb4j.springai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;
import org.springframework.ai.vectorstore.filter.FilterExpressionTextParser;

class LanceDbFilterExpressionConverterTests {

    final LanceDbFilterExpressionConverter converter = new LanceDbFilterExpressionConverter();
    final FilterExpressionBuilder b = new FilterExpressionBuilder();

    @Test
    void an_or_inside_an_and_stays_grouped_even_without_a_group_node() {
        Filter.Expression e = b.and(b.or(b.eq("a", 1), b.eq("b", 2)), b.eq("c", 3)).build();
        String sql = converter.convertExpression(e);
        // the OR sits inside its own parentheses, as the left operand of the AND
        assertThat(sql).containsPattern("\\(\\(coalesce\\(.*'a'.* OR coalesce\\(.*'b'.*\\) AND coalesce\\(.*'c'");
    }

    @Test
    void quoted_keys_lose_their_quotes_and_become_escaped_literals() {
        String sql = converter.convertExpression(new FilterExpressionTextParser().parse("\"foo bar 1\" == 'it\\'s'"));
        assertThat(sql).contains("'foo bar 1'").contains("'it''s'").doesNotContain("\"foo bar 1\"");
    }

    @Test
    void values_with_quotes_stay_inside_one_literal() {
        String sql = converter.convertExpression(b.eq("country", "BG' OR '1'='1").build());
        assertThat(sql).contains("'BG'' OR ''1''=''1'");
    }

    @Test
    void not_of_is_null_is_supported() {
        String sql = converter.convertExpression(new FilterExpressionTextParser().parse("NOT (year IS NULL)"));
        assertThat(sql).contains("(NOT (json_get_string(`metadata_types`, 'year') IS NULL))");
    }
}
