package io.github.lancedb4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What Maven Central and users need to consume a release: the license file, complete POM metadata, and a BOM that
 * lists every published module at the project's version (the modules the release profile does not exclude).
 */
class ReleaseMetadataTest {

    static final Path ROOT = Path.of("..");

    @Test
    void license_file_is_the_apache_license_the_pom_declares() throws Exception {
        String license = Files.readString(ROOT.resolve("LICENSE"));
        assertThat(license).contains("Apache License").contains("Version 2.0, January 2004");
        Document pom = read(ROOT.resolve("pom.xml"));
        assertThat(text(pom, "licenses/license/name")).isEqualTo("Apache License, Version 2.0");
    }

    @Test
    void root_pom_has_what_central_requires() throws Exception {
        Document pom = read(ROOT.resolve("pom.xml"));
        for (String path : List.of("name", "description", "url", "scm/url", "scm/connection",
                "scm/developerConnection", "developers/developer/name", "licenses/license/url")) {
            assertThat(text(pom, path)).as(path).isNotBlank();
        }
    }

    @Test
    void bom_lists_every_published_module_at_the_project_version() throws Exception {
        Document root = read(ROOT.resolve("pom.xml"));
        String version = text(root, "version");
        Set<String> excluded = Set.of(root.getElementsByTagName("excludeArtifacts").item(0)
                .getTextContent().trim().split(","));
        Set<String> published = new TreeSet<>();
        for (String module : children(root.getDocumentElement(), "modules", "module")) {
            Document pom = read(ROOT.resolve(module).resolve("pom.xml"));
            String artifact = text(pom, "artifactId");
            if (!excluded.contains(artifact) && !artifact.equals("lancedb4j-bom")) {
                published.add(artifact);
            }
        }

        Document bom = read(ROOT.resolve("lancedb4j-bom/pom.xml"));
        assertThat(text(bom, "version")).isEqualTo(version);
        assertThat(bom.getDocumentElement().getElementsByTagName("parent").getLength())
                .as("a BOM with a parent would leak the parent's third-party versions").isZero();
        Set<String> managed = new TreeSet<>();
        NodeList dependencies = bom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            managed.add(child((Element) dependencies.item(i), "artifactId"));
        }
        assertThat(managed).isEqualTo(published);
        assertThat(Files.readString(ROOT.resolve("CHANGELOG.md"))).contains(version.replace("-SNAPSHOT", ""));
    }

    private static Document read(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    /** The text of a path of child elements under the project element, e.g. {@code scm/url}. */
    private static String text(Document pom, String path) {
        Element e = pom.getDocumentElement();
        for (String name : path.split("/")) {
            e = firstChild(e, name);
            if (e == null) {
                return null;
            }
        }
        return e.getTextContent().trim();
    }

    private static Element firstChild(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static String child(Element parent, String name) {
        Element e = firstChild(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }

    private static List<String> children(Element project, String container, String name) {
        List<String> values = new ArrayList<>();
        Element c = firstChild(project, container);
        for (Node n = c.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element element && element.getTagName().equals(name)) {
                values.add(element.getTextContent().trim());
            }
        }
        return values;
    }
}
