package dev.zoo.metadata;

/**
 * One reported number, e.g. {@code Top 1 Accuracy: 82.21%}. {@code value} is the number as written (percent units when
 * the text carries a percent sign or the metric is an accuracy given in percent); {@code text} keeps the original.
 */
public record Metric(String name, double value, String text) {

    public static final String TOP1 = "Top 1 Accuracy";
    public static final String TOP5 = "Top 5 Accuracy";
}
