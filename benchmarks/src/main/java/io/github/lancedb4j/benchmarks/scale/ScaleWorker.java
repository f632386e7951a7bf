package io.github.lancedb4j.benchmarks.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One system of one part, in a JVM of its own (started by {@link ScaleMain} with the system's heap): measures it and
 * writes its result file at the end, so a file present means the system's part is complete. Arguments: the system,
 * then the part's options.
 */
public final class ScaleWorker {

    private ScaleWorker() {
    }

    public static void main(String[] args) throws Exception {
        String system = args[0];
        ScaleConfig c = ScaleConfig.parse(Arrays.copyOfRange(args, 1, args.length));
        String loadStart = loadAverage();
        long t0 = System.nanoTime();
        ScaleVectors v = new ScaleVectors(c);
        ScaleGroundTruth gt = ScaleGroundTruth.load(c, v);
        Figures f = new Figures(c.dim(), c.rows());
        switch (system) {
            case "store-local" -> new StoreScale(c, v, gt, f, "local").run();
            case "store-s3" -> new StoreScale(c, v, gt, f, "s3").run();
            case "inmemory" -> HeapScale.run(c, v, gt, f, new InMemoryHeapStore());
            case "simple" -> HeapScale.run(c, v, gt, f, new SimpleHeapStore());
            case "lucene" -> LuceneScale.run(c, v, gt, f);
            default -> throw new IllegalArgumentException("Unknown system " + system + ": use " + ScaleConfig.SYSTEMS);
        }
        f.add("worker", system, "-", "wall_s", (System.nanoTime() - t0) / 1e9, "s", String.format(Locale.ROOT,
                "load average at start %s, at end %s; max heap %d MiB; ground truth %.0f s (cached per part)",
                loadStart, loadAverage(), Runtime.getRuntime().maxMemory() >> 20, gt.seconds));
        f.add("worker", system, "-", "load1_start", Double.parseDouble(loadStart.split(" ")[0]), "-", loadStart);
        f.add("worker", system, "-", "load1_end", Double.parseDouble(loadAverage().split(" ")[0]), "-", "");
        f.write(c.resultFile(system));
        ScaleLog.log("wrote " + c.resultFile(system));
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "NaN NaN NaN";
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
