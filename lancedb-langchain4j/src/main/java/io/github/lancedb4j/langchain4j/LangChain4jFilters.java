package io.github.lancedb4j.langchain4j;

import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.ContainsString;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;
import io.github.lancedb4j.store.filter.MetadataFilter;
import io.github.lancedb4j.store.filter.MetadataFilter.Comparison;
import io.github.lancedb4j.store.filter.MetadataFilter.Comparison.Operator;

/** Translates a LangChain4j {@link Filter} into the core's {@link MetadataFilter}; the core renders the SQL. */
final class LangChain4jFilters {

    private LangChain4jFilters() {
    }

    static MetadataFilter toMetadataFilter(Filter filter) {
        if (filter instanceof IsEqualTo f) {
            return new Comparison(f.key(), Operator.EQUAL, f.comparisonValue());
        }
        if (filter instanceof IsNotEqualTo f) {
            return new Comparison(f.key(), Operator.NOT_EQUAL, f.comparisonValue());
        }
        if (filter instanceof IsGreaterThan f) {
            return new Comparison(f.key(), Operator.GREATER_THAN, f.comparisonValue());
        }
        if (filter instanceof IsGreaterThanOrEqualTo f) {
            return new Comparison(f.key(), Operator.GREATER_THAN_OR_EQUAL, f.comparisonValue());
        }
        if (filter instanceof IsLessThan f) {
            return new Comparison(f.key(), Operator.LESS_THAN, f.comparisonValue());
        }
        if (filter instanceof IsLessThanOrEqualTo f) {
            return new Comparison(f.key(), Operator.LESS_THAN_OR_EQUAL, f.comparisonValue());
        }
        if (filter instanceof IsIn f) {
            return new MetadataFilter.In(f.key(), f.comparisonValues(), false);
        }
        if (filter instanceof IsNotIn f) {
            return new MetadataFilter.In(f.key(), f.comparisonValues(), true);
        }
        if (filter instanceof ContainsString f) {
            return new MetadataFilter.ContainsString(f.key(), f.comparisonValue());
        }
        if (filter instanceof And f) {
            return new MetadataFilter.And(toMetadataFilter(f.left()), toMetadataFilter(f.right()));
        }
        if (filter instanceof Or f) {
            return new MetadataFilter.Or(toMetadataFilter(f.left()), toMetadataFilter(f.right()));
        }
        if (filter instanceof Not f) {
            return new MetadataFilter.Not(toMetadataFilter(f.expression()));
        }
        throw new UnsupportedOperationException("Unsupported filter type: " + filter.getClass().getName());
    }
}
