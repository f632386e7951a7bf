package io.github.lancedb4j.benchmarks.scale;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The scale benchmark: cost curves of the stores against the row count, and a model of 10M × 1,536.
 *
 * <ul>
 *   <li>{@code benchmarks/run scale --dim 768 --rows 1m [--systems …]}: one part — the ground truth (computed once,
 *       cached), then each system in a JVM of its own ({@link ScaleWorker}), each writing
 *       {@code benchmarks/results/scale/<dim>-<rows>-<system>.tsv}; systems whose file exists are skipped, so an
 *       interrupted part resumes where it stopped.</li>
 *   <li>{@code benchmarks/run scale report}: reads every result file, fits each figure against rows (log-log),
 *       predicts 10M × 1,536 beside the seed's claims, and draws one PNG per figure ({@link ScaleReport}).</li>
 * </ul>
 */
public final class ScaleMain {

    private ScaleMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("report")) {
            ScaleReport.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        ScaleConfig c;
        try {
            c = ScaleConfig.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ScaleLog.log(String.format("part %d x %,d: systems %s, indexes %s; load average %s", c.dim(), c.rows(),
                c.systems(), c.indexes(), ScaleWorker.loadAverage()));
        ScaleVectors v = new ScaleVectors(c);
        ScaleGroundTruth gt = ScaleGroundTruth.load(c, v);
        ScaleLog.log(String.format("ground truth ready (%.0f s when computed)", gt.seconds));
        List<String> failed = new ArrayList<>();
        for (String system : c.systems()) {
            Path result = c.resultFile(system);
            if (Files.exists(result)) {
                ScaleLog.log(system + ": " + result + " exists, skipped");
                continue;
            }
            long t0 = System.nanoTime();
            int exit = runWorker(c, system);
            ScaleLog.log(String.format("%s: worker exited with %d after %.0f s", system, exit,
                    (System.nanoTime() - t0) / 1e9));
            if (exit != 0 || !Files.exists(result)) {
                failed.add(system);
            }
        }
        if (!failed.isEmpty()) {
            ScaleLog.log("no result from " + failed + " (see the log above)");
            System.exit(1);
        }
    }

    private static int runWorker(ScaleConfig c, String system) throws Exception {
        boolean heap = system.equals("inmemory") || system.equals("simple");
        // S3Proxy keeps its objects under java.io.tmpdir: point it at the work directory (the big disk).
        Path tmp = Files.createDirectories(c.workDir().resolve("tmp-" + system));
        List<String> cmd = new ArrayList<>(List.of(ScaleWorker.javaBinary(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx" + (heap ? c.heapXmx() : c.lanceXmx()),
                "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Djava.io.tmpdir=" + tmp.toAbsolutePath(), "-cp", System.getProperty("java.class.path"),
                ScaleWorker.class.getName(), system));
        cmd.addAll(c.toArgs());
        try {
            return new ProcessBuilder(cmd).inheritIO().start().waitFor();
        } finally {
            ScaleWorker.deleteTree(tmp);
        }
    }
}
