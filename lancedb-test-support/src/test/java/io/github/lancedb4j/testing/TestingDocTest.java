package io.github.lancedb4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/testing.md maps every README promise to tests by name: each {@code Class#method} must be a test method
 * declared in that class or in a class it extends (within this repository), each bare {@code Class} a test class,
 * and every row must name at least one. Renaming or removing a test without updating the map fails here.
 */
class TestingDocTest {

    static final Path ROOT = Path.of("..");
    static final Pattern REFERENCE = Pattern.compile("`([A-Z][A-Za-z0-9]*)(?:#([a-zA-Z_][A-Za-z0-9_]*))?`");
    static final Pattern EXTENDS = Pattern.compile("class\\s+\\w+(?:<[^>]*>)?\\s+extends\\s+(\\w+)");
    static final Pattern BODY = Pattern.compile("\\)\\s*(throws\\s+[\\w.,\\s]+)?\\{");
    static final Pattern TEST_ANNOTATION = Pattern.compile("@(Test|ParameterizedTest|RepeatedTest|TestFactory)\\b");

    @Test
    void every_test_named_in_docs_testing_md_exists() throws IOException {
        Map<String, List<Path>> testSources = testSources();
        List<String> rows = Files.readAllLines(ROOT.resolve("docs/testing.md")).stream()
                .filter(l -> l.startsWith("| ") && !l.startsWith("| README promise")).toList();
        assertThat(rows).as("promise rows in docs/testing.md").hasSizeGreaterThan(40);

        List<String> problems = new ArrayList<>();
        int references = 0;
        for (String row : rows) {
            String[] cells = row.split("\\|");
            String tests = cells[cells.length - 1].isBlank() ? cells[cells.length - 2] : cells[cells.length - 1];
            Matcher m = REFERENCE.matcher(tests);
            int inRow = 0;
            while (m.find()) {
                inRow++;
                references++;
                String problem = check(m.group(1), m.group(2), testSources);
                if (problem != null) {
                    problems.add(m.group() + ": " + problem);
                }
            }
            if (inRow == 0) {
                problems.add("no test named in: " + row);
            }
        }
        assertThat(problems).as("docs/testing.md names tests that do not exist").isEmpty();
        assertThat(references).isGreaterThan(100);
    }

    @Test
    void the_checker_rejects_a_method_that_is_not_a_test_or_does_not_exist() throws IOException {
        Map<String, List<Path>> testSources = testSources();
        assertThat(check("TestingDocTest", "every_test_named_in_docs_testing_md_exists", testSources)).isNull();
        assertThat(check("TestingDocTest", "no_such_method", testSources)).isNotNull();
        assertThat(check("TestingDocTest", "check", testSources)).as("a helper, not a test").isNotNull();
        assertThat(check("NoSuchTest", null, testSources)).isNotNull();
        // A contract's test, reached through the class that extends it.
        assertThat(check("LanceDbVectorStoreBehaviourTests", "delete_by_ids_deletes_exactly_those_ids_and_ignores_unknown_ones",
                testSources)).isNull();
    }

    /**
     * Null when {@code type#method} names a test method of {@code type} or of a class it extends; else why not.
     * Two modules may hold test classes of the same simple name (each adapter's contract): any of them counts.
     */
    static String check(String type, String method, Map<String, List<Path>> testSources) throws IOException {
        List<Path> candidates = testSources.get(type);
        if (candidates == null) {
            return "no test class " + type;
        }
        if (method == null) {
            return null;
        }
        for (Path source : candidates) {
            if (declaredInHierarchy(source, method, testSources, 0)) {
                return null;
            }
        }
        return "no test method " + method + " in " + type + " or the classes it extends";
    }

    private static boolean declaredInHierarchy(Path source, String method, Map<String, List<Path>> testSources,
            int depth) throws IOException {
        String text = Files.readString(source);
        if (declaresTest(text, method)) {
            return true;
        }
        Matcher parent = EXTENDS.matcher(text);
        if (depth > 5 || !parent.find()) {
            return false;
        }
        // The parent in the same directory (package) first, as javac resolves it.
        for (Path p : testSources.getOrDefault(parent.group(1), List.of())) {
            if (p.getParent().equals(source.getParent()) && declaredInHierarchy(p, method, testSources, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean declaresTest(String source, String method) {
        Matcher declaration = Pattern.compile("\\bvoid\\s+" + Pattern.quote(method) + "\\s*\\(").matcher(source);
        if (!declaration.find()) {
            return false;
        }
        // The nearest test annotation before the declaration, with no other method body opened in between
        // (annotation arguments may hold braces and semicolons, a method body is ") {" or ") throws … {").
        int annotationEnd = -1;
        Matcher annotation = TEST_ANNOTATION.matcher(source);
        while (annotation.find() && annotation.end() <= declaration.start()) {
            annotationEnd = annotation.end();
        }
        return annotationEnd >= 0 && !BODY.matcher(source.substring(annotationEnd, declaration.start())).find();
    }

    /** Every test source file of the repository by its class name (src/test/java of each module and sample). */
    static Map<String, List<Path>> testSources() throws IOException {
        Map<String, List<Path>> sources = new HashMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/test/java/"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
                    .forEach(p -> sources.computeIfAbsent(p.getFileName().toString().replace(".java", ""),
                            k -> new ArrayList<>()).add(p));
        }
        return sources;
    }
}
