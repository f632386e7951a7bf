package io.github.lancedb4j.store.internal;

import java.nio.ByteBuffer;

/** Checks, before any Arrow call, that the JVM lets Arrow reach into {@code java.nio}. */
public final class ArrowRuntime {

    public static final String REQUIRED_FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private ArrowRuntime() {
    }

    /**
     * Fails with one sentence naming the JVM flag when it is missing, instead of Arrow's "Failed to initialize
     * MemoryUtil" deep inside the first write.
     */
    public static void requireNioAccess() {
        Module arrow = org.apache.arrow.memory.BufferAllocator.class.getModule();
        if (!ByteBuffer.class.getModule().isOpen("java.nio", arrow)) {
            throw new IllegalStateException("Apache Arrow (used by Lance) needs the JVM flag " + REQUIRED_FLAG
                    + ": add it to the java command line, to JAVA_TOOL_OPTIONS, or to the test runner's argLine");
        }
        LanceExtensionTypes.register();
    }
}
