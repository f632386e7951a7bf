package io.github.lancedb4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3 endpoint for tests: <a href="https://github.com/gaul/s3proxy">S3Proxy</a> started in-process on
 * {@code 127.0.0.1} with a random free port, path-style requests, AWS V2/V4 signatures and the fixed credentials
 * {@code access}/{@code secret}.
 *
 * <p>{@link #start()} stores objects in a fresh temporary directory, which {@link #close()} deletes;
 * {@link #startInMemory()} keeps them in memory. Both work with Lance (conditional {@code If-None-Match: *} PUT
 * included). Typical use:
 *
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.start()) {
 *     String uri = s3.uri(s3.createBucket("bucket"), "table.lance");
 *     Dataset.write()....uri(uri).storageOptions(s3.storageOptions()).execute();
 * }
 * }</pre>
 */
public final class S3ProxyServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3ProxyServer.class);

    private static final String ACCESS_KEY = "lancedb-test-access-4c1d";
    private static final String SECRET_KEY = "lancedb-test-secret-8e5b";
    private static final String REGION = "us-east-1";

    private volatile S3Proxy proxy;
    private final BlobStore blobStore;
    private final Path baseDir; // null for the in-memory store
    private final String endpoint;

    private S3ProxyServer(S3Proxy proxy, BlobStore blobStore, Path baseDir, String endpoint) {
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.baseDir = baseDir;
        this.endpoint = endpoint;
    }

    /** Starts a server backed by a fresh temporary directory (deleted by {@link #close()}). */
    public static S3ProxyServer start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("s3proxy-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temp dir for S3Proxy", e);
        }
        try {
            return start(new FilesystemNio2BlobStore(dir.toString()), dir);
        } catch (RuntimeException e) {
            deleteRecursively(dir);
            throw e;
        }
    }

    /** Starts a server that keeps its objects in memory. */
    public static S3ProxyServer startInMemory() {
        return start(new TransientNio2BlobStore(), null);
    }

    private static S3ProxyServer start(BlobStore blobStore, Path baseDir) {
        long t0 = System.nanoTime();
        S3Proxy proxy = startProxy(blobStore, 0); // 0 = let the OS pick a free port
        String endpoint = "http://127.0.0.1:" + proxy.getPort();
        log.info("S3Proxy started at {} ({}) in {} ms", endpoint,
                baseDir == null ? "in memory" : baseDir, (System.nanoTime() - t0) / 1_000_000);
        return new S3ProxyServer(proxy, blobStore, baseDir, endpoint);
    }

    /**
     * Stops serving while keeping the objects — an outage of the object store — until {@link #restart()}, which
     * serves them again on the same port.
     */
    public void stop() {
        stopQuietly(proxy);
        log.info("S3Proxy at {} stopped (objects kept)", endpoint);
    }

    public void restart() {
        proxy = startProxy(blobStore, Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1)));
        log.info("S3Proxy at {} serves again", endpoint);
    }

    private static S3Proxy startProxy(BlobStore blobStore, int port) {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within 30 s, state " + proxy.getState());
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            stopQuietly(proxy);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof RuntimeException re ? re : new IllegalStateException("S3Proxy failed to start", e);
        }
        return proxy;
    }

    /** The HTTP endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public String endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    public String region() {
        return REGION;
    }

    /** Creates the bucket (if absent) and returns its name. */
    public String createBucket(String name) {
        Objects.requireNonNull(name, "name");
        if (!blobStore.containerExists(name)) {
            blobStore.createContainer(name);
        }
        return name;
    }

    /** {@code "s3://" + bucket + "/" + path}. */
    public String uri(String bucket, String path) {
        return "s3://" + bucket + "/" + path;
    }

    /** Lance / object_store storage options that reach this server. A new mutable map on each call. */
    public Map<String, String> storageOptions() {
        return options(SECRET_KEY);
    }

    /** Like {@link #storageOptions()} but with a wrong secret key, so every request fails with 403. */
    public Map<String, String> storageOptionsWithWrongSecret() {
        return options("wrong-" + SECRET_KEY);
    }

    /**
     * Like {@link #storageOptions()} but pointing at a port on 127.0.0.1 where nothing listens (connection refused).
     * With Lance's default retries an open fails after about 3 s; add {@code client_max_retries=0} to fail in ms.
     */
    public Map<String, String> storageOptionsWithUnreachableEndpoint() {
        Map<String, String> o = options(SECRET_KEY);
        o.put("aws_endpoint", "http://127.0.0.1:" + unusedPort());
        return o;
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> options(String secret) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("aws_access_key_id", ACCESS_KEY);
        o.put("aws_secret_access_key", secret);
        o.put("aws_region", REGION);
        o.put("aws_endpoint", endpoint);
        o.put("aws_virtual_hosted_style_request", "false");
        o.put("allow_http", "true");
        return o;
    }

    /** Stops the server and deletes its temp dir (if any). */
    @Override
    public void close() {
        stopQuietly(proxy);
        if (baseDir != null) {
            deleteRecursively(baseDir);
        }
        log.info("S3Proxy at {} stopped", endpoint);
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            log.warn("Stopping S3Proxy failed", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("Could not delete S3Proxy dir {}", dir, e);
        }
    }
}
