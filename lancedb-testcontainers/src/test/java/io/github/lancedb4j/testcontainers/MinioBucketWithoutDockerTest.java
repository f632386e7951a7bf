package io.github.lancedb4j.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;

/** What the helper does on a machine without Docker (CI here): it says so, and tests guarded by it are skipped. */
class MinioBucketWithoutDockerTest {

    @Test
    void without_docker_the_helper_reports_it_and_start_fails_clearly() {
        assumeFalse(MinioBucket.dockerAvailable(), "Docker is available: MinioObjectStorageTest runs instead");
        assertThat(MinioBucket.dockerAvailable()).isFalse();
        assertThatThrownBy(() -> MinioBucket.start("bucket")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Docker");
    }

    @Test
    void bucket_names_are_checked_before_any_container_is_touched() {
        assertThatThrownBy(() -> MinioBucket.on(null, "b")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MinioBucket.on(new org.testcontainers.containers.MinIOContainer(
                MinioBucket.DEFAULT_IMAGE), "Not_A_Bucket")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not an S3 bucket name");
    }
}
