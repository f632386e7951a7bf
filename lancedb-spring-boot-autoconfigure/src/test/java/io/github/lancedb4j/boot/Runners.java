package io.github.lancedb4j.boot;

import io.github.lancedb4j.boot.actuator.LanceDbActuatorAutoConfiguration;
import io.github.lancedb4j.boot.langchain4j.LanceDbLangChain4jAutoConfiguration;
import io.github.lancedb4j.boot.springai.LanceDbSpringAiAutoConfiguration;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter's auto-configurations in an {@link ApplicationContextRunner}, on a temporary directory. */
final class Runners {

    static final AutoConfigurations ALL = AutoConfigurations.of(LanceDbAutoConfiguration.class,
            LanceDbEmbeddingModelAutoConfiguration.class, LanceDbSpringAiAutoConfiguration.class,
            io.github.lancedb4j.boot.springai.LanceDbSpringAiRetrieverAutoConfiguration.class,
            LanceDbLangChain4jAutoConfiguration.class, LanceDbActuatorAutoConfiguration.class);

    /** Hides Spring AI (and our adapter): LangChain4j alone. */
    static final FilteredClassLoader WITHOUT_SPRING_AI = new FilteredClassLoader("org.springframework.ai",
            "io.github.lancedb4j.springai");

    /** Hides LangChain4j's store API (and our adapter): Spring AI alone. */
    static final FilteredClassLoader WITHOUT_LANGCHAIN4J = new FilteredClassLoader("dev.langchain4j.store",
            "io.github.lancedb4j.langchain4j");

    private Runners() {
    }

    static ApplicationContextRunner runner(Path dir) {
        return new ApplicationContextRunner()
                .withConfiguration(ALL)
                .withPropertyValues("lancedb.uri=" + dir.resolve("db"));
    }
}
