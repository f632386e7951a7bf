package io.github.lancedb4j.boot;

import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/** Registers the beans of named stores ({@code lancedb.stores.<name>}) with {@code @Qualifier("<name>")}. */
public final class NamedStoreBeans {

    private NamedStoreBeans() {
    }

    /** The named stores in the environment's properties. */
    public static List<StoreSettings> stores(Environment environment) {
        Binder binder = Binder.get(environment);
        LanceDbProperties properties = binder.bind(LanceDbProperties.PREFIX, LanceDbProperties.class)
                .orElseGet(LanceDbProperties::new);
        PropertyAliases.apply(properties, binder);
        return StoreSettings.all(properties);
    }

    /** Registers a bean unless the application defines one with that name already (the user's bean wins). */
    public static <T> void register(BeanDefinitionRegistry registry, String beanName, String qualifier,
            Class<T> type, Supplier<T> supplier) {
        if (registry.containsBeanDefinition(beanName)) {
            return;
        }
        RootBeanDefinition definition = new RootBeanDefinition(type, supplier);
        definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, qualifier));
        registry.registerBeanDefinition(beanName, definition);
    }
}
