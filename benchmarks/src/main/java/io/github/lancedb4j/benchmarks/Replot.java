package io.github.lancedb4j.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Redraws one data set's recall/latency plot from the points.tsv of one or more runs (e.g. when parts of a full run
 * were run separately). Arguments: output PNG, data set name, then points.tsv files, each optionally followed by
 * {@code -x system:stage} exclusions that apply to that file.
 */
public final class Replot {

    private Replot() {
    }

    public static void main(String[] args) throws Exception {
        Path png = Path.of(args[0]);
        String dataset = args[1];
        Map<String, StageResult> byStage = new LinkedHashMap<>();
        String rows = "";
        String dim = "";
        for (int i = 2; i < args.length; i++) {
            Path tsv = Path.of(args[i]);
            List<String> excluded = new ArrayList<>();
            while (i + 2 < args.length && args[i + 1].equals("-x")) {
                excluded.add(args[i + 2]);
                i += 2;
            }
            for (String line : Files.readAllLines(tsv)) {
                String[] f = line.split("\t", -1);
                if (f[0].equals("dataset") || !f[0].equals(dataset) || excluded.contains(f[3] + ":" + f[4])) {
                    continue;
                }
                rows = f[1];
                dim = f[2];
                StageResult r = byStage.computeIfAbsent(f[3] + ":" + f[4], k -> {
                    StageResult s = new StageResult();
                    s.system = f[3];
                    s.stage = f[4];
                    return s;
                });
                r.points.add(new StageResult.Point(f[5], Boolean.parseBoolean(f[6]), new Measure.Timed(
                        Integer.parseInt(f[7]), Double.parseDouble(f[9]), Double.parseDouble(f[10]), Double.NaN,
                        Double.parseDouble(f[11]), Double.parseDouble(f[12]), Double.parseDouble(f[8]))));
            }
        }
        Plot.write(png, String.format("%s (%,d x %s): recall@10 vs p50 latency", dataset, Long.parseLong(rows), dim),
                new ArrayList<>(byStage.values()), 10);
        System.out.println("wrote " + png + " with " + byStage.keySet());
    }
}
