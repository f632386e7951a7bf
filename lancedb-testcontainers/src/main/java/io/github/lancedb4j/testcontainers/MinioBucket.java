package io.github.lancedb4j.testcontainers;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.MinIOContainer;

/**
 * A bucket on a MinIO container, and the storage options that point a LanceDB store at it — for an application's
 * own tests against a real S3 implementation:
 *
 * <pre>{@code
 * try (MinioBucket bucket = MinioBucket.start("rag-test")) {
 *     LanceDbEmbeddingStore store = LanceDbEmbeddingStore.builder()
 *             .uri(bucket.uri("db")).storageOptions(bucket.storageOptions()).tableName("docs").dimension(384).build();
 *     // lancedb.uri / lancedb.storage-options.* for the Spring Boot starters: bucket.springProperties("db")
 * }
 * }</pre>
 *
 * Starting needs Docker; guard such tests with {@link #dockerAvailable()} (or Testcontainers'
 * {@code @Testcontainers(disabledWithoutDocker = true)}) so that they are skipped, not failed, without it.
 */
public final class MinioBucket implements AutoCloseable {

    /** The MinIO image: it includes the {@code mc} client used to create buckets. */
    public static final String DEFAULT_IMAGE = "minio/minio:RELEASE.2025-04-22T22-12-26Z";

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final MinIOContainer container;
    private final boolean owned;
    private final String bucket;

    private MinioBucket(MinIOContainer container, boolean owned, String bucket) {
        this.container = container;
        this.owned = owned;
        this.bucket = bucket;
    }

    /** Whether Docker is reachable, i.e. whether {@link #start} can work here. */
    public static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /** Starts a MinIO container with {@link #DEFAULT_IMAGE} and creates the bucket; {@link #close()} stops it. */
    public static MinioBucket start(String bucket) {
        MinIOContainer container = new MinIOContainer(DEFAULT_IMAGE);
        container.start();
        try {
            return on(container, bucket, true);
        } catch (RuntimeException e) {
            container.stop();
            throw e;
        }
    }

    /** Creates the bucket on a running container the caller manages (e.g. a static {@code @Container}). */
    public static MinioBucket on(MinIOContainer container, String bucket) {
        return on(container, bucket, false);
    }

    private static MinioBucket on(MinIOContainer container, String bucket, boolean owned) {
        Objects.requireNonNull(container, "container");
        if (bucket == null || !BUCKET_NAME.matcher(bucket).matches()) {
            throw new IllegalArgumentException("Not an S3 bucket name: '" + bucket
                    + "' (3-63 lower-case letters, digits, dots and hyphens)");
        }
        createBucket(container, bucket);
        return new MinioBucket(container, owned, bucket);
    }

    private static void createBucket(MinIOContainer container, String bucket) {
        try {
            Container.ExecResult result = container.execInContainer("sh", "-c",
                    "mc alias set local http://127.0.0.1:9000 \"$MINIO_ROOT_USER\" \"$MINIO_ROOT_PASSWORD\" >/dev/null"
                            + " && mc mb --ignore-existing local/" + bucket);
            if (result.getExitCode() != 0) {
                throw new IllegalStateException("Creating bucket '" + bucket + "' in MinIO failed: "
                        + result.getStderr().strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Creating bucket '" + bucket + "' in MinIO failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating bucket '" + bucket + "'", e);
        }
    }

    public String bucket() {
        return bucket;
    }

    /** The S3 endpoint on the host, e.g. {@code http://localhost:32768}. */
    public String endpoint() {
        return container.getS3URL();
    }

    /** {@code s3://<bucket>/<path>}: a store's (or {@code lancedb.uri}'s) location in the bucket. */
    public String uri(String path) {
        return "s3://" + bucket + "/" + path;
    }

    /** The storage options a store needs to reach the bucket (path-style requests over plain HTTP). A new map. */
    public Map<String, String> storageOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("aws_access_key_id", container.getUserName());
        options.put("aws_secret_access_key", container.getPassword());
        options.put("aws_region", "us-east-1");
        options.put("aws_endpoint", endpoint());
        options.put("aws_virtual_hosted_style_request", "false");
        options.put("allow_http", "true");
        return options;
    }

    /** The Spring Boot properties for the starters: {@code lancedb.uri} and {@code lancedb.storage-options.*}. */
    public Map<String, String> springProperties(String path) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("lancedb.uri", uri(path));
        storageOptions().forEach((k, v) -> properties.put("lancedb.storage-options." + k, v));
        return properties;
    }

    /** Stops the container if this helper started it; a container passed to {@link #on} is left to its owner. */
    @Override
    public void close() {
        if (owned) {
            container.stop();
        }
    }
}
