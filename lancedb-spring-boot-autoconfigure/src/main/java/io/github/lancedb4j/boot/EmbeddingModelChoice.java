package io.github.lancedb4j.boot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Which embedding model a store gets when the context has several — ours, a model starter's (Spring AI's OpenAI or
 * Ollama, LangChain4j's), the application's: the {@code @Primary} one, else the only non-{@code @Fallback} one
 * (the starter's own models are fallbacks), else the only one the application defined itself (not an
 * auto-configuration). Anything else is ambiguous and fails with the bean names, instead of Spring's
 * {@code NoUniqueBeanDefinitionException} deep in a stack trace.
 */
public final class EmbeddingModelChoice {

    private EmbeddingModelChoice() {
    }

    /** The model for a store, or null when the context has none. */
    public static <T> T choose(BeanFactory beans, ObjectProvider<T> provider, Class<T> type, String storeProperty) {
        T unique = provider.getIfUnique();
        if (unique != null || !(beans instanceof ConfigurableListableBeanFactory factory)) {
            return unique;
        }
        String[] names = factory.getBeanNamesForType(type);
        if (names.length == 0) {
            return null;
        }
        List<String> applications = new ArrayList<>();
        for (String name : names) {
            if (!fromAutoConfiguration(factory, name)) {
                applications.add(name);
            }
        }
        if (applications.size() == 1) {
            return factory.getBean(applications.get(0), type);
        }
        throw new LanceDbConfigurationException("The LanceDB store (" + storeProperty + ") needs one "
                + type.getName() + " but the application context has " + names.length + ": "
                + Arrays.toString(names) + ".",
                "Mark the one the store should use @Primary, or turn the other model starters off (Spring AI: "
                        + "spring.ai.model.embedding selects one provider), or define the store bean yourself.");
    }

    private static boolean fromAutoConfiguration(ConfigurableListableBeanFactory factory, String name) {
        try {
            BeanDefinition definition = factory.getMergedBeanDefinition(name);
            String factoryBean = definition.getFactoryBeanName();
            Class<?> source = factoryBean != null ? factory.getType(factoryBean) : null;
            for (Class<?> c = source; c != null; c = c.getEnclosingClass()) {
                if (AnnotatedElementUtils.hasAnnotation(c, AutoConfiguration.class)) {
                    return true;
                }
            }
            return false;
        } catch (NoSuchBeanDefinitionException e) { // a singleton registered without a definition
            return false;
        }
    }
}
