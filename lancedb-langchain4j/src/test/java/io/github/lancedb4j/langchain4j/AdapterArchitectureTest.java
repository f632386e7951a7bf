package io.github.lancedb4j.langchain4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The adapter translates framework types only: everything Lance-shaped stays in the core. */
class AdapterArchitectureTest {

    private static final JavaClasses ADAPTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.lancedb4j.langchain4j");

    @Test
    void the_adapter_never_uses_lance_arrow_or_the_cores_internals() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.lance..", "org.apache.arrow..", "io.github.lancedb4j.store.internal..")
                .check(ADAPTER);
    }
}
