package io.github.lancedb4j.store;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The core's public API speaks the store's own types: no Lance or Arrow type in a public signature outside the
 * {@code internal} package, except the one documented escape hatch, {@link LanceTable#withDataset(Function)}.
 */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.lancedb4j.store");

    /** "Class.method" of the escape hatches: exactly one. */
    private static final Set<String> ESCAPE_HATCHES = Set.of(LanceTable.class.getName() + ".withDataset");

    @Test
    void public_classes_outside_internal_expose_no_lance_or_arrow_type() {
        classes().that().resideOutsideOfPackage("..internal..").and().arePublic()
                .should(exposeNoNativeTypes())
                .check(CORE);
    }

    @Test
    void the_escape_hatch_is_the_one_documented_method_and_does_expose_lance() throws Exception {
        assertThat(LanceTable.class.getMethod("withDataset", Function.class).toGenericString())
                .contains("org.lance.Dataset");
    }

    @Test
    void the_internal_package_says_it_is_internal() throws Exception {
        Package internal = Class.forName("io.github.lancedb4j.store.internal.Snapshot").getPackage();
        assertThat(internal.getName()).endsWith(".internal");
        assertThat(CORE.containPackage("io.github.lancedb4j.store.internal")).isTrue();
        assertThat(CORE.getPackage("io.github.lancedb4j.store.internal").getClasses())
                .extracting(JavaClass::getSimpleName).contains("package-info");
    }

    private static ArchCondition<JavaClass> exposeNoNativeTypes() {
        return new ArchCondition<>("expose no org.lance or org.apache.arrow type in a public or protected member") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<JavaMember> members = new ArrayList<>();
                members.addAll(type.getCodeUnits());
                members.addAll(type.getFields());
                for (JavaMember member : members) {
                    if (!visible(member) || ESCAPE_HATCHES.contains(type.getName() + "." + member.getName())) {
                        continue;
                    }
                    for (JavaClass involved : involvedTypes(member)) {
                        if (NATIVE.test(involved)) {
                            events.add(SimpleConditionEvent.violated(member, member.getFullName() + " exposes "
                                    + involved.getName()));
                        }
                    }
                }
            }
        };
    }

    private static final DescribedPredicate<JavaClass> NATIVE = DescribedPredicate.describe("Lance or Arrow",
            c -> c.getName().startsWith("org.lance.") || c.getName().startsWith("org.apache.arrow."));

    private static boolean visible(JavaMember member) {
        Set<JavaModifier> m = member.getModifiers();
        return (m.contains(JavaModifier.PUBLIC) || m.contains(JavaModifier.PROTECTED)) && !member.getName().startsWith("lambda$");
    }

    private static Set<JavaClass> involvedTypes(JavaMember member) {
        Set<JavaClass> types = new java.util.HashSet<>();
        if (member instanceof JavaField field) {
            types.addAll(field.getType().getAllInvolvedRawTypes());
        } else if (member instanceof JavaCodeUnit unit) {
            types.addAll(unit.getReturnType().getAllInvolvedRawTypes());
            for (JavaType parameter : unit.getParameterTypes()) {
                types.addAll(parameter.getAllInvolvedRawTypes());
            }
        }
        return types;
    }
}
