package io.github.lancedb4j.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;

/** recall@k (x) against p50 latency (y, log scale): one line per system stage through its sweep, a PNG per data set. */
final class Plot {

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
        new Color(0xbcbd22), new Color(0x7f7f7f), new Color(0x393b79), new Color(0xad494a), new Color(0x637939),
        new Color(0x000000)};

    private Plot() {
    }

    static void write(Path file, String title, List<StageResult> results, int k) throws Exception {
        int w = 1200;
        int h = 800;
        int left = 90;
        int right = 380;
        int top = 60;
        int bottom = 80;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);

        List<StageResult> drawn = new ArrayList<>();
        boolean clipped = false;
        double minRecall = 1;
        double minMs = Double.MAX_VALUE;
        double maxMs = 0;
        for (StageResult r : results) {
            if (r.points.isEmpty()) {
                continue;
            }
            drawn.add(r);
            for (StageResult.Point p : r.points) {
                if (p.timed().recall() >= 0.4) {
                    minRecall = Math.min(minRecall, p.timed().recall());
                } else {
                    clipped = true;
                }
                minMs = Math.min(minMs, p.timed().p50Ms());
                maxMs = Math.max(maxMs, p.timed().p50Ms());
            }
        }
        double x0 = Math.max(0, Math.floor((minRecall - 0.02) * 20) / 20);
        double x1 = 1.0 + (1.0 - x0) * 0.02;
        double y0 = Math.pow(10, Math.floor(Math.log10(Math.max(1e-3, minMs))));
        double y1 = Math.pow(10, Math.ceil(Math.log10(Math.max(maxMs, y0 * 10))));
        int pw = w - left - right;
        int ph = h - top - bottom;

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.setColor(Color.BLACK);
        g.drawString(title, left, 32);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        // Grid and axes.
        for (int i = 0; i <= 10; i++) {
            double x = x0 + (1.0 - x0) * i / 10;
            int px = left + (int) Math.round(pw * (x - x0) / (x1 - x0));
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(px, top, px, top + ph);
            g.setColor(Color.DARK_GRAY);
            String s = String.format("%.3f", x);
            g.drawString(s, px - g.getFontMetrics().stringWidth(s) / 2, top + ph + 18);
        }
        for (double y = y0; y <= y1 * 1.0001; y *= 10) {
            for (int m = 1; m < 10; m++) {
                double v = y * m;
                if (v > y1 * 1.0001) {
                    break;
                }
                int py = yPix(v, y0, y1, top, ph);
                g.setColor(m == 1 ? new Color(0xc8c8c8) : new Color(0xf0f0f0));
                g.drawLine(left, py, left + pw, py);
                if (m == 1) {
                    g.setColor(Color.DARK_GRAY);
                    String s = v >= 1 ? String.format("%.0f", v) : String.format("%.3g", v);
                    g.drawString(s, left - 8 - g.getFontMetrics().stringWidth(s), py + 5);
                }
            }
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        g.drawString("recall@" + k + " (exact ground truth)", left + pw / 2 - 80, h - 30);
        Graphics2D gr = (Graphics2D) g.create();
        gr.rotate(-Math.PI / 2);
        gr.drawString("p50 latency, ms (log scale, 1 query thread)", -(top + ph / 2 + 140), 28);
        gr.dispose();

        int ly = top + 10;
        for (int i = 0; i < drawn.size(); i++) {
            StageResult r = drawn.get(i);
            Color c = COLORS[i % COLORS.length];
            g.setColor(c);
            g.setStroke(new BasicStroke(2f));
            List<StageResult.Point> pts = new ArrayList<>(r.points);
            pts.sort(Comparator.comparingDouble(p -> p.timed().recall()));
            int[] xs = new int[pts.size()];
            int[] ys = new int[pts.size()];
            for (int j = 0; j < pts.size(); j++) {
                xs[j] = left + (int) Math.round(pw * (Math.max(x0, pts.get(j).timed().recall()) - x0) / (x1 - x0));
                ys[j] = yPix(pts.get(j).timed().p50Ms(), y0, y1, top, ph);
            }
            g.drawPolyline(xs, ys, xs.length);
            for (int j = 0; j < pts.size(); j++) {
                int size = pts.get(j).isDefault() ? 12 : 7;
                if (pts.get(j).isDefault()) {
                    g.fillRect(xs[j] - size / 2, ys[j] - size / 2, size, size);
                } else {
                    g.fillOval(xs[j] - size / 2, ys[j] - size / 2, size, size);
                }
            }
            // Legend.
            g.fillRect(left + pw + 20, ly - 9, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(r.system + " · " + r.stage, left + pw + 40, ly + 2);
            ly += 22;
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString("square = default setting; dots = sweep", left + pw + 20, ly + 14);
        if (clipped) {
            g.drawString(String.format("points with recall < %.2f are drawn", x0), left + pw + 20, ly + 34);
            g.drawString("on the left edge", left + pw + 20, ly + 50);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static int yPix(double v, double y0, double y1, int top, int ph) {
        double f = (Math.log10(Math.max(v, y0)) - Math.log10(y0)) / (Math.log10(y1) - Math.log10(y0));
        return top + ph - (int) Math.round(ph * f);
    }
}
