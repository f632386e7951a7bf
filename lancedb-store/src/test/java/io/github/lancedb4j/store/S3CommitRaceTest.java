package io.github.lancedb4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.testing.ConditionalWrites;
import io.github.lancedb4j.testing.S3ProxyServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * How Lance commits on {@code s3://}: each version's manifest is created with a conditional {@code PUT}
 * ({@code If-None-Match: *}), so of two writers that prepared the same version exactly one wins and the other —
 * refused with 412 — rebases onto the winner and commits the next version. S3Proxy forces that race here instead of
 * hoping for it ({@link ConditionalWrites#raceNext}). The second test is the control: on a store that ignores the
 * condition (an S3-compatible store without conditional writes), the same race silently loses an acknowledged write.
 */
class S3CommitRaceTest {

    private static final List<VectorColumn> COLUMNS = List.of(VectorColumn.of("vector", 8));

    @Test
    void two_writers_racing_for_one_version_both_commit_and_nothing_is_lost() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            Map<Integer, Long> counts = race(s3, false);
            ConditionalWrites log = s3.conditionalWrites();
            assertThat(log.raced()).as("the two commits raced for one version").isTrue();
            List<ConditionalWrites.Put> manifests = log.puts("_versions/");
            assertThat(manifests).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.ifNoneMatch()).as("put-if-absent").isEqualTo("*"));
            assertThat(manifests).filteredOn(ConditionalWrites.Put::refused).as("the loser's 412").isNotEmpty();
            Map<String, Long> createdPerKey = manifests.stream().filter(ConditionalWrites.Put::created)
                    .collect(Collectors.groupingBy(ConditionalWrites.Put::key, Collectors.counting()));
            assertThat(createdPerKey.values()).as("each version created once").containsOnly(1L);

            assertThat(counts.get(0)).as("initial rows").isEqualTo(WriterProcess.BATCH);
            assertThat(counts.get(1)).as("both writers' rows").isEqualTo(3L * WriterProcess.BATCH);
        }
    }

    @Test
    void without_conditional_writes_the_same_race_loses_an_acknowledged_write() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            Map<Integer, Long> counts = race(s3, true);
            assertThat(s3.conditionalWrites().raced()).isTrue();
            // Both upserts returned normally, but the held writer's manifest replaced the winner's version.
            assertThat(counts.get(1)).isEqualTo(2L * WriterProcess.BATCH);
        }
    }

    /**
     * Creates a table with one batch, then lets two databases (two processes, as far as Lance can tell) upsert one
     * batch each while S3Proxy holds the first manifest PUT until the other's PUT of the same version finished.
     * Returns the row count a fresh database sees before (0) and after (1).
     */
    private static Map<Integer, Long> race(S3ProxyServer s3, boolean ignoreConditions) throws Exception {
        String uri = s3.uri(s3.createBucket("race"), "db");
        long before;
        try (LanceDatabase setup = LanceDatabase.connect(uri, s3.storageOptions())) {
            LanceTable table = setup.openTable("docs", COLUMNS, true);
            table.upsert(WriterProcess.batch("initial", 0), List.of("vector"));
            before = table.countRows();
        }
        s3.conditionalWrites().ignore(ignoreConditions);
        try (LanceDatabase a = writer(uri, s3); LanceDatabase b = writer(uri, s3)) {
            LanceTable tableA = a.openTable("docs", COLUMNS, false);
            LanceTable tableB = b.openTable("docs", COLUMNS, false);
            s3.conditionalWrites().raceNext("_versions/", Duration.ofSeconds(60));
            CompletableFuture<Void> first = CompletableFuture.runAsync(
                    () -> tableA.upsert(WriterProcess.batch("a", 1), List.of("vector")));
            Thread.sleep(200);
            CompletableFuture<Void> second = CompletableFuture.runAsync(
                    () -> tableB.upsert(WriterProcess.batch("b", 2), List.of("vector")));
            first.get(2, TimeUnit.MINUTES);
            second.get(2, TimeUnit.MINUTES);
        } finally {
            s3.conditionalWrites().ignore(false);
        }
        try (LanceDatabase fresh = LanceDatabase.connect(uri, s3.storageOptions())) {
            return Map.of(0, before, 1, fresh.openTable("docs", COLUMNS, false).countRows());
        }
    }

    private static LanceDatabase writer(String uri, S3ProxyServer s3) {
        return LanceDatabase.builder().uri(uri).storageOptions(s3.storageOptions())
                .readConsistency(ReadConsistency.manual()).build();
    }
}
