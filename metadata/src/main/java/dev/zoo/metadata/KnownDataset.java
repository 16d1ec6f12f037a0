package dev.zoo.metadata;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The evaluation datasets Zoo can identify, with what is known about each: the name measurements are stored under
 * (the name claims use), a description for people, how many images the whole set has, and the other names a
 * model-index may give it. A folder Zoo cannot identify is {@link #FOLDER}: its numbers describe that folder only and
 * are never compared with a claim.
 */
public enum KnownDataset {

    IMAGENET("ImageNet", "ImageNet-1k validation", 50_000, true,
            "imagenet", "imagenet1k", "imagenet2012", "ilsvrc2012", "imagenetval", "imagenet1kval"),
    /** The ReaL relabelling of the ImageNet-1k validation images: measured beside {@link #IMAGENET}, never alone. */
    IMAGENET_REAL("ImageNet-ReaL", "ImageNet-ReaL (the ImageNet-1k validation images, relabelled)", 50_000, true,
            "imagenetreal", "real", "imagenetreallabels"),
    IMAGENETV2_MATCHED_FREQUENCY("ImageNetV2 matched-frequency", "ImageNetV2 matched-frequency", 10_000, true,
            "imagenetv2", "imagenetv2matchedfrequency", "imagenetv2mf"),
    IMAGENETV2_THRESHOLD_0_7("ImageNetV2 threshold-0.7", "ImageNetV2 threshold-0.7", 10_000, true,
            "imagenetv2threshold0.7", "imagenetv2threshold07"),
    IMAGENETV2_TOP_IMAGES("ImageNetV2 top-images", "ImageNetV2 top-images", 10_000, true,
            "imagenetv2topimages"),
    FOLDER("Folder", "a folder of images", 0, false);

    private final String label;
    private final String description;
    private final int images;
    private final boolean identified;
    private final List<String> aliases;

    KnownDataset(String label, String description, int images, boolean identified, String... aliases) {
        this.label = label;
        this.description = description;
        this.images = images;
        this.identified = identified;
        this.aliases = List.of(aliases);
    }

    /** The name measurements are stored under and claims are matched with, e.g. "ImageNet". */
    public String label() {
        return label;
    }

    /** For people, e.g. "ImageNet-1k validation". */
    public String description() {
        return description;
    }

    /** Images in the whole set (0 for {@link #FOLDER}: whatever the folder holds). */
    public int images() {
        return images;
    }

    /** False only for {@link #FOLDER}: data Zoo could not identify, never comparable with a claim. */
    public boolean identified() {
        return identified;
    }

    /** The command-line name ({@code --dataset imagenetv2-matched-frequency}). */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-').replace("0-7", "0.7");
    }

    /** The dataset a measurement or a claim names: by label or alias, ignoring case and punctuation. */
    public static Optional<KnownDataset> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = normalize(name);
        return Arrays.stream(values())
                .filter(d -> d.identified && (normalize(d.label).equals(key) || d.aliases.contains(key)))
                .findFirst();
    }

    /** By {@link #cliName()} (or any name {@link #named} accepts, or "folder"). */
    public static Optional<KnownDataset> fromCli(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.cliName().equals(n)).findFirst()
                .or(() -> n.equals("folder") ? Optional.of(FOLDER) : named(name));
    }

    /** The canonical label of a claim's or measurement's dataset name, or the name itself when Zoo does not know it. */
    public static String canonical(String name) {
        return named(name).map(KnownDataset::label).orElse(name);
    }

    /**
     * True when two dataset names are one, as claims and measurements are matched: by identity, else ignoring case and
     * punctuation ("CIFAR-10" is "cifar10").
     */
    public static boolean sameName(String a, String b) {
        return a != null && b != null && normalize(canonical(a)).equals(normalize(canonical(b)));
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "");
    }
}
