package dev.zoo.results;

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

    /** Allowed absolute difference, in percentage points, unless a baseline or {@code --tolerance} says otherwise. */
    public static final double DEFAULT_TOLERANCE = 0.1;

    private Comparison() {
    }

    /** Whether a difference lies beyond the tolerance (with room for the noise of decimal percentages). */
    public static boolean beyond(Double difference, double tolerance) {
        return difference != null && Math.abs(difference) > tolerance + 1e-9;
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
        String scope = run.scope().label();
        expected.forEach((dataset, metrics) -> metrics.forEach((metric, want) -> {
            String name = dataset + " " + metric;
            double tol = tolerance.applyAsDouble(metric);
            Double got = run.measured(dataset, metric);
            if (got == null) {
                if (required) {
                    out.add(new CheckItem(model, name, CheckItem.Outcome.ERROR, want, null, tol, scope, name
                            + " was not measured in run #" + run.id() + " (the " + source + " value is "
                            + fmt(want) + ")"));
                }
                return;
            }
            double diff = got - want;
            boolean ok = !beyond(diff, tol);
            String verdict = ok ? "within" : diff < 0 ? "regressed beyond" : "moved up beyond";
            out.add(new CheckItem(model, name, ok ? CheckItem.Outcome.PASS : CheckItem.Outcome.FAIL, want, got, tol,
                    scope, String.format(Locale.ROOT, "%s %s: measured %s, %s %s (%+.2f), %s the tolerance of %s "
                            + "(run #%d, %s)", model, name, fmt(got), source, fmt(want), diff, verdict, fmt(tol),
                            run.id(), scope)));
        }));
        return out;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
