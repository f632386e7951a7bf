package io.github.lancedb4j.benchmarks.scale;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress lines on stderr, with the wall clock (parts run for hours). */
final class ScaleLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private ScaleLog() {
    }

    static void log(String message) {
        System.err.println("[" + LocalTime.now().format(TIME) + "] " + message);
    }
}
