package dev.zoo.web.view;

import dev.zoo.results.RunDiff;
import dev.zoo.results.Stats;
import java.util.List;
import java.util.Locale;

/** The compare page: two runs on the same images, image by image (the web's {@code zoo diff}). */
public record CompareView(RunDiff diff, String aHref, String bHref, List<MetricRow> metrics, List<FlipRow> flips,
                          String shownFlips) {

    /** One metric: the 2x2 table, the difference with its interval, the p-value and what it means. */
    public record MetricRow(String name, String accuracyA, String accuracyB, String both, String onlyA, String onlyB,
                            String neither, String difference, String interval, String pValue, String verdict) {
    }

    /** A flipped image. */
    public record FlipRow(String name, int label, int topA, String confidenceA, int topB, String confidenceB,
                          String change, boolean regression) {
    }

    public static CompareView of(RunDiff d) {
        List<MetricRow> metrics = List.of(row("Top-1", d.top1(), d.images()), row("Top-5", d.top5(), d.images()));
        List<FlipRow> flips = d.flips().stream().map(f -> new FlipRow(f.name(), f.label(), f.topA(),
                conf(f.confidenceA()), f.topB(), conf(f.confidenceB()), f.regression() ? "B lost it" : "B got it",
                f.regression())).toList();
        return new CompareView(d, "/runs/" + d.a().run(), "/runs/" + d.b().run(), metrics, flips,
                d.flips().size() + " of " + d.flipCount());
    }

    private static MetricRow row(String name, RunDiff.Metric m, int n) {
        String verdict = m.onlyA() + m.onlyB() == 0 ? "no image changed"
                : m.significant(Stats.ALPHA) ? "significant at 5 %: not what balanced flips do by chance"
                : "not significant at 5 %: flips this balanced happen by chance";
        return new MetricRow(name, Display.num(m.accuracyA(), 2), Display.num(m.accuracyB(), 2), Display.count(m.both()),
                Display.count(m.onlyA()), Display.count(m.onlyB()), Display.count(m.neither()),
                String.format(Locale.ROOT, "%+.2f (%+d of %,d images)", m.difference(), m.onlyB() - m.onlyA(), n),
                String.format(Locale.ROOT, "%+.2f to %+.2f", m.interval().low(), m.interval().high()),
                m.pValue() < 1e-4 ? String.format(Locale.ROOT, "%.1e", m.pValue())
                        : String.format(Locale.ROOT, "%.4f", m.pValue()), verdict);
    }

    private static String conf(float c) {
        return Float.isNaN(c) ? "" : String.format(Locale.ROOT, "%.3f", c);
    }
}
