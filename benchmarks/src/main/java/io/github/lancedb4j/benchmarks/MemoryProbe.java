package io.github.lancedb4j.benchmarks;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap and process memory: a 10 ms sampler of used heap (the peak it saw), the heap pools' own peak counters, GC
 * totals, and the process's resident set from {@code /proc/self/status} (VmRSS now, VmHWM its high-water mark,
 * which includes Lance's native memory and the mapped JNI library).
 */
public final class MemoryProbe implements AutoCloseable {

    /** Memory at one point of the run. */
    public record Checkpoint(String label, long liveHeapBytes, long rssBytes) {
    }

    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long sampledPeakHeap;
    private final List<Checkpoint> checkpoints = new ArrayList<>();

    public MemoryProbe() {
        sampler = new Thread(() -> {
            while (running) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                if (used > sampledPeakHeap) {
                    sampledPeakHeap = used;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Records live heap (after a full GC) and RSS now. */
    public Checkpoint checkpoint(String label) {
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Checkpoint c = new Checkpoint(label, live, procStatusBytes("VmRSS"));
        checkpoints.add(c);
        Progress.log(String.format("memory @ %s: live heap %.0f MiB, RSS %.0f MiB", label, mib(live),
                mib(c.rssBytes())));
        return c;
    }

    public List<Checkpoint> checkpoints() {
        return checkpoints;
    }

    /** The highest used heap the sampler saw. */
    public long sampledPeakHeapBytes() {
        return sampledPeakHeap;
    }

    /** Sum of each heap pool's peak (an upper bound: the pools peak at different moments). */
    public static long poolPeakSumBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    public static long maxHeapBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    /** "G1 Young Generation: 12 / 0.34 s; …" */
    public static String gcSummary() {
        List<String> parts = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            parts.add(String.format("%s %d collections, %.2f s", gc.getName(), gc.getCollectionCount(),
                    gc.getCollectionTime() / 1e3));
        }
        return String.join("; ", parts);
    }

    /** A "kB" line of /proc/self/status in bytes, or -1 when unavailable (not Linux). */
    public static long procStatusBytes(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: report as unavailable.
        }
        return -1;
    }

    static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
