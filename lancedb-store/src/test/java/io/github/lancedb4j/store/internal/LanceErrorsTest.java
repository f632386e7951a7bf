package io.github.lancedb4j.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.store.LanceStoreException.Kind;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lance's errors carry no codes: the messages below are ones Lance 7.0.0 produced (see lance-java.md), classified. */
class LanceErrorsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Retryable commit conflict for version 12: This CreateIndex transaction was preempted by concurrent transaction CreateIndex at version 12. Please retry.|COMMIT_CONFLICT",
        "Commit conflict for version 5: conflict|COMMIT_CONFLICT",
        "Too many concurrent writers. Attempted 10 retries, and timed out|COMMIT_CONFLICT",
        "Incompatible transaction: Overwrite at version 3|COMMIT_CONFLICT",
        "Dataset at path /tmp/x/docs.lance was not found: Not found|NOT_FOUND",
        "LanceError(IO): Object at location /tmp/d/_versions/18446744073709551590.manifest not found: No such file or directory (os error 2)|NOT_FOUND",
        "Dataset already exists: /tmp/x/docs.lance|ALREADY_EXISTS",
        "Generic S3 error: Error performing list request: Client error with status 403 Forbidden: <?xml version='1.0'?><Error><Code>SignatureDoesNotMatch</Code></Error>|ACCESS_DENIED",
        "Generic S3 error: Client error with status 404 Not Found: <Code>NoSuchBucket</Code>|NO_BUCKET",
        "Generic S3 error: Error after 0 retries: error sending request for url (http://127.0.0.1:1/b)|UNREACHABLE",
        "Schema error: No field named meta_year|OTHER",
        "Dataset at path db/t_6a1abe9708c34034878fa732353687f0.lance was not found: Not found: db/_versions|NOT_FOUND",
        "Generic S3 error: Client error with status code: 403 for url|ACCESS_DENIED",
    })
    void messages_are_classified(String message, Kind kind) {
        assertThat(LanceErrors.classify(new RuntimeException(message))).isEqualTo(kind);
        // Lance also throws undeclared IOExceptions, and the message may sit in a cause.
        assertThat(LanceErrors.classify(new IllegalStateException("wrapped", new IOException(message)))).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Retryable commit conflict for version 2: x|true",
        "Too many concurrent writers.|true",
        "Dataset at path x was not found|false",
        "Invalid user input: k must be positive|false",
    })
    void only_commit_races_are_retried(String message, boolean retried) {
        assertThat(LanceErrors.isCommitConflict(new RuntimeException(message))).isEqualTo(retried);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Ref not found error: tag nope does not exist|ref-not-found",
        "Ref conflict error: tag t2 already exists|ref-conflict",
        "Ref is invalid: Ref characters must be either alphanumeric, '.', '-' or '_'|invalid-ref",
        "Version not found error: version main:99 does not exist|version-not-found",
        "Dataset at path tmp/p/docs.lance/_versions/99.manifest was not found: Not found: tmp/p/docs.lance/_versions/99.manifest|version-not-found",
        "Dataset at path tmp/p/docs.lance was not found: Not found|none",
    })
    void tag_and_version_errors_are_recognised(String message, String expected) {
        RuntimeException e = new RuntimeException(message);
        assertThat(LanceErrors.isRefNotFound(e)).isEqualTo(expected.equals("ref-not-found"));
        assertThat(LanceErrors.isRefConflict(e)).isEqualTo(expected.equals("ref-conflict"));
        assertThat(LanceErrors.isInvalidRef(e)).isEqualTo(expected.equals("invalid-ref"));
        assertThat(LanceErrors.isVersionNotFound(e)).isEqualTo(expected.equals("version-not-found"));
        assertThat(LanceErrors.isCommitConflict(e)).isFalse();
    }
}
