package dev.zoo.results;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a run's numbers come from, which decides what they may stand for. Only Zoo's own measurements and uploads
 * that carry what reproducing them takes (the weights' digest, the data's fingerprint and the recipe) stand as
 * measured values; any other upload is kept and shown as reported, never beside a claim, in an export or a baseline.
 */
public enum Origin {
    MEASURED("measured", "measured by Zoo"),
    UPLOADED("uploaded", "uploaded, with the weights digest, data fingerprint and recipe to reproduce it"),
    REPORTED("reported", "reported, not reproduced");

    private final String label;
    private final String description;

    Origin(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** As stored and in the API: measured, uploaded, reported. */
    public String label() {
        return label;
    }

    /** For people. */
    public String description() {
        return description;
    }

    /** Whether a number of this origin may stand as "the" measured value. */
    public boolean vouched() {
        return this != REPORTED;
    }

    /** A stored label; null (a run stored by code that predates origins) is Zoo's own measurement. */
    public static Origin of(String label) {
        return label == null ? MEASURED : parse(label).orElseThrow(() -> new IllegalArgumentException(
                "unknown origin '" + label + "'"));
    }

    public static Optional<Origin> parse(String label) {
        return Arrays.stream(values()).filter(o -> o.label.equalsIgnoreCase(label.strip())).findFirst();
    }

    /** An upload's origin: uploaded when it says what reproducing it takes, else reported. */
    public static Origin ofUpload(String weightsSha256, String dataFingerprint, String recipe) {
        return weightsSha256 != null && dataFingerprint != null && recipe != null && !recipe.isBlank() ? UPLOADED
                : REPORTED;
    }

    /** What an upload lacks to be more than reported (empty when nothing). */
    public static String missing(String weightsSha256, String dataFingerprint, String recipe) {
        return String.join(", ", java.util.stream.Stream.of(weightsSha256 == null ? "weights digest" : null,
                dataFingerprint == null ? "data fingerprint" : null,
                recipe == null || recipe.isBlank() ? "recipe" : null).filter(s -> s != null).toList());
    }
}
