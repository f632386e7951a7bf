package io.github.lancedb4j.benchmarks;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.github.lancedb4j.store.DistanceMetric;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Loads a data set by name and computes (or reads) its ground truth. */
final class DataSets {

    private static final Pattern SYNTH = Pattern.compile("synth-(\\d+)(k|m)?-(\\d+)");

    private DataSets() {
    }

    static DataSet load(String name, BenchmarkConfig c) throws IOException {
        long t0 = System.nanoTime();
        DataSet d;
        String key;
        Matcher m = SYNTH.matcher(name);
        if (m.matches()) {
            int rows = Integer.parseInt(m.group(1)) * ("k".equals(m.group(2)) ? 1_000 : "m".equals(m.group(2)) ? 1_000_000 : 1);
            int dim = Integer.parseInt(m.group(3));
            d = synthetic(name, rows, dim, c);
            key = String.format("%s-c%d-s%s-seed%d-w%d-q%d-docs%d", name, c.clusters(), c.sigma(), c.seed(), c.warmup(),
                    c.queries(), c.documents());
        } else if (name.equals("fashion-mnist") || name.equals("fashion-mnist-raw")) {
            d = fashionMnist(c, name.equals("fashion-mnist") ? 5100f : 1f);
            key = String.format("%s-w%d-q%d-docs%d", name, c.warmup(), c.queries(), c.documents());
        } else if (name.equals("minilm-fortunes")) {
            d = minilmFortunes(c);
            key = String.format("%s-max%d-seed%d-w%d-q%d-docs%d", name, c.minilmMaxEntries(), c.seed(), c.warmup(),
                    c.queries(), c.documents());
        } else {
            throw new IllegalArgumentException("Unknown data set '" + name + "': use synth-<rows>-<dim>, fashion-mnist "
                    + "or minilm-fortunes");
        }
        Progress.log(String.format("%s: %,d rows x %d, %d queries (+%d warm-up), %s, loaded in %.1f s", name, d.size(),
                d.dim(), d.queries(), d.warmup, d.metric, (System.nanoTime() - t0) / 1e9));
        GroundTruth.compute(d, c.k(), c.dataDir(), key);
        return d;
    }

    static DataSet synthetic(String name, int rows, int dim, BenchmarkConfig c) {
        float[][] centroids = SyntheticData.centroids(c.seed(), c.clusters(), dim);
        float[][] data = SyntheticData.draw(c.seed(), 0, centroids, rows, c.sigma());
        float[][] queries = SyntheticData.draw(c.seed(), 1, centroids, c.queries(), c.sigma());
        float[][] warmup = SyntheticData.draw(c.seed(), 2, centroids, c.warmup(), c.sigma());
        String description = String.format("Gaussian mixture: %d centroids uniform on the unit sphere, each point = "
                + "centroid + N(0, %.3f) per component, normalised; seed %d; queries are fresh draws from the same "
                + "mixture; cosine", c.clusters(), c.sigma(), c.seed());
        return new DataSet(name, description, DistanceMetric.COSINE, data, warmup, queries, null, c.documents());
    }

    /**
     * ann-benchmarks' fashion-mnist-784-euclidean: the 60,000 training images are the rows, the first test images
     * the queries (warm-up ones from the end of the test set), L2. Pixels are scaled by 1/5100 (a uniform scaling:
     * the same neighbours as the raw 0..255 values) so that squared distances stay below 2, the range in which the
     * stores' L2 similarity (1 - d/2) is not negative — see BENCHMARKS.md, "L2 scores". {@code fashion-mnist-raw} keeps
     * the raw 0..255 pixel values (to show that problem).
     */
    static DataSet fashionMnist(BenchmarkConfig c, float divisor) throws IOException {
        Path dir = c.dataDir().resolve("fashion-mnist");
        Path train = dir.resolve("train-images-idx3-ubyte.gz");
        if (!Files.exists(train)) {
            throw new IllegalStateException(train + " is missing: run benchmarks/setup-data first (apt-get download "
                    + "dataset-fashion-mnist + dpkg -x)");
        }
        float[][] rows = readIdxImages(train, divisor);
        float[][] test = readIdxImages(dir.resolve("t10k-images-idx3-ubyte.gz"), divisor);
        float[][] queries = Arrays.copyOfRange(test, 0, Math.min(c.queries(), test.length));
        float[][] warmup = Arrays.copyOfRange(test, test.length - c.warmup(), test.length);
        String name = divisor == 1f ? "fashion-mnist-raw" : "fashion-mnist";
        return new DataSet(name, "ann-benchmarks fashion-mnist-784-euclidean from Debian dataset-fashion-mnist: "
                + "60,000 train images (rows) and the first test images (queries), 784-d, L2; pixels / " + divisor,
                DistanceMetric.L2, rows, warmup, queries, null, c.documents());
    }

