package io.github.lancedb4j.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.store.LanceDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code lancedb.index-cache-size} and {@code lancedb.metadata-cache-size} size the database's caches. */
class CacheSizeTests {

    @TempDir
    Path dir;

    /** The connection alone: no embedding model to load. */
    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(LanceDbAutoConfiguration.class))
                .withPropertyValues("lancedb.uri=" + dir.resolve("db"));
    }

    @Test
    void the_cache_sizes_default_to_lances_and_follow_the_properties() {
        runner().run(context -> {
            LanceDatabase db = context.getBean(LanceDatabase.class);
            assertThat(db.indexCacheSizeBytes()).isEqualTo(2L << 30);
            assertThat(db.metadataCacheSizeBytes()).isEqualTo(128L << 20);
        });
        runner().withPropertyValues("lancedb.index-cache-size=256MB", "lancedb.metadata-cache-size=16MB")
                .run(context -> {
                    LanceDatabase db = context.getBean(LanceDatabase.class);
                    assertThat(db.indexCacheSizeBytes()).isEqualTo(256L << 20);
                    assertThat(db.metadataCacheSizeBytes()).isEqualTo(16L << 20);
                });
        runner().withPropertyValues("lancedb.index-cache-size=-1MB")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("index cache size must not be negative"));
    }
}
