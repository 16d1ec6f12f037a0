package dev.zoo.results;

/**
 * One verdict of {@code zoo check}: a metric of a model against its expectation, the weights against their pin, or the
 * catalogue against the linter. Each becomes a JUnit test case (class name: the model; name: what was checked).
 *
 * @param tolerance allowed absolute difference (percentage points) for metrics, else null
 * @param scope     what the measured value is about (the run's {@link Scope#label()}), for metrics; else null
 * @param evidence  how sure the comparison is (images, flips, interval, p-value); null where there is no number
 */
public record CheckItem(String model, String name, Outcome outcome, Double expected, Double measured, Double tolerance,
                        String scope, String message, Evidence evidence) {

    /**
     * What stands behind a metric's verdict: the images the value is a proportion of, its 95 % interval, and when the
     * runs were paired image by image, the images lost and gained, the paired interval of the difference and McNemar's
     * p-value.
     */
    public record Evidence(Integer images, Interval interval, Long lost, Long gained, Interval differenceInterval,
                           Double pValue) {
    }

    public CheckItem(String model, String name, Outcome outcome, Double expected, Double measured, Double tolerance,
                     String scope, String message) {
        this(model, name, outcome, expected, measured, tolerance, scope, message, null);
    }

    public enum Outcome {
        /** Within tolerance, or verified. */
        PASS,
        /** A regression (or an unexpected move), a weights mismatch, a lint error: exit 1. */
        FAIL,
        /** Could not be checked: nothing comparable measured, data or files missing: exit 2. */
        ERROR
    }

    /** A verdict about something other than a measured number (weights, catalogue, a refusal to compare). */
    public static CheckItem of(String model, String name, Outcome outcome, String message) {
        return new CheckItem(model, name, outcome, null, null, null, null, message);
    }

    public Double difference() {
        return expected == null || measured == null ? null : measured - expected;
    }
}
