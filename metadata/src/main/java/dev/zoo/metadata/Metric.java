package dev.zoo.metadata;

import java.util.Locale;
import java.util.Map;

/**
 * One reported number, e.g. {@code Top 1 Accuracy: 82.21%}. {@code value} is the number as written (percent units when
 * the text carries a percent sign or the metric is an accuracy given in percent); {@code text} keeps the original.
 */
public record Metric(String name, double value, String text) {

    public static final String TOP1 = "Top 1 Accuracy";
    public static final String TOP5 = "Top 5 Accuracy";

    /** Spellings of top-1/top-5 accuracy in the field's catalogues (timm, OpenMMLab, Hugging Face cards). */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("top1accuracy", TOP1), Map.entry("top1", TOP1), Map.entry("top1acc", TOP1),
            Map.entry("acc1", TOP1), Map.entry("accuracytop1", TOP1), Map.entry("top5accuracy", TOP5),
            Map.entry("top5", TOP5), Map.entry("top5acc", TOP5), Map.entry("acc5", TOP5),
            Map.entry("accuracytop5", TOP5));

    /** Zoo's name for a metric written another way ("Top-1 Accuracy", "top1", "Acc@1"); other names as written. */
    public static String canonicalName(String name) {
        String key = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return ALIASES.getOrDefault(key, name);
    }

    /** True for the two accuracies Zoo measures. */
    public boolean isTopK() {
        String c = canonicalName(name);
        return c.equals(TOP1) || c.equals(TOP5);
    }
}