    private static float[][] readIdxImages(Path file, float divisor) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(
                Files.newInputStream(file), 1 << 16)))) {
            int magic = in.readInt();
            if (magic != 0x00000803) {
                throw new IOException(file + ": not an idx3-ubyte file (magic " + Integer.toHexString(magic) + ")");
            }
            int n = in.readInt();
            int dim = in.readInt() * in.readInt();
            float[][] out = new float[n][dim];
            byte[] buf = new byte[dim];
            for (int i = 0; i < n; i++) {
                in.readFully(buf);
                for (int j = 0; j < dim; j++) {
                    out[i][j] = (buf[j] & 0xff) / divisor;
                }
            }
            return out;
        }
    }

    /**
     * all-MiniLM-L6-v2 embeddings of the Debian {@code fortunes} corpus (entries separated by lines of '%'),
     * shuffled with the seed; the last entries are the queries. Embeddings are computed once and cached.
     */
    static DataSet minilmFortunes(BenchmarkConfig c) throws IOException {
        Path dir = c.dataDir().resolve("fortunes");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " is missing: run benchmarks/setup-data first (apt-get download "
                    + "fortunes + dpkg -x)");
        }
        Set<String> unique = new LinkedHashSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().contains(".")).sorted().toList();
        }
        for (Path f : files) {
            StringBuilder entry = new StringBuilder();
            for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
                if (line.equals("%")) {
                    add(unique, entry);
                    entry.setLength(0);
                } else {
                    entry.append(line).append('\n');
                }
            }
            add(unique, entry);
        }
        List<String> entries = new ArrayList<>(unique);
        Collections.shuffle(entries, new Random(c.seed()));
        int total = Math.min(entries.size(), c.minilmMaxEntries());
        entries = entries.subList(0, total);
        float[][] vectors = embeddings(entries, c.dataDir().resolve(String.format("minilm-fortunes-%d-seed%d.f32", total,
                c.seed())));
        int q = Math.min(c.queries(), total / 10);
        int w = Math.min(c.warmup(), total / 20);
        int base = total - q - w;
        float[][] rows = Arrays.copyOfRange(vectors, 0, base);
        float[][] warmup = Arrays.copyOfRange(vectors, base, base + w);
        float[][] queries = Arrays.copyOfRange(vectors, base + w, total);
        String[] texts = entries.subList(0, base).toArray(String[]::new);
        return new DataSet("minilm-fortunes", String.format("all-MiniLM-L6-v2 (384-d, normalised) embeddings of %,d "
                + "entries of Debian's fortunes corpus (%d files), shuffled with seed %d; the last %d entries are the "
                + "queries (held out of the rows); cosine", total, files.size(), c.seed(), q), DistanceMetric.COSINE,
                rows, warmup, queries, texts, c.documents());
    }

    private static void add(Set<String> unique, StringBuilder entry) {
        String s = entry.toString().strip();
        if (!s.isEmpty()) {
            unique.add(s);
        }
    }

    static float[][] embeddings(List<String> texts, Path cache) throws IOException {
        if (Files.exists(cache)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(cache), 1 << 16))) {
                int n = in.readInt();
                int dim = in.readInt();
                if (n == texts.size()) {
                    float[][] out = new float[n][dim];
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < dim; j++) {
                            out[i][j] = in.readFloat();
                        }
                    }
                    Progress.log("embeddings read from " + cache);
                    return out;
                }
            }
        }
        AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
        long t0 = System.nanoTime();
        float[][] out = new float[texts.size()][];
        int chunk = 500;
        for (int from = 0; from < texts.size(); from += chunk) {
            List<TextSegment> segments = texts.subList(from, Math.min(texts.size(), from + chunk)).stream()
                    .map(TextSegment::from).toList();
            List<Embedding> e = model.embedAll(segments).content();
            for (int i = 0; i < e.size(); i++) {
                out[from + i] = e.get(i).vector();
            }
            Progress.log(String.format("all-MiniLM-L6-v2: embedded %d / %d (%.0f texts/s)", from + e.size(), texts.size(),
                    (from + e.size()) / ((System.nanoTime() - t0) / 1e9)));
        }
        Files.createDirectories(cache.getParent());
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(cache), 1 << 16))) {
            o.writeInt(out.length);
            o.writeInt(out[0].length);
            for (float[] v : out) {
                for (float x : v) {
                    o.writeFloat(x);
                }
            }
        }
        return out;
    }

}
