package dev.zoo.app;

import dev.zoo.web.view.Cell;
import dev.zoo.web.view.Field;
import dev.zoo.web.view.ModelView;
import dev.zoo.web.view.RobustnessView;
import dev.zoo.web.view.RunView;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * {@code zoo show}: the web's card ({@link ModelView}) as text, section by section with the same labels, so the
 * terminal and the browser never say a thing two ways.
 */
final class CardText {

    private static final int RUNS_SHOWN = 10;

    private final PrintWriter out;

    CardText(PrintWriter out) {
        this.out = out;
    }

    void print(ModelView v) {
        out.println(v.id() + (v.showId() ? " (" + v.name() + ")" : ""));
        fields("", v.links());
        if (v.refusal() != null) {
            field("Evaluation", "Zoo cannot evaluate it: " + v.refusal());
        }
        section("Evaluate it");
        if (v.evaluateLead() != null) {
            out.println("  " + v.evaluateLead());
        }
        v.commands().forEach(c -> out.println("    " + c));
        section("Claimed results");
        if (v.claims().isEmpty()) {
            out.println("  none");
        }
        fields("  ", v.claims());
        if (v.results().stream().anyMatch(r -> !r.measuredTop1().text().isEmpty() || !r.other().text().isEmpty())) {
            section("Claimed and measured");
            out.printf(Locale.ROOT, "  %-28s %9s %11s %9s %11s %8s%n", "DATASET", "CLAIMED-1", "MEASURED-1",
                    "CLAIMED-5", "MEASURED-5", "DIFF-1");
            for (ModelView.ResultView r : v.results()) {
                out.printf(Locale.ROOT, "  %-28s %9s %11s %9s %11s %8s%n", r.dataset(), dash(r.claimedTop1()),
                        dash(r.measuredTop1()), dash(r.claimedTop5()), dash(r.measuredTop5()), dash(r.diffTop1()));
                if (!r.other().text().isEmpty()) {
                    out.println("    newer partial or other-data run: " + r.other().text());
                }
            }
        }
        if (v.robustness().beyondImageNet()) {
            section("Robustness");
            out.println("  top-1 measured (or claimed, as marked); Δ from the reference set; rank by top-1 among");
            out.println("  the zoo's models, and its change since the reference");
            out.printf(Locale.ROOT, "  %-28s %11s %7s %7s %s%n", "SET", "TOP-1", "DIFF-1", "DIFF-5", "RANK");
            for (RobustnessView.Line l : v.robustness().lines()) {
                out.printf(Locale.ROOT, "  %-28s %11s %7s %7s %s%n", l.set(), dash(l.claimedOnly() ? l.claimedTop1()
                        : l.measuredTop1()), dash(l.diffTop1()), dash(l.diffTop5()), l.rank().text()
                        + (l.claimedOnly() ? ", claimed" : ""));
            }
        }
        section("Evaluation recipe");
        fields("  ", v.recipe());
        section("Weights");
        fields("  ", v.weights());
        section("Architecture");
        field("  Network", v.network());
        list("  Layers used", v.layers());
        section("Training");
        list("  Data", v.trainingData());
        list("  Techniques", v.trainingTechniques());
        fields("  ", v.hyper());
        if (v.hyper().stream().anyMatch(f -> f.name().endsWith(" *"))) {
            out.println("  (* keys Zoo does not interpret, kept as written)");
        }
        section("Runs");
        if (v.runs().isEmpty()) {
            out.println("  none yet");
        }
        for (RunView.Summary r : v.runs().subList(0, Math.min(RUNS_SHOWN, v.runs().size()))) {
            field("  #" + r.id(), r.status() + " " + r.started() + ": " + r.scope()
                    + (r.top1().isEmpty() ? "" : ", top-1 " + r.top1() + (r.top5().isEmpty() ? "" : ", top-5 "
                    + r.top5())));
        }
        if (v.runs().size() > RUNS_SHOWN) {
            out.println("  ... and " + (v.runs().size() - RUNS_SHOWN) + " older run(s) (zoo show " + v.id()
                    + " --json lists all)");
        }
        if (v.citation() != null) {
            section("Citation");
            v.citation().lines().forEach(l -> out.println("  " + l));
        }
    }

    private void section(String title) {
        out.println();
        out.println(title);
    }

    private void fields(String indent, List<Field> fields) {
        for (Field f : fields) {
            field(indent + f.name(), f.value());
            if (f.href() != null && !f.href().equals(f.value())) {
                field("", f.href());
            }
        }
    }

    private void list(String name, List<String> values) {
        if (values != null && !values.isEmpty()) {
            field(name, String.join(", ", values));
        }
    }

    private void field(String name, String value) {
        if (value != null) {
            out.println(String.format(Locale.ROOT, "%-24s%s", name, value));
        }
    }

    private static String dash(Cell c) {
        return c.text().isEmpty() ? "-" : c.text() + (c.note() == null ? "" : c.note());
    }
}
