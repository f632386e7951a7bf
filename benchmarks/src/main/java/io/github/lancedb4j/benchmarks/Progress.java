package io.github.lancedb4j.benchmarks;

/** Progress lines go to stderr, so stdout holds only the report. */
final class Progress {

    private static final long START = System.nanoTime();

    private Progress() {
    }

    /** Elapsed seconds, and CLOCK_MONOTONIC seconds (System.nanoTime on Linux) to line up with perf -k mono. */
    static void log(String message) {
        long now = System.nanoTime();
        System.err.printf("[%7.1f s | mono %.3f] %s%n", (now - START) / 1e9, now / 1e9, message);
    }
}
