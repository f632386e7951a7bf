package io.github.lancedb4j.samples.springai;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A RAG web application over a Lance table, configured only by {@code application.yml} through
 * {@code lancedb-spring-ai-spring-boot-starter}: {@code POST /documents}, {@code GET /search}, {@code POST /ask} (with a chat
 * model), a page at {@code /} and {@code /actuator/health}. Start the JVM with
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED} (the {@code run} script and the jar's manifest do).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SpringAiRagApplication {

    public static void main(String[] args) {
        SpringApplication.run(SpringAiRagApplication.class, args);
    }
}
