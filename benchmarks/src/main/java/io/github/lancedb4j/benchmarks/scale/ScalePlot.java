package io.github.lancedb4j.benchmarks.scale;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * One figure against rows on log-log axes, a PNG: measured points per series (circles 768-d, squares 1,536-d), each
 * series' power-law fit as a dashed line out to the prediction's row count, and the seed's claims as stars.
 */
final class ScalePlot {

    /** One line: its points (rows, value), its fit (may be null) and whether it is 1,536-d. */
    record Series(String label, List<double[]> points, LogLogFit fit, boolean wide) {
    }

    /** A claim drawn as a star at (rows, value). */
    record Claim(String label, double rows, double value) {
    }

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
        new Color(0xbcbd22), new Color(0x7f7f7f), new Color(0x393b79), new Color(0xad494a), new Color(0x637939)};

    private static final int W = 1300;
    private static final int H = 800;
    private static final int LEFT = 90;
    private static final int RIGHT = 470;
    private static final int TOP = 60;
    private static final int BOTTOM = 70;

    private ScalePlot() {
    }

    static void write(Path file, String title, String yLabel, List<Series> series, List<Claim> claims,
            double maxRows) throws Exception {
        double x0 = 1e4;
        double x1 = maxRows;
        double ymin = Double.MAX_VALUE;
        double ymax = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                if (p[1] > 0) {
                    x0 = Math.min(x0, p[0]);
                    ymin = Math.min(ymin, p[1]);
                    ymax = Math.max(ymax, p[1]);
                }
            }
            if (s.fit() != null) {
                ymin = Math.min(ymin, s.fit().at(maxRows));
                ymax = Math.max(ymax, s.fit().at(maxRows));
            }
        }
        for (Claim c : claims) {
            ymin = Math.min(ymin, c.value());
            ymax = Math.max(ymax, c.value());
        }
        if (ymax <= 0) {
            return;
        }
        x0 = Math.pow(10, Math.floor(Math.log10(x0)));
        double y0 = Math.pow(10, Math.floor(Math.log10(ymin)));
        double y1 = Math.pow(10, Math.ceil(Math.log10(Math.max(ymax, y0 * 10))));
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.drawString(title, LEFT, 32);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        Axes ax = new Axes(x0, x1, y0, y1);
        grid(g, ax);
        g.setColor(Color.BLACK);
        g.drawString("rows (log scale)", LEFT + (W - LEFT - RIGHT) / 2 - 40, H - 22);
        Graphics2D gr = (Graphics2D) g.create();
        gr.rotate(-Math.PI / 2);
        gr.drawString(yLabel + " (log scale)", -(TOP + (H - TOP - BOTTOM) / 2 + 80), 22);
        gr.dispose();
        int ly = TOP + 8;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            Color color = COLORS[i % COLORS.length];
            g.setColor(color);
            if (s.fit() != null) {
                g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 5f},
                        0f));
                Path2D line = new Path2D.Double();
                double from = s.fit().minRows();
                line.moveTo(ax.x(from), ax.y(s.fit().at(from)));
                line.lineTo(ax.x(maxRows), ax.y(s.fit().at(maxRows)));
                g.draw(line);
            }
            g.setStroke(new BasicStroke(2f));
            for (double[] p : s.points()) {
                if (p[1] > 0) {
                    marker(g, ax.x(p[0]), ax.y(p[1]), s.wide());
                }
            }
            marker(g, W - RIGHT + 24, ly - 4, s.wide());
            g.setColor(Color.BLACK);
            String fit = s.fit() == null ? "" : String.format(" (x rows^%.2f)", s.fit().b());
            g.drawString(s.label() + fit, W - RIGHT + 36, ly);
            ly += 19;
        }
        for (Claim c : claims) {
            g.setColor(Color.BLACK);
            star(g, ax.x(c.rows()), ax.y(c.value()));
            star(g, W - RIGHT + 24, ly - 4);
            g.drawString(c.label(), W - RIGHT + 36, ly);
            ly += 19;
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString("circle = 768-d, square = 1536-d; dashed = log-log fit", W - RIGHT + 20, ly + 12);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private record Axes(double x0, double x1, double y0, double y1) {
        double x(double rows) {
            return LEFT + (W - LEFT - RIGHT) * (Math.log10(rows) - Math.log10(x0)) / (Math.log10(x1) - Math.log10(x0));
        }

        double y(double v) {
            return TOP + (H - TOP - BOTTOM) * (1 - (Math.log10(Math.max(v, y0)) - Math.log10(y0))
                    / (Math.log10(y1) - Math.log10(y0)));
        }
    }

    private static void grid(Graphics2D g, Axes ax) {
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        for (double d = ax.x0(); d <= ax.x1() * 1.0001; d *= 10) {
            for (int m = 1; m < 10 && d * m <= ax.x1() * 1.0001; m++) {
                int px = (int) ax.x(d * m);
                g.setColor(m == 1 ? new Color(0xc8c8c8) : new Color(0xf0f0f0));
                g.drawLine(px, TOP, px, TOP + ph);
                if (m == 1 || m == 3) {
                    g.setColor(Color.DARK_GRAY);
                    String s = label(d * m);
                    g.drawString(s, px - g.getFontMetrics().stringWidth(s) / 2, TOP + ph + 16);
                }
            }
        }
        for (double d = ax.y0(); d <= ax.y1() * 1.0001; d *= 10) {
            for (int m = 1; m < 10 && d * m <= ax.y1() * 1.0001; m++) {
                int py = (int) ax.y(d * m);
                g.setColor(m == 1 ? new Color(0xc8c8c8) : new Color(0xf0f0f0));
                g.drawLine(LEFT, py, LEFT + pw, py);
                if (m == 1 || m == 3) {
                    g.setColor(Color.DARK_GRAY);
                    String s = d * m >= 1 ? String.format("%,.0f", d * m) : String.format("%.3g", d * m);
                    g.drawString(s, LEFT - 6 - g.getFontMetrics().stringWidth(s), py + 4);
                }
            }
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, pw, ph);
    }

    private static String label(double rows) {
        return rows >= 1e6 ? String.format("%.0fM", rows / 1e6) : String.format("%.0fK", rows / 1e3);
    }

    private static void marker(Graphics2D g, double x, double y, boolean square) {
        int s = 9;
        if (square) {
            g.fillRect((int) x - s / 2, (int) y - s / 2, s, s);
        } else {
            g.fillOval((int) x - s / 2, (int) y - s / 2, s, s);
        }
    }

    private static void star(Graphics2D g, double x, double y) {
        Path2D p = new Path2D.Double();
        for (int i = 0; i < 10; i++) {
            double r = i % 2 == 0 ? 9 : 4;
            double a = Math.PI / 2 + i * Math.PI / 5;
            double px = x + r * Math.cos(a);
            double py = y - r * Math.sin(a);
            if (i == 0) {
                p.moveTo(px, py);
            } else {
                p.lineTo(px, py);
            }
        }
        p.closePath();
        g.fill(p);
    }
}
