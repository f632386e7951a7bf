package io.github.lancedb4j.boot;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explains, once and before Lance's native library loads, the panic lance-core 7.0.0 prints in a Spring Boot
 * executable jar. Loading the library starts a native thread ({@code lance-jni-dispatcher}) that looks up
 * {@code org.lance.ipc.AsyncScanner} with JNI {@code FindClass}; on a thread with no Java frames that uses the JVM's
 * system class loader, which cannot see jars nested in a Boot jar (or in the exploded {@code JarLauncher} layout).
 * The thread then panics and ends. It only serves Lance's {@code AsyncScanner}, which the stores never use, so the
 * stores work; nothing a library can do at run time changes which loader that thread asks. Fixed in Lance after
 * 7.0.0 (lance#6946: the class is resolved while the library loads).
 */
final class NativeClassLoaderCheck {

    static final String PROBE = "org.lance.ipc.AsyncScanner";

    private static final Logger log = LoggerFactory.getLogger(NativeClassLoaderCheck.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private NativeClassLoaderCheck() {
    }

    /** Whether Lance's native dispatcher thread will fail to find its class in this JVM. */
    static boolean dispatcherCannotSeeLance(ClassLoader lance, ClassLoader system) {
        if (lance == null || lance == system) {
            return false;
        }
        try {
            Class.forName(PROBE, false, system);
            return false;
        } catch (ClassNotFoundException | LinkageError e) {
            return true;
        }
    }

    static void warnIfNeeded(ClassLoader lance) {
        if (dispatcherCannotSeeLance(lance, ClassLoader.getSystemClassLoader()) && WARNED.compareAndSet(false, true)) {
            log.warn("Lance is loaded by {}, not by the JVM's system class loader (a Spring Boot executable jar?). "
                    + "lance-core 7.0.0's native thread 'lance-jni-dispatcher' looks up {} through the system class "
                    + "loader, so a Rust panic ('AsyncScanner class not found') and a NoClassDefFoundError follow. "
                    + "They are harmless for the LanceDB stores, which never use that thread. To avoid them, run "
                    + "Spring Boot's extracted layout: java -Djarmode=tools -jar app.jar extract, then "
                    + "java -jar app/app.jar (see the README, 'Spring Boot executable jars').",
                    lance.getClass().getName(), PROBE);
        }
    }
}
