package io.github.lancedb4j.springai;

import io.github.lancedb4j.store.filter.FilterSql;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.FilterExpressionConverter;

/**
 * Shows the Lance SQL predicate a Spring AI filter becomes (the store itself goes through the same translation).
 * Keys and values are always single-quoted literals with {@code '} doubled; every AND/OR operand is parenthesised.
 */
public class LanceDbFilterExpressionConverter implements FilterExpressionConverter {

    @Override
    public String convertExpression(Filter.Expression expression) {
        return FilterSql.where(SpringAiFilters.toMetadataFilter(expression));
    }
}
