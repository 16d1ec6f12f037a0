package dev.zoo.results;

import dev.zoo.results.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Measured against expected, metric by metric. A difference beyond the tolerance either way fails: an accuracy that
 * jumps up after a preprocessing change is as suspicious as one that drops.
 */
public final class Comparison {

    private Comparison() {
    }

    /**
     * @param expected  dataset to metric to expected value
     * @param tolerance allowed absolute difference per metric name
     * @param source    where the expectation comes from ("claimed", "baseline"), for messages
     * @param required  whether an expected metric that was not measured is an error (baselines) or skipped (claims)
     */
    public static List<CheckItem> compare(String model, Run run, Map<String, Map<String, Double>> expected,
                                          ToDoubleFunction<String> tolerance, String source, boolean required) {
        List<CheckItem> out = new ArrayList<>();
        expected.forEach((dataset, metrics) -> metrics.forEach((metric, want) -> {
            String name = dataset + " " + metric;
            double tol = tolerance.applyAsDouble(metric);
            Double got = run.measured(dataset, metric);
            if (got == null) {
                if (required) {
                    out.add(new CheckItem(model, name, CheckItem.Outcome.ERROR, want, null, tol, name
                            + " was not measured in run #" + run.id() + " (the " + source + " value is "
                            + fmt(want) + ")"));
                }
                return;
            }
            double diff = got - want;
            boolean ok = Math.abs(diff) <= tol + 1e-9;
            String verdict = ok ? "within" : diff < 0 ? "regressed beyond" : "moved up beyond";
            out.add(new CheckItem(model, name, ok ? CheckItem.Outcome.PASS : CheckItem.Outcome.FAIL, want, got, tol,
                    String.format(Locale.ROOT, "%s %s: measured %s, %s %s (%+.2f), %s the tolerance of %s (run #%d)",
                            model, name, fmt(got), source, fmt(want), diff, verdict, fmt(tol), run.id())));
        }));
        return out;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
