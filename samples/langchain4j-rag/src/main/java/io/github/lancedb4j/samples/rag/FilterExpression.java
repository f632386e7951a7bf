package io.github.lancedb4j.samples.rag;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --filter} syntax: {@code key=value}, {@code key!=value}, {@code key~substring} (literal,
 * case-sensitive), {@code key>n}, {@code key>=n}, {@code key<n}, {@code key<=n}; several filters are combined with
 * AND. A whole-number value compares as a number (metadata {@code segment} is an integer); put it in double quotes to
 * compare text.
 */
final class FilterExpression {

    private static final Pattern CONDITION = Pattern.compile("^\\s*([A-Za-z0-9_.\\-]+)\\s*(!=|>=|<=|=|~|>|<)(.*)$");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,18}");

    private FilterExpression() {
    }

    /** The AND of the conditions, or null when there are none. */
    static Filter parse(List<String> conditions) {
        Filter result = null;
        for (String condition : conditions) {
            Filter f = parse(condition);
            result = result == null ? f : result.and(f);
        }
        return result;
    }

    static Filter parse(String condition) {
        Matcher m = CONDITION.matcher(condition);
        if (!m.matches()) {
            throw new IllegalArgumentException("Filter '" + condition + "' is not key=value, key!=value, key~text, "
                    + "key>n, key>=n, key<n or key<=n");
        }
        MetadataFilterBuilder key = metadataKey(m.group(1));
        String operator = m.group(2);
        String raw = m.group(3).strip();
        boolean quoted = raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"");
        String text = quoted ? raw.substring(1, raw.length() - 1) : raw;
        Long number = !quoted && WHOLE_NUMBER.matcher(raw).matches() ? Long.valueOf(raw) : null;
        return switch (operator) {
            case "=" -> number != null ? key.isEqualTo(number) : key.isEqualTo(text);
            case "!=" -> number != null ? key.isNotEqualTo(number) : key.isNotEqualTo(text);
            case "~" -> key.containsString(text);
            default -> {
                if (number == null) {
                    throw new IllegalArgumentException("Filter '" + condition + "': " + operator
                            + " needs a whole number");
                }
                yield switch (operator) {
                    case ">" -> key.isGreaterThan(number);
                    case ">=" -> key.isGreaterThanOrEqualTo(number);
                    case "<" -> key.isLessThan(number);
                    default -> key.isLessThanOrEqualTo(number);
                };
            }
        };
    }
}
