package io.github.lancedb4j.boot;

import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Applies {@link SpringAiVectorStoreProperties} ({@code spring.ai.vectorstore.lancedb.*}) to {@link LanceDbProperties}:
 * an alias fills in the {@code lancedb.*} property it names; both set to different values is a configuration error.
 */
final class PropertyAliases {

    private PropertyAliases() {
    }

    static void apply(LanceDbProperties target, Binder binder) {
        SpringAiVectorStoreProperties aliases = binder.bind(SpringAiVectorStoreProperties.PREFIX,
                SpringAiVectorStoreProperties.class).orElse(null);
        if (aliases == null) {
            return;
        }
        alias(binder, "initialize-schema", aliases.getInitializeSchema(), "initialize-schema", Boolean.class,
                target::setInitializeSchema);
        alias(binder, "table-name", aliases.getTableName(), "table", String.class, target::setTable);
        alias(binder, "dimensions", aliases.getDimensions(), "dimensions", Integer.class, target::setDimensions);
    }

    private static <T> void alias(Binder binder, String aliasName, T aliasValue, String name, Class<T> type,
            Consumer<T> setter) {
        if (aliasValue == null) {
            return;
        }
        String alias = SpringAiVectorStoreProperties.PREFIX + "." + aliasName;
        String property = LanceDbProperties.PREFIX + "." + name;
        T own = binder.bind(property, Bindable.of(type)).orElse(null);
        if (own != null && !Objects.equals(own, aliasValue)) {
            throw new LanceDbConfigurationException(property + " is " + own + " but its alias " + alias + " is "
                    + aliasValue + ".", "Set one of them (they name the same setting), or give both the same value.");
        }
        setter.accept(aliasValue);
    }
}
