package dev.zoo.metadata;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The preprocessing a model family was trained with, where a catalogue entry does not say: one table, looked up by the
 * family its {@code Network} declares (or its architecture implies), never guessed from an ID. timm keeps the same
 * facts in each model's pretrained config.
 *
 * @param mean per-channel mean of {@code Normalize}, after scaling to [0, 1]
 * @param std  per-channel standard deviation
 */
public record FamilyDefaults(String family, List<Double> mean, List<Double> std, String source) {

    /** timm's {@code IMAGENET_DEFAULT_MEAN}/{@code _STD}: what a model without a declared family is assumed to use. */
    public static final FamilyDefaults IMAGENET = new FamilyDefaults("(default)", List.of(0.485, 0.456, 0.406),
            List.of(0.229, 0.224, 0.225), "ImageNet's mean and std (timm's default)");

    private static final Map<String, FamilyDefaults> TABLE = Map.of(
            NetworkSpec.RESNETV2, new FamilyDefaults(NetworkSpec.RESNETV2, List.of(0.5, 0.5, 0.5),
                    List.of(0.5, 0.5, 0.5), "BiT's inputs in [-1, 1] (the resnetv2 family's default)"));

    /** timm's default input size, crop fraction and filter when a catalogue gives none. */
    public static final int IMAGE_SIZE = 224;
    public static final double CROP_PCT = 0.875;
    public static final String INTERPOLATION = "bilinear";

    public static Optional<FamilyDefaults> of(String family) {
        return family == null ? Optional.empty() : Optional.ofNullable(TABLE.get(family.toLowerCase(Locale.ROOT)));
    }

    /** The defaults of a model: its family's, else ImageNet's. */
    public static FamilyDefaults forModel(Model m) {
        return m.networkSpec().flatMap(n -> of(n.family())).orElse(IMAGENET);
    }
}
