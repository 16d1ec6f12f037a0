package dev.zoo.web.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A scatter plot laid out for an inline SVG template: top-1 (linear, ticks at round values) against a log-scaled x
 * (parameters, throughput). Points carry their model's name beside them; a model's claimed and measured points are
 * joined; series (measured, claimed, or one per device kind) have their own style and a legend.
 */
public record ChartView(String id, String title, String xLabel, int width, int height, int left, int right, int top,
                        int bottom, List<Tick> xTicks, List<Tick> yTicks, List<Segment> joins, List<Point> points,
                        List<Legend> legend) {

    public record Tick(String at, String label) {
    }

    public record Segment(String x1, String y1, String x2, String y2) {
    }

    /** A laid-out point; {@code errTop} and {@code errBottom} the ends of its 95 % error bar, or null for none. */
    public record Point(String cx, String cy, String series, String name, String labelX, String labelY, String href,
                        String title, String errTop, String errBottom) {
    }

    public record Legend(String series, String label) {
    }

    /**
     * One point before layout: model, x, top-1, series (CSS class), link, tooltip; {@code labelled}: the model's name
     * is written beside it (once per model).
     */
    public record Datum(String name, double x, double y, String series, String href, String title, boolean labelled,
                        dev.zoo.results.Interval interval) {

        public Datum(String name, double x, double y, String series, String href, String title, boolean labelled) {
            this(name, x, y, series, href, title, labelled, null);
        }
    }

    static final int W = 760;
    static final int H = 460;
    static final int LEFT = 64;
    static final int RIGHT = 24;
    static final int TOP = 20;
    static final int BOTTOM = 52;

    /**
     * @param joined pairs of indices into {@code data} to join with a line (a model's claimed and measured points)
     */
    public static ChartView of(String id, String title, String xLabel, List<Datum> data, List<int[]> joined,
                               List<Legend> legend) {
        // a key only for what is drawn: nothing to plot has no legend, a chart of CPU runs no "GPU" key
        legend = legend.stream().filter(l -> data.stream().anyMatch(d -> d.series().equals(l.series()))).toList();
        if (data.isEmpty()) {
            return new ChartView(id, title, xLabel, W, H, LEFT, W - RIGHT, TOP, H - BOTTOM, List.of(), List.of(),
                    List.of(), List.of(), legend);
        }
        double minX = data.stream().mapToDouble(Datum::x).min().orElseThrow();
        double maxX = data.stream().mapToDouble(Datum::x).max().orElseThrow();
        double lx0 = Math.log10(minX) - 0.15;
        double lx1 = Math.log10(maxX) + 0.15;
        // the range holds the error bars too
        double[] y = niceRange(data.stream().mapToDouble(d -> d.interval() == null ? d.y() : d.interval().low())
                        .min().orElseThrow(),
                data.stream().mapToDouble(d -> d.interval() == null ? d.y() : d.interval().high()).max().orElseThrow());
        List<Tick> yTicks = new ArrayList<>();
        for (double v = y[0]; v <= y[1] + y[2] / 2; v += y[2]) {
            yTicks.add(new Tick(fmt(sy(v, y)), label(v, y[2])));
        }
        List<Tick> xTicks = new ArrayList<>();
        for (int e = (int) Math.floor(lx0); e <= Math.ceil(lx1); e++) {
            for (int m : lx1 - lx0 < 2 ? new int[]{1, 2, 5} : new int[]{1}) {
                double lv = Math.log10(m * Math.pow(10, e));
                if (lv >= lx0 && lv <= lx1) {
                    xTicks.add(new Tick(fmt(sx(lv, lx0, lx1)), magnitude(m * Math.pow(10, e))));
                }
            }
        }
        List<Point> points = new ArrayList<>();
        List<double[]> taken = new ArrayList<>();   // label boxes already placed: x0, y0, x1, y1
        for (Datum d : data) {
            double px = sx(Math.log10(d.x()), lx0, lx1);
            double py = sy(d.y(), y);
            double[] at = d.labelled() ? placeLabel(px, py, d.name().length() * LABEL_CHAR, taken) : null;
            points.add(new Point(fmt(px), fmt(py), d.series(), d.labelled() ? d.name() : "",
                    at == null ? "0" : fmt(at[0]), at == null ? "0" : fmt(at[1] + LABEL_HEIGHT - 2), d.href(),
                    d.title(), d.interval() == null ? null : fmt(sy(d.interval().high(), y)),
                    d.interval() == null ? null : fmt(sy(d.interval().low(), y))));
        }
        List<Segment> joins = new ArrayList<>();
        for (int[] pair : joined) {
            Point a = points.get(pair[0]);
            Point b = points.get(pair[1]);
            joins.add(new Segment(a.cx(), a.cy(), b.cx(), b.cy()));
        }
        return new ChartView(id, title, xLabel, W, H, LEFT, W - RIGHT, TOP, H - BOTTOM, xTicks, yTicks, joins,
                points, legend);
    }

    static final double LABEL_CHAR = 5.6;
    static final double LABEL_HEIGHT = 11;

    /**
     * Where a point's label goes: right of it, else left, above or below, the first place that stays inside the plot
     * and clear of the labels placed before (else right of it anyway). Returns its top-left corner.
     */
    private static double[] placeLabel(double px, double py, double width, List<double[]> taken) {
        double[][] candidates = {{px + 9, py - LABEL_HEIGHT / 2}, {px - 9 - width, py - LABEL_HEIGHT / 2},
            {px - width / 2, py - 9 - LABEL_HEIGHT}, {px - width / 2, py + 9}};
        for (double[] c : candidates) {
            double[] box = {c[0], c[1], c[0] + width, c[1] + LABEL_HEIGHT};
            boolean inside = box[0] >= LEFT + 2 && box[2] <= W - RIGHT && box[1] >= TOP && box[3] <= H - BOTTOM;
            boolean clear = taken.stream().noneMatch(t -> box[0] < t[2] && t[0] < box[2] && box[1] < t[3]
                    && t[1] < box[3]);
            if (inside && clear) {
                taken.add(box);
                return c;
            }
        }
        double[] fallback = candidates[px + 9 + width <= W - RIGHT ? 0 : 1];
        taken.add(new double[]{fallback[0], fallback[1], fallback[0] + width, fallback[1] + LABEL_HEIGHT});
        return fallback;
    }

    /** {lo, hi, step}: a range of round values that holds [min, max], with at most seven steps. */
    static double[] niceRange(double min, double max) {
        if (max - min < 1e-9) {
            min -= 0.5;
            max += 0.5;
        }
        for (double step : new double[]{0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50}) {
            double lo = Math.floor(min / step) * step;
            double hi = Math.ceil(max / step) * step;
            if ((hi - lo) / step <= 7 + 1e-9) {
                return new double[]{lo, hi == lo ? lo + step : hi, step};
            }
        }
        return new double[]{0, 100, 20};
    }

    public int midX() {
        return (left + right) / 2;
    }

    /** Where the x ticks' labels sit, and the axes' titles. */
    public int xTickY() {
        return bottom + 18;
    }

    public int yTickX() {
        return left - 6;
    }

    public int xLabelY() {
        return height - 12;
    }

    /** In the rotated frame of the y axis' title. */
    public int yLabelX() {
        return -(top + bottom) / 2;
    }

    private static double sx(double logX, double lx0, double lx1) {
        return LEFT + (logX - lx0) / (lx1 - lx0) * (W - LEFT - RIGHT);
    }

    private static double sy(double v, double[] range) {
        return H - BOTTOM - (v - range[0]) / (range[1] - range[0]) * (H - TOP - BOTTOM);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String label(double v, double step) {
        return step < 1 ? String.format(Locale.ROOT, step < 0.25 ? "%.1f" : "%.2f", v)
                : String.format(Locale.ROOT, "%.0f", v);
    }

    /** 20M, 1B, 2k, 0.5 — the x axis's values. */
    static String magnitude(double v) {
        String[] units = {"B", "M", "k"};
        double[] scales = {1e9, 1e6, 1e3};
        for (int i = 0; i < units.length; i++) {
            if (v >= scales[i]) {
                return round(v / scales[i]) + units[i];
            }
        }
        return round(v);
    }

    private static String round(double v) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
    }
}
