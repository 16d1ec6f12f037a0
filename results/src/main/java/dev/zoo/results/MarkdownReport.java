package dev.zoo.results;

import java.util.Locale;

/** The gate's verdicts as a Markdown table, for pull requests and {@code $GITHUB_STEP_SUMMARY}. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(GateReport r) {
        StringBuilder sb = new StringBuilder("## zoo check: ");
        sb.append(r.exitCode() == 0 ? "passed" : r.count(CheckItem.Outcome.FAIL) > 0 ? "failed" : "incomplete");
        sb.append(String.format(Locale.ROOT, " (%d checks, %d failed, %d not checked)%n%n", r.items().size(),
                r.count(CheckItem.Outcome.FAIL), r.count(CheckItem.Outcome.ERROR)));
        sb.append("| | model | check | expected | measured | diff | tolerance | how sure | measured on |\n");
        sb.append("|---|---|---|--:|--:|--:|--:|---|---|\n");
        for (CheckItem i : r.items()) {
            String mark = switch (i.outcome()) {
                case PASS -> "✅";
                case FAIL -> "❌";
                case ERROR -> "⚠️";
            };
            sb.append("| ").append(mark).append(" | `").append(escape(i.model())).append("` | ")
                    .append(escape(i.name())).append(" | ").append(num(i.expected())).append(" | ")
                    .append(num(i.measured())).append(" | ")
                    .append(i.difference() == null ? "" : String.format(Locale.ROOT, "%+.2f", i.difference()))
                    .append(" | ").append(num(i.tolerance())).append(" | ").append(evidence(i)).append(" | ")
                    .append(i.scope() == null ? "" : escape(i.scope())).append(" |\n");
        }
        for (CheckItem i : r.items()) {
            CheckItem.Evidence e = i.evidence();
            if (e != null && e.pValue() != null && e.images() != null) {
                long both = Math.round(i.expected() * e.images() / 100.0) - e.lost();
                sb.append(String.format(Locale.ROOT, "%n**%s, %s**: image by image against the baseline's run%n%n"
                                + "| | now right | now wrong |%n|---|--:|--:|%n| was right | %d | %d |%n"
                                + "| was wrong | %d | %d |%n", escape(i.model()), escape(i.name()), both, e.lost(),
                        e.gained(), e.images() - both - e.lost() - e.gained()));
            }
        }
        for (CheckItem i : r.items()) {
            if (i.outcome() != CheckItem.Outcome.PASS) {
                sb.append("\n- ").append(escape(i.message()));
            }
        }
        for (String n : r.notes()) {
            sb.append("\n- note: ").append(escape(n));
        }
        return sb.append('\n').toString();
    }

    /** "2 of 50 images; ±3.5" or, paired, "lost 3, gained 1, p = 0.62". */
    private static String evidence(CheckItem i) {
        CheckItem.Evidence e = i.evidence();
        if (e == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        if (e.images() != null && i.difference() != null) {
            sb.append(String.format(Locale.ROOT, "%d of %,d images", Math.round(Math.abs(i.difference())
                    * e.images() / 100.0), e.images()));
        }
        if (e.pValue() != null) {
            sb.append(String.format(Locale.ROOT, "; lost %d, gained %d, 95%% [%+.2f, %+.2f], p = %s", e.lost(),
                    e.gained(), e.differenceInterval().low(), e.differenceInterval().high(),
                    Comparison.p(e.pValue())));
        } else if (e.interval() != null && i.measured() != null) {
            sb.append("; ").append(e.interval().plusMinus(i.measured()));
        }
        return escape(sb.toString());
    }

    private static String num(Double d) {
        return d == null ? "" : Comparison.fmt(d);
    }

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
