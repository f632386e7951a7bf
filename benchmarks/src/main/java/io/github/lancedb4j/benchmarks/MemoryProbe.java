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

    /**
     * Starts a new peak: the sampler's peak, the heap pools' peak counters and the process's VmHWM (by writing 5 to
     * /proc/self/clear_refs, Linux 4.0+; silently kept when not allowed).
     */
    public void resetPeaks() {
        sampledPeakHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // Not Linux or not allowed: VmHWM stays the whole process's peak.
        }
    }

    /** Live heap after a full GC, without recording a checkpoint. */
    public static long liveHeapNow() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
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
