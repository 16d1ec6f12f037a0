package dev.zoo.metadata;

import dev.zoo.metadata.arch.ArchitectureTable;
import dev.zoo.metadata.arch.WeightsFacts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The evaluation transform a catalogue entry implies, as timm builds it from a pretrained config: {@code Image Size},
 * {@code Crop Pct} and {@code Interpolation} from the metadata, mean, std and resize mode from Zoo's
 * {@code Preprocessing} extension; what the card leaves out from timm's config for its weights file (Zoo's table of
 * timm's models), and what neither gives from {@link FamilyDefaults}. Each value says where it came from
 * ({@link #sources}), so a card can show it.
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

    /** Where a value of the recipe comes from. */
    public enum Source {
        CARD(""), TIMM("timm's config for these weights"), DEFAULT("default, not from the card");

        private final String note;

        Source(String note) {
            this.note = note;
        }

        /** How a card says it ("" for the card's own value). */
        public String note() {
            return note;
        }
    }

    /**
     * Where each value of a model's recipe comes from: the card, timm's config for the card's weights file (Zoo's
     * table of timm's models), or the default.
     */
    public record Sources(Source imageSize, Source cropPct, Source interpolation, Source resizeMode, Source meanStd) {

        /** The values a card does not give and timm's config does not either ("image size", "mean and std"). */
        public List<String> defaulted() {
            List<String> out = new ArrayList<>();
            String[] names = {"image size", "crop pct", "interpolation", "resize mode", "mean and std"};
            Source[] all = {imageSize, cropPct, interpolation, resizeMode, meanStd};
            for (int i = 0; i < all.length; i++) {
                if (all[i] == Source.DEFAULT) {
                    out.add(names[i]);
                }
            }
            return out;
        }
    }

    /**
     * The recipe of a catalogue entry: the card's values; where it is silent, timm's config for the card's weights
     * file; then the family's defaults.
     */
    public static EvalRecipe of(Model m) {
        ModelMetadata md = m.metadata();
        Preprocessing p = m.preprocessing();
        ModelArchitecture arch = ModelArchitecture.of(m);
        WeightsFacts timm = arch.facts();
        FamilyDefaults family = FamilyDefaults.forModel(m);
        boolean own = p.mean() != null || p.std() != null;
        boolean timmMean = !own && timm != null && timm.mean() != null && timm.std() != null;
        int size = md.imageSize() != null ? md.imageSize() : timm != null && timm.imageSize() != null
                ? timm.imageSize() : FamilyDefaults.IMAGE_SIZE;
        double crop = md.cropPct() != null ? md.cropPct() : timm != null && timm.cropPct() != null ? timm.cropPct()
                : FamilyDefaults.CROP_PCT;
        String interpolation = md.interpolation() != null ? md.interpolation() : timm != null
                && timm.interpolation() != null ? timm.interpolation() : FamilyDefaults.INTERPOLATION;
        return new EvalRecipe(size, crop, interpolation.trim().toLowerCase(Locale.ROOT),
                p.resizeMode() != null ? p.resizeMode() : ResizeMode.CROP,
                own ? or(p.mean(), family.mean()) : timmMean ? timm.mean() : family.mean(),
                own ? or(p.std(), family.std()) : timmMean ? timm.std() : family.std(),
                own ? "catalogue" : timmMean ? "timm's config for these weights ("
                        + ArchitectureTable.get().version(arch.timm().source()) + ")"
                        : family.source());
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    /** Where each value of {@link #of}'s recipe comes from. */
    public static Sources sources(Model m) {
        ModelMetadata md = m.metadata();
        Preprocessing p = m.preprocessing();
        WeightsFacts timm = ModelArchitecture.of(m).facts();
        boolean t = timm != null;
        return new Sources(source(md.imageSize() != null, t && timm.imageSize() != null),
                source(md.cropPct() != null, t && timm.cropPct() != null),
                source(md.interpolation() != null, t && timm.interpolation() != null),
                source(p.resizeMode() != null, false),
                source(p.mean() != null || p.std() != null, t && timm.mean() != null && timm.std() != null));
    }

    private static Source source(boolean card, boolean timm) {
        return card ? Source.CARD : timm ? Source.TIMM : Source.DEFAULT;
    }

    /**
     * This recipe at another input size and crop, as timm's {@code validate.py} takes {@code --img-size} and
     * {@code --crop-pct} (each null: unchanged).
     */
    public EvalRecipe at(Integer size, Double crop) {
        return new EvalRecipe(size != null ? size : imageSize, crop != null ? crop : cropPct, interpolation,
                resizeMode, mean, std, meanSource);
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
