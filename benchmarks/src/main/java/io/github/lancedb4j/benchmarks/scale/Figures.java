package io.github.lancedb4j.benchmarks.scale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The figures one system measured in one part, as tab-separated rows {@code dim rows system storage index figure value
 * unit note}; written at once when the system is done (so a file present means the part is complete), read back by
 * the report.
 */
final class Figures {

    static final String HEADER = "dim\trows\tsystem\tstorage\tindex\tfigure\tvalue\tunit\tnote";

    /** One measured figure. */
    record Figure(int dim, long rows, String system, String storage, String index, String figure, double value,
            String unit, String note) {

        String series() {
            return system + " " + storage + (index.equals("-") ? "" : " " + index);
        }
    }

    private final int dim;
    private final long rows;
    private final List<Figure> figures = new ArrayList<>();

    Figures(int dim, long rows) {
        this.dim = dim;
        this.rows = rows;
    }

    void add(String system, String storage, String index, String figure, double value, String unit, String note) {
        figures.add(new Figure(dim, rows, system, storage, index, figure, value, unit, note == null ? "" : note));
        ScaleLog.log(String.format(Locale.ROOT, "%s %s %s: %s = %.4g %s %s", system, storage, index, figure, value,
                unit, note == null ? "" : note));
    }

    void note(String system, String storage, String index, String note) {
        add(system, storage, index, "note", Double.NaN, "-", note);
    }

    /** Writes all rows to {@code file} atomically (a temporary file renamed). */
    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Figure f : figures) {
            out.append(String.join("\t", Integer.toString(f.dim), Long.toString(f.rows), f.system, f.storage, f.index,
                    f.figure, Double.isNaN(f.value) ? "NaN" : String.format(Locale.ROOT, "%.6g", f.value), f.unit,
                    f.note.replace('\t', ' ').replace('\n', ' '))).append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, out, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Every figure of every {@code *.tsv} in {@code dir}. */
    static List<Figure> readAll(Path dir) throws IOException {
        List<Figure> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".tsv")).sorted().toList();
        }
        for (Path p : files) {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("dim\t")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                out.add(new Figure(Integer.parseInt(f[0]), Long.parseLong(f[1]), f[2], f[3], f[4], f[5],
                        Double.parseDouble(f[6]), f[7], f.length > 8 ? f[8] : ""));
            }
        }
        return out;
    }
}
