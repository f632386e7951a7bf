package io.github.lancedb4j.boot;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when no {@code lancedb.stores.*} are configured: the root properties describe the one store. */
public class SingleStoreCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        boolean named = hasNamedStores(Binder.get(context.getEnvironment()));
        return named ? ConditionOutcome.noMatch("lancedb.stores is configured")
                : ConditionOutcome.match("no lancedb.stores configured");
    }

    static boolean hasNamedStores(Binder binder) {
        return binder.bind(LanceDbProperties.PREFIX + ".stores", Bindable.mapOf(String.class, Object.class))
                .map(Map::isEmpty).map(empty -> !empty).orElse(false);
    }

    /** The opposite: one or more named stores. */
    public static class Named extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            boolean named = hasNamedStores(Binder.get(context.getEnvironment()));
            return named ? ConditionOutcome.match("lancedb.stores is configured")
                    : ConditionOutcome.noMatch("no lancedb.stores configured");
        }
    }
}
