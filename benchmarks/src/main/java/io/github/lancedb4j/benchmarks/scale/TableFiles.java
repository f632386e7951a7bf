package io.github.lancedb4j.benchmarks.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The files of a Lance table, for its size on disk: a local table directory, or the directory where S3Proxy's
 * filesystem blob store keeps the table's objects (a {@code s3proxy-*} directory under {@code java.io.tmpdir}, which
 * the part driver points at the work directory).
 */
final class TableFiles {

    private final Path root;

    private TableFiles(Path root) {
        this.root = root;
    }

    static TableFiles local(Path tableDir) {
        return new TableFiles(tableDir);
    }

    /** The objects under {@code key} in {@code bucket} of the newest S3Proxy blob store of this JVM's temp dir. */
    static TableFiles s3Proxy(String bucket, String key) {
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            Path base = dirs.filter(p -> p.getFileName().toString().startsWith("s3proxy-") && Files.isDirectory(p))
                    .max(Comparator.comparingLong(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("no s3proxy-* directory in java.io.tmpdir"));
            return new TableFiles(base.resolve(bucket).resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    double mib() {
        return mib(sizes(root).values().stream().mapToLong(Long::longValue).sum());
    }

    double dataMib() {
        return mib(sizes(root.resolve("data")).values().stream().mapToLong(Long::longValue).sum());
    }

    /** The index files now, with their sizes. */
    Map<Path, Long> indexFiles() {
        return sizes(root.resolve("_indices"));
    }

    /** MiB of the index files that are not in {@code before}. */
    double mibExcept(Map<Path, Long> before) {
        return mib(indexFiles().entrySet().stream().filter(e -> !before.containsKey(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum());
    }

    private static Map<Path, Long> sizes(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Map.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(p -> p, p -> p.toFile().length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
