package dev.zoo.web;

import java.util.List;
import java.util.Locale;

/** A scatter plot as inline SVG (no script, no external asset); hovering a point shows its name. */
final class Chart {

    record Point(String label, double x, double y, boolean measured, String href) {
    }

    private static final int W = 720;
    private static final int H = 420;
    private static final int LEFT = 64;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 52;

    private Chart() {
    }

    /** Points on a log x axis (parameters, throughput) against top-1 on a linear y axis. */
    static String scatter(String id, String xLabel, List<Point> points) {
        if (points.isEmpty()) {
            return "<p class=\"empty\">Nothing to plot yet.</p>";
        }
        double minX = points.stream().mapToDouble(Point::x).min().orElse(1);
        double maxX = points.stream().mapToDouble(Point::x).max().orElse(10);
        double minY = Math.floor(points.stream().mapToDouble(Point::y).min().orElse(0) - 1);
        double maxY = Math.ceil(points.stream().mapToDouble(Point::y).max().orElse(100) + 1);
        double lx0 = Math.log10(minX) - 0.1;
        double lx1 = Math.log10(maxX) + 0.1;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg id=\"%s\" class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
                + "aria-label=\"top-1 against %s\">", Html.esc(id), W, H, Html.esc(xLabel)));
        sb.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT,
                H - BOTTOM, W - RIGHT, H - BOTTOM));
        sb.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT,
                TOP, LEFT, H - BOTTOM));
        for (int e = (int) Math.ceil(lx0); e <= Math.floor(lx1); e++) {
            double x = sx(e, lx0, lx1);
            sb.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                    + "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x, TOP, x,
                    H - BOTTOM, x, H - BOTTOM + 18, tick(Math.pow(10, e))));
        }
        for (double y = minY; y <= maxY; y += Math.max(1, Math.round((maxY - minY) / 6))) {
            double py = sy(y, minY, maxY);
            sb.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
                    + "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>", LEFT, py, W - RIGHT,
                    py, LEFT - 6, py + 4, y));
        }
        sb.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s"
                + "</text>", (LEFT + W - RIGHT) / 2, H - 12, Html.esc(xLabel)));
        sb.append(String.format(Locale.ROOT, "<text class=\"label\" transform=\"rotate(-90)\" x=\"%d\" y=\"16\" "
                + "text-anchor=\"middle\">ImageNet top-1 (%%)</text>", -(TOP + H - BOTTOM) / 2));
        for (Point p : points) {
            sb.append(String.format(Locale.ROOT, "<a href=\"%s\"><circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" "
                            + "r=\"6\" data-name=\"%s\"><title>%s: %.2f%% top-1 at %s</title></circle></a>",
                    Html.esc(p.href()), p.measured() ? "pt measured" : "pt claimed", sx(Math.log10(p.x()), lx0, lx1),
                    sy(p.y(), minY, maxY), Html.esc(p.label()), Html.esc(p.label()), p.y(), tick(p.x())));
        }
        return sb.append("</svg>").toString();
    }

    private static double sx(double logX, double lx0, double lx1) {
        return LEFT + (logX - lx0) / (lx1 - lx0) * (W - LEFT - RIGHT);
    }

    private static double sy(double y, double minY, double maxY) {
        return H - BOTTOM - (y - minY) / (maxY - minY) * (H - TOP - BOTTOM);
    }

    private static String tick(double v) {
        if (v >= 1e9) {
            return String.format(Locale.ROOT, "%.3gB", v / 1e9);
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.3gM", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.3gk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
