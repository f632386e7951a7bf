package io.github.lancedb4j.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lancedb4j.store.LanceStoreException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConflictRetryTest {

    private static final ConflictRetry FAST = new ConflictRetry(5, Duration.ofMillis(1), Duration.ofMillis(4),
            Duration.ofSeconds(10));

    @Test
    void a_commit_that_loses_a_race_is_run_again_until_it_commits() {
        AtomicInteger attempts = new AtomicInteger();
        String result = FAST.run("docs", "upsert", () -> {
            if (attempts.incrementAndGet() < 4) {
                throw conflict("Retryable commit conflict for version 7: This Merge transaction was preempted by "
                        + "concurrent transaction Rewrite at version 7. Please retry.");
            }
            return "committed";
        });
        assertThat(result).isEqualTo("committed");
        assertThat(attempts).hasValue(4);
    }

    @Test
    void other_failures_are_not_retried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> FAST.run("docs", "upsert", () -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("Vector column 'v' has dimension 3 but the vector has dimension 2");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void the_budget_is_bounded_and_the_last_conflict_is_reported() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> FAST.run("docs", "create index", () -> {
            attempts.incrementAndGet();
            throw conflict("Too many concurrent writers. Attempted 10 retries");
        })).isInstanceOf(LanceStoreException.class)
                .satisfies(e -> assertThat(((LanceStoreException) e).kind())
                        .isEqualTo(LanceStoreException.Kind.COMMIT_CONFLICT));
        assertThat(attempts).hasValue(5);
    }

    private static LanceStoreException conflict(String nativeMessage) {
        RuntimeException lance = new RuntimeException(nativeMessage + ", /workspace/rust/lance/src/io/commit.rs:1");
        return new LanceStoreException("docs", "upsert", "Lance upsert failed: " + nativeMessage, lance,
                LanceErrors.classify(lance));
    }
}
