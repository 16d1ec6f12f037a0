package dev.zoo.web.view;

import dev.zoo.metadata.KnownDataset;
import dev.zoo.results.ResultRow;
import dev.zoo.results.Robustness;
import java.util.List;

/**
 * timm's robustness table as people read it, on a model's card (a row per set) and on the zoo's page (a row per model
 * of one set): top-1/top-5 claimed and measured, the difference from the set's reference and the change of rank.
 * Differences and ranks come from measured values (complete runs Zoo vouches for); where a model has none, from its
 * claims, and the cell says so.
 */
public record RobustnessView(List<Line> lines) {

    /**
     * One model on one set.
     *
     * @param reference   what the differences are taken from ("ImageNet-1k validation", "ImageNet-A clean …"), or
     *                    null
     * @param rank        "2 of 6", with the change of rank since the reference ("+1": moved up one place)
     * @param claimedOnly no measured value: the differences and the rank are the claims'
     */
    public record Line(String set, String setHref, String model, String modelHref, Cell claimedTop1,
                       Cell measuredTop1, Cell claimedTop5, Cell measuredTop5, Cell diffTop1, Cell diffTop5, Cell rank,
                       String reference, boolean claimedOnly) {
    }

    /** The set's page: {@code /robustness?set=NAME}. */
    public static String href(KnownDataset set) {
        return "/robustness?set=" + set.cliName();
    }

    public static RobustnessView of(List<Robustness.Row> rows) {
        return new RobustnessView(rows.stream().map(RobustnessView::line).toList());
    }

    /** Some line is on a set other than ImageNet-1k itself (which the results table already shows). */
    public boolean beyondImageNet() {
        return lines.stream().anyMatch(l -> !l.set().equals(KnownDataset.IMAGENET.label()));
    }

    static Line line(Robustness.Row r) {
        ResultRow src = r.source();
        String on = src.runId() == null ? null : "complete run #" + src.runId() + " on "
                + Display.count(src.measuredImages()) + " images";
        Cell m1 = Cell.measured(src.measuredTop1(), src.measuredTop1Interval(), src.measuredImages(), on);
        Cell m5 = Cell.measured(src.measuredTop5(), src.measuredTop5Interval(), src.measuredImages(), on);
        if (src.runId() != null) {
            m1 = m1.linked("/runs/" + src.runId());
        }
        Robustness.Standing s = r.measured() != null ? r.measured() : r.claimed();
        boolean claimedOnly = r.measured() == null;
        KnownDataset ref = r.set().reference();
        Cell d1 = diff(s.top1Diff(), claimedOnly, ref, "top-1");
        Cell d5 = diff(s.top5Diff(), claimedOnly, ref, "top-5");
        String rank = s.rank() + " of " + s.of() + (s.rankDiff() == null ? "" : " (" + (s.rankDiff() > 0 ? "+" : "")
                + s.rankDiff() + ")");
        Cell rankCell = new Cell(rank, Integer.toString(s.rank()), "rank by top-1 among the " + s.of() + " models "
                + (r.measured() != null ? "measured" : "claimed") + " on " + r.set().label() + (s.rankDiff() == null
                ? "" : "; " + (s.rankDiff() > 0 ? "up " + s.rankDiff() + " from" : s.rankDiff() < 0 ? "down "
                + -s.rankDiff() + " from" : "the same place as") + " its rank on " + ref.label()), null, "num");
        return new Line(r.set().label(), href(r.set()), r.model(), Display.path("models", r.model()),
                Cell.number(src.claimedTop1(), 2), m1.styled("measured"), Cell.number(src.claimedTop5(), 2),
                m5.styled("measured"), d1, d5, rankCell, ref == null ? null : ref.description(), claimedOnly);
    }

    private static Cell diff(Double d, boolean claimed, KnownDataset ref, String metric) {
        if (d == null) {
            return new Cell("", "", null, null, "num");
        }
        return new Cell(Display.signed(d), d.toString(), (claimed ? "claimed " : "") + metric + " minus "
                + (claimed ? "claimed " : "") + metric + " on " + ref.description(), null, claimed ? "num claimed"
                : "num");
    }
}
