package dev.zoo.metadata;

import java.util.List;

/**
 * Zoo's preprocessing extension ({@code Preprocessing: {Mean, Std, Resize Mode}}) for models whose family defaults do not
 * fit. Every field may be null: null means "the family's default".
 */
public record Preprocessing(List<Double> mean, List<Double> std, ResizeMode resizeMode) {

    public static final Preprocessing NONE = new Preprocessing(null, null, null);

    public Preprocessing {
        mean = mean == null ? null : List.copyOf(mean);
        std = std == null ? null : List.copyOf(std);
    }

    /** Fields set here win; the rest come from {@code parent}. */
    public Preprocessing withDefaults(Preprocessing parent) {
        if (parent == null) {
            return this;
        }
        return new Preprocessing(mean != null ? mean : parent.mean,
                std != null ? std : parent.std,
                resizeMode != null ? resizeMode : parent.resizeMode);
    }
}
