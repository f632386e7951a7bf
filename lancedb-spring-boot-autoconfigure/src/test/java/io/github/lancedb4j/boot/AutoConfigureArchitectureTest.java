package io.github.lancedb4j.boot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The auto-configuration wires stores: it never reaches into Lance, Arrow or the core's internals. */
class AutoConfigureArchitectureTest {

    private static final JavaClasses AUTOCONFIGURE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.lancedb4j.boot");

    @Test
    void the_auto_configuration_never_uses_lance_arrow_or_the_cores_internals() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.lance..", "org.apache.arrow..", "io.github.lancedb4j.store.internal..")
                .check(AUTOCONFIGURE);
    }
}
