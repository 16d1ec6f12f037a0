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
        sb.append("| | model | check | expected | measured | diff | tolerance | measured on |\n");
        sb.append("|---|---|---|--:|--:|--:|--:|---|\n");
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
                    .append(" | ").append(num(i.tolerance())).append(" | ")
                    .append(i.scope() == null ? "" : escape(i.scope())).append(" |\n");
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

    private static String num(Double d) {
        return d == null ? "" : Comparison.fmt(d);
    }

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
