package io.github.lancedb4j.samples.rag;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Progress lines for the embedding phase: files, segments, vectors per second and the estimated time left. */
final class IngestProgress {

    private final PrintStream out;
    private final int totalFiles;
    private final int totalSegments;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long lastPrint = start;
    private int filesDone;
    private int segmentsDone;

    IngestProgress(PrintStream out, int totalFiles, int totalSegments, Duration interval) {
        this.out = out;
        this.totalFiles = totalFiles;
        this.totalSegments = totalSegments;
        this.intervalNanos = interval.toNanos();
    }

    /** Records progress and prints a line when the interval has passed since the last one. */
    void update(int filesDone, int segmentsDone) {
        this.filesDone = filesDone;
        this.segmentsDone = segmentsDone;
        long now = System.nanoTime();
        if (now - lastPrint >= intervalNanos && segmentsDone < totalSegments) {
            lastPrint = now;
            out.println(line(now));
        }
    }

    /** The final line, always printed. */
    void finish() {
        out.println(line(System.nanoTime()));
    }

    double vectorsPerSecond() {
        double seconds = (System.nanoTime() - start) / 1e9;
        return seconds <= 0 ? 0 : segmentsDone / seconds;
    }

    private String line(long now) {
        double seconds = (now - start) / 1e9;
        double rate = seconds <= 0 ? 0 : segmentsDone / seconds;
        String eta;
        if (segmentsDone >= totalSegments) {
            eta = String.format(Locale.ROOT, "done in %.1f s", seconds);
        } else if (rate > 0) {
            eta = "ETA " + duration((totalSegments - segmentsDone) / rate);
        } else {
            eta = "ETA unknown";
        }
        return String.format(Locale.ROOT, "  embedding: files %d/%d | segments %d/%d | %.0f vectors/s | %s",
                filesDone, totalFiles, segmentsDone, totalSegments, rate, eta);
    }

    private static String duration(double seconds) {
        long s = Math.round(Math.ceil(seconds));
        return s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
    }
}
