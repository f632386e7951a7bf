package io.github.lancedb4j.samples.rag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The documents to ingest: a folder walked for the supported extensions, or, by default, this repository's own
 * documentation (README.md, docs/**.md, the modules' README.md, BENCHMARKS.md).
 *
 * @param root  the folder paths are relative to
 * @param id    what identifies the corpus in the table (its absolute root), so that several folders can share a table
 * @param files the files, sorted by relative path
 * @param description what was selected, for messages
 */
record Corpus(Path root, String id, List<SourceFile> files, String description) {

    static final Set<String> EXTENSIONS = Set.of("md", "markdown", "txt", "html", "htm", "pdf");

    /** A file and its path relative to the corpus root, with '/' separators on every platform. */
    record SourceFile(Path file, String path) {
        String fileName() {
            return file.getFileName().toString();
        }
    }

    static Corpus of(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("Folder " + folder + " does not exist or is not a directory");
        }
        TreeMap<String, SourceFile> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> EXTENSIONS.contains(extension(p)))
                    .filter(p -> !hidden(root.relativize(p)))
                    .forEach(p -> files.put(relative(root, p), new SourceFile(p, relative(root, p))));
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("Cannot list folder " + folder + ": " + e.getMessage(), e);
        }
        return new Corpus(root, root.toString(), List.copyOf(files.values()),
                "files ending in ." + String.join(", .", EXTENSIONS.stream().sorted().toList()));
    }

    /** This repository's documentation, found by walking up from {@code start} to the directory with mvnw and README.md. */
    static Corpus repositoryDocs(Path start) {
        Path root = repositoryRoot(start);
        if (root == null) {
            throw new IllegalArgumentException("No folder given and " + start.toAbsolutePath().normalize()
                    + " is not inside the lancedb4j repository (no parent directory with mvnw and README.md): "
                    + "pass the folder to ingest, e.g. ingest ./docs");
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(root.resolve("README.md"));
        candidates.add(root.resolve("BENCHMARKS.md"));
        try (Stream<Path> children = Files.list(root)) {
            children.filter(Files::isDirectory).map(d -> d.resolve("README.md")).forEach(candidates::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        addMarkdown(root.resolve("docs"), candidates);
        TreeMap<String, SourceFile> files = new TreeMap<>();
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && !relative(root, p).contains("/target/")) {
                files.put(relative(root, p), new SourceFile(p, relative(root, p)));
            }
        }
        return new Corpus(root, root.toString(), List.copyOf(files.values()),
                "this repository's documentation: README.md, docs/**.md, */README.md, BENCHMARKS.md");
    }

    static Path repositoryRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("README.md"))) {
                return dir;
            }
        }
        return null;
    }

    private static void addMarkdown(Path dir, List<Path> into) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).filter(p -> extension(p).equals("md")).forEach(into::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            String s = part.toString();
            if (s.startsWith(".") || s.equals("target") || s.equals("node_modules")) {
                return true;
            }
        }
        return false;
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}
