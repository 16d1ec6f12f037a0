package dev.zoo.results;

import java.util.Locale;

/**
 * A 95 % confidence interval, in the unit of the number it belongs to (percentage points for accuracies).
 *
 * @param low  the lower bound
 * @param high the upper bound
 */
public record Interval(double low, double high) {

    /** The larger distance from {@code value} to a bound: what "±" shows of an interval that need not be symmetric. */
    public double halfWidth(double value) {
        return Math.max(value - low, high - value);
    }

    public boolean contains(double value) {
        return value >= low - 1e-9 && value <= high + 1e-9;
    }

    /** "±0.35": what a table shows beside the value (the larger side, as the interval need not be symmetric). */
    public String plusMinus(double value) {
        return String.format(Locale.ROOT, "±%.2f", halfWidth(value));
    }

    /** "79.84–80.54". */
    public String range() {
        return String.format(Locale.ROOT, "%.2f–%.2f", low, high);
    }
}
