package dev.zoo.metadata;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The evaluation transform a catalogue entry implies, as timm builds it from a pretrained config: {@code Image Size},
 * {@code Crop Pct} and {@code Interpolation} from the metadata, mean, std and resize mode from Zoo's
 * {@code Preprocessing} extension, and whatever is not given from {@link FamilyDefaults}. Each value says where it
 * came from, so a card can show it.
 *
 * @param meanSource where mean and std come from ("catalogue", or the family default's description)
 */
public record EvalRecipe(int imageSize, double cropPct, String interpolation, ResizeMode resizeMode, List<Double> mean,
                         List<Double> std, String meanSource) {

    /** Pillow's resampling filters, by the names catalogues and timm's configs give them: the ones Zoo runs. */
    public static final List<String> FILTERS = List.of("nearest", "box", "bilinear", "hamming", "bicubic", "lanczos");

    public EvalRecipe {
        if (imageSize <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + imageSize);
        }
        if (!(cropPct > 0 && cropPct <= 1)) {
            throw new IllegalArgumentException("crop_pct must be in (0, 1], got " + cropPct);
        }
        if (mean.size() != 3 || std.size() != 3) {
            throw new IllegalArgumentException("mean and std need 3 values (R, G, B), got " + mean + " and " + std);
        }
        if (std.stream().anyMatch(s -> !(s > 0) || !Double.isFinite(s))) {
            throw new IllegalArgumentException("std must be positive, got " + std);
        }
        mean = List.copyOf(mean);
        std = List.copyOf(std);
    }

    /** The recipe of a catalogue entry. */
    public static EvalRecipe of(Model m) {
        ModelMetadata md = m.metadata();
        Preprocessing p = m.preprocessing();
        FamilyDefaults family = FamilyDefaults.forModel(m);
        boolean own = p.mean() != null || p.std() != null;
        return new EvalRecipe(md.imageSize() != null ? md.imageSize() : FamilyDefaults.IMAGE_SIZE,
                md.cropPct() != null ? md.cropPct() : FamilyDefaults.CROP_PCT,
                md.interpolation() != null ? md.interpolation().trim().toLowerCase(Locale.ROOT)
                        : FamilyDefaults.INTERPOLATION,
                p.resizeMode() != null ? p.resizeMode() : ResizeMode.CROP,
                p.mean() != null ? p.mean() : family.mean(), p.std() != null ? p.std() : family.std(),
                own ? "catalogue" : family.source());
    }

    /**
     * The recipe's values the card does not give, which Zoo took from {@link FamilyDefaults}: "image size", "crop pct",
     * "interpolation", "resize mode", "mean and std". Cards say so ("default, not from the card").
     */
    public static List<String> defaulted(Model m) {
        ModelMetadata md = m.metadata();
        Preprocessing p = m.preprocessing();
        List<String> out = new java.util.ArrayList<>();
        if (md.imageSize() == null) {
            out.add("image size");
        }
        if (md.cropPct() == null) {
            out.add("crop pct");
        }
        if (md.interpolation() == null) {
            out.add("interpolation");
        }
        if (p.resizeMode() == null) {
            out.add("resize mode");
        }
        if (p.mean() == null && p.std() == null) {
            out.add("mean and std");
        }
        return out;
    }

    /** The size images are resized to before the crop: {@code floor(imageSize / cropPct)}. */
    public int scaleSize() {
        return (int) Math.floor(imageSize / cropPct);
    }

    /** One line, also the recipe's identity in runs and baselines: "crop 480 (resize 480, crop_pct 1, bilinear)...". */
    public String describe() {
        return String.format(Locale.ROOT, "%s %d (resize %d, crop_pct %s, %s), mean %s, std %s", resizeMode.label(),
                imageSize, scaleSize(), plain(cropPct), interpolation, floats(mean), floats(std));
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** As float32 values, the precision the tensors are normalised in. */
    private static String floats(List<Double> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(new BigDecimal(Float.toString(values.get(i).floatValue()))
                    .stripTrailingZeros().toPlainString());
        }
        return sb.append(']').toString();
    }
}
