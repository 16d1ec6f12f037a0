package dev.zoo.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import dev.zoo.metadata.KnownDataset;

/**
 * Measured against expected, metric by metric. A difference beyond the tolerance either way fails (an accuracy that
 * jumps up after a preprocessing change is as suspicious as one that drops); when both runs' images can be paired, only
 * if it is also significant (McNemar's exact test).
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

    /** {@link #compare(String, Run, Map, ToDoubleFunction, String, boolean, Map, double)} without pairing. */
    public static List<CheckItem> compare(String model, Run run, Map<String, Map<String, Double>> expected,
                                          ToDoubleFunction<String> tolerance, String source, boolean required) {
        return compare(model, run, expected, tolerance, source, required, Map.of(), Stats.ALPHA);
    }

    /**
     * @param expected  dataset to metric to expected value
     * @param tolerance allowed absolute difference per metric name
     * @param source    where the expectation comes from ("claimed", "baseline"), for messages
     * @param required  whether an expected metric that was not measured is an error (baselines) or skipped (claims)
     * @param paired    per metric of the run's own dataset, the image-by-image table against the expectation's run:
     *                  with it, a move fails only when it is beyond the tolerance <em>and</em> significant at
     *                  {@code alpha} (McNemar's exact test), so balanced numeric noise passes and a real change fails
     *                  even when small; without it (or with {@code alpha} 1 or more), beyond the tolerance fails
     */
    public static List<CheckItem> compare(String model, Run run, Map<String, Map<String, Double>> expected,
                                          ToDoubleFunction<String> tolerance, String source, boolean required,
                                          Map<String, Stats.Paired> paired, double alpha) {
        List<CheckItem> out = new ArrayList<>();
        String scope = run.scopeLabel();
        expected.forEach((dataset, metrics) -> metrics.forEach((metric, want) -> {
            String name = dataset + " " + metric;
            double tol = tolerance.applyAsDouble(metric);
            Run.Measurement m = run.measurement(dataset, metric);
            if (m == null) {
                if (required) {
                    out.add(new CheckItem(model, name, CheckItem.Outcome.ERROR, want, null, tol, scope, name
                            + " was not measured in run #" + run.id() + " (the " + source + " value is "
                            + fmt(want) + ")"));
                }
                return;
            }
            double got = m.value();
            double diff = got - want;
            boolean beyond = beyond(diff, tol);
            Stats.Paired t = KnownDataset.sameName(dataset, run.scope().dataset()) ? paired.get(metric) : null;
            boolean significant = t != null && t.pValue() < alpha;
            // alpha of 1 or more: the tolerance alone decides, whatever the test says (--verdict tolerance)
            boolean ok = t == null || alpha >= 1 ? !beyond : !(beyond && significant);
            String verdict = t == null || alpha >= 1 ? (ok ? "within" : diff < 0 ? "regressed beyond"
                    : "moved up beyond")
                    : !beyond ? "within"
                    : ok ? "beyond, but not significant at " + fmtAlpha(alpha) + " (numeric noise), so within"
                    : diff < 0 ? "a significant regression beyond" : "a significant move up beyond";
            StringBuilder how = new StringBuilder(String.format(Locale.ROOT, "%+.2f", diff));
            if (m.images() != null) {
                long images = Math.round(Math.abs(diff) * m.images() / 100.0);
                how.append(String.format(Locale.ROOT, " = %d of %,d images", images, m.images()));
            }
            if (t != null) {
                how.append(String.format(Locale.ROOT, "; lost %d, gained %d, paired 95%% interval [%+.2f, %+.2f], "
                        + "McNemar p = %s", t.onlyA(), t.onlyB(), t.interval().low(), t.interval().high(),
                        p(t.pValue())));
            } else if (m.interval() != null) {
                how.append("; 95% interval of the measured value ").append(m.interval().range());
            }
            CheckItem.Evidence evidence = new CheckItem.Evidence(m.images(), m.interval(),
                    t == null ? null : t.onlyA(), t == null ? null : t.onlyB(), t == null ? null : t.interval(),
                    t == null ? null : t.pValue());
            out.add(new CheckItem(model, name, ok ? CheckItem.Outcome.PASS : CheckItem.Outcome.FAIL, want, got, tol,
                    scope, String.format(Locale.ROOT, "%s %s: measured %s, %s %s (%s), %s the tolerance of %s "
                            + "(run #%d, %s)", model, name, fmt(got), source, fmt(want), how, verdict, fmt(tol),
                            run.id(), scope), evidence));
        }));
        return out;
    }

    /** "tolerance 0.1 is finer than one image of 50 (2.00 points)", or null when one image fits within it. */
    public static String finerThanOneImage(double tolerance, Integer images) {
        if (images == null || images <= 0 || 100.0 / images <= tolerance) {
            return null;
        }
        return String.format(Locale.ROOT, "the tolerance of %s points is finer than one image of %,d (%.2f points): "
                + "one image more or less is beyond it", fmt(tolerance), images, 100.0 / images);
    }

    static String p(double p) {
        return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String fmtAlpha(double alpha) {
        return String.format(Locale.ROOT, "α = %s", java.math.BigDecimal.valueOf(alpha).stripTrailingZeros()
                .toPlainString());
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
