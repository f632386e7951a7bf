package io.github.lancedb4j.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link LanceDbConfigurationException} into Spring Boot's "Description / Action" startup report. */
class LanceDbFailureAnalyzer extends AbstractFailureAnalyzer<LanceDbConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LanceDbConfigurationException cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}
