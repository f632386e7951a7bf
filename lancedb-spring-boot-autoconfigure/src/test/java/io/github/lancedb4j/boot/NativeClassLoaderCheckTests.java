package io.github.lancedb4j.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lancedb4j.store.LanceDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** When Lance's native dispatcher thread cannot see Lance (Boot's nested-jar loader), and when it can. */
class NativeClassLoaderCheckTests {

    @Test
    void lance_on_the_system_class_path_is_fine() {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        assertThat(NativeClassLoaderCheck.dispatcherCannotSeeLance(LanceDatabase.class.getClassLoader(), system))
                .isFalse();
    }

    @Test
    void lance_in_a_child_loader_the_system_loader_cannot_see_is_detected() throws Exception {
        URL lanceJar = Class.forName(NativeClassLoaderCheck.PROBE).getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader nested = new URLClassLoader(new URL[] {lanceJar}, null);
                URLClassLoader systemWithoutLance = new URLClassLoader(new URL[0], null)) {
            assertThat(NativeClassLoaderCheck.dispatcherCannotSeeLance(nested, systemWithoutLance)).isTrue();
            assertThat(NativeClassLoaderCheck.dispatcherCannotSeeLance(nested, nested)).isFalse();
        }
    }
}
