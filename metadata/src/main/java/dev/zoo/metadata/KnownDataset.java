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

    IMAGENET("ImageNet", "ImageNet-1k validation", 50_000, Kind.SET, "results-imagenet.csv",
            "imagenet", "imagenet1k", "imagenet2012", "ilsvrc2012", "imagenetval", "imagenet1kval"),
    /** The ReaL relabelling of the ImageNet-1k validation images: measured beside {@link #IMAGENET}, never alone. */
    IMAGENET_REAL("ImageNet-ReaL", "ImageNet-ReaL (the ImageNet-1k validation images, relabelled)", 50_000,
            Kind.DERIVED, "results-imagenet-real.csv", "imagenetreal", "real", "imagenetreallabels"),
    IMAGENETV2_MATCHED_FREQUENCY("ImageNetV2 matched-frequency", "ImageNetV2 matched-frequency", 10_000, Kind.SET,
            "results-imagenetv2-matched-frequency.csv", "imagenetv2", "imagenetv2matchedfrequency", "imagenetv2mf"),
    IMAGENETV2_THRESHOLD_0_7("ImageNetV2 threshold-0.7", "ImageNetV2 threshold-0.7", 10_000, Kind.SET,
            "results-imagenetv2-threshold-0.7.csv", "imagenetv2threshold0.7", "imagenetv2threshold07"),
    IMAGENETV2_TOP_IMAGES("ImageNetV2 top-images", "ImageNetV2 top-images", 10_000, Kind.SET,
            "results-imagenetv2-top-images.csv", "imagenetv2topimages"),
    IMAGENET_SKETCH("ImageNet-Sketch", "ImageNet-Sketch", 50_889, Kind.SET, "results-sketch.csv",
            "imagenetsketch", "sketch"),
    /** Scored on its 200 classes: the logits of the other 800 are left out before top-k, as timm does. */
    IMAGENET_A("ImageNet-A", "ImageNet-A (200 classes)", 7_500, Kind.SET, "results-imagenet-a.csv", "imageneta"),
    /** The ImageNet-1k validation images of ImageNet-A's 200 classes, scored with its mask: beside an ImageNet run. */
    IMAGENET_A_CLEAN("ImageNet-A clean", "ImageNet-A clean (the ImageNet-1k validation images of its 200 classes)",
            10_000, Kind.DERIVED, "results-imagenet-a-clean.csv", "imagenetaclean"),
    IMAGENET_R("ImageNet-R", "ImageNet-R (200 classes)", 30_000, Kind.SET, "results-imagenet-r.csv", "imagenetr"),
    IMAGENET_R_CLEAN("ImageNet-R clean", "ImageNet-R clean (the ImageNet-1k validation images of its 200 classes)",
            10_000, Kind.DERIVED, "results-imagenet-r-clean.csv", "imagenetrclean"),
    FOLDER("Folder", "a folder of images", 0, Kind.FOLDER, null);

    /**
     * What a dataset is: a set of images of its own; one derived from the ImageNet-1k validation images and measured
     * beside an ImageNet run, never alone (ReaL, the clean counterparts); or a folder Zoo could not identify.
     */
    public enum Kind { SET, DERIVED, FOLDER }

    /** The sets of timm's robustness table, in its order: what each model's card and the robustness page show. */
    public static final List<KnownDataset> ROBUSTNESS = List.of(IMAGENET, IMAGENET_REAL, IMAGENETV2_MATCHED_FREQUENCY,
            IMAGENETV2_THRESHOLD_0_7, IMAGENETV2_TOP_IMAGES, IMAGENET_SKETCH, IMAGENET_A_CLEAN, IMAGENET_A,
            IMAGENET_R_CLEAN, IMAGENET_R);

    private final String label;
    private final String description;
    private final int images;
    private final Kind kind;
    private final String timmFile;
    private final List<String> aliases;

    KnownDataset(String label, String description, int images, Kind kind, String timmFile, String... aliases) {
        this.label = label;
        this.description = description;
        this.images = images;
        this.kind = kind;
        this.timmFile = timmFile;
        this.aliases = List.of(aliases);
    }

    /**
     * What a difference on this set is taken from, as timm's results do: the clean 200-class counterpart for A and R,
     * clean ImageNet-1k for the others; null for the references themselves (ImageNet, the clean counterparts) and
     * folders.
     */
    public KnownDataset reference() {
        return switch (this) {
            case IMAGENET_A -> IMAGENET_A_CLEAN;
            case IMAGENET_R -> IMAGENET_R_CLEAN;
            case IMAGENET, IMAGENET_A_CLEAN, IMAGENET_R_CLEAN, FOLDER -> null;
            default -> IMAGENET;
        };
    }

    public Kind kind() {
        return kind;
    }

    /** Measured beside an ImageNet-1k validation run from its images, never evaluated alone. */
    public boolean derived() {
        return kind == Kind.DERIVED;
    }

    /** The name of timm's results file for this set ({@code results-imagenet-a.csv}); null for a folder. */
    public String timmFile() {
        return timmFile;
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
        return kind != Kind.FOLDER;
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
                .filter(d -> d.identified() && (normalize(d.label).equals(key) || d.aliases.contains(key)))
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

    /** A set of {@link #ROBUSTNESS} by its command-line name (or any name {@link #named} accepts). */
    public static Optional<KnownDataset> robustnessSet(String name) {
        return fromCli(name).filter(ROBUSTNESS::contains);
    }

    /** The command-line names of the {@link #ROBUSTNESS} sets, in its order. */
    public static List<String> robustnessNames() {
        return ROBUSTNESS.stream().map(KnownDataset::cliName).toList();
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
