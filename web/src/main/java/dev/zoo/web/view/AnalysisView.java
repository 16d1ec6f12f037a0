package dev.zoo.web.view;

import dev.zoo.results.RunAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run page's per-image part: the worst classes with their intervals, and a reliability diagram (an inline SVG:
 * each confidence bin's accuracy as a bar against the diagonal of perfect calibration) with the expected calibration
 * error.
 *
 * @param ece "3.21" (points), or null when the run stored no confidences
 */
public record AnalysisView(int images, List<ClassRow> classes, String ece, List<Bar> bars, String emptyNote) {

    /** A worst class: label, images, right, accuracy and its interval. */
    public record ClassRow(String label, String images, String accuracy, String interval) {
    }

    /** One bar of the diagram, in SVG coordinates of a 300 x 300 plot area offset by (40, 10). */
    public record Bar(double x, double y, double width, double height, String title) {
    }

    private static final double SIZE = 300;

    public static AnalysisView of(RunAnalysis a) {
        List<ClassRow> rows = a.classes().stream().map(c -> new ClassRow(Integer.toString(c.label()),
                Display.count(c.correct()) + " of " + Display.count(c.images()), Display.num(c.accuracy(), 1),
                c.interval() == null ? "" : Display.num(c.interval().low(), 1) + "–"
                        + Display.num(c.interval().high(), 1))).toList();
        List<Bar> bars = new ArrayList<>();
        String ece = null;
        if (a.calibration() != null) {
            ece = Display.num(a.calibration().ece(), 2);
            double w = SIZE / RunAnalysis.BINS;
            for (RunAnalysis.Bin b : a.calibration().bins()) {
                if (b.images() == 0) {
                    continue;
                }
                double h = SIZE * b.accuracy() / 100;
                bars.add(new Bar(40 + SIZE * b.from(), 10 + SIZE - h, w - 1, h, String.format(Locale.ROOT,
                        "confidence %.2f–%.2f: %d images, mean confidence %.1f%%, accuracy %.1f%%", b.from(), b.to(),
                        b.images(), b.confidence(), b.accuracy())));
            }
        }
        return new AnalysisView(a.images(), rows, ece, bars, a.images() == 0 ? "This run stored no predictions "
                + "(an upload, or a run from before Zoo stored them)." : null);
    }
}
