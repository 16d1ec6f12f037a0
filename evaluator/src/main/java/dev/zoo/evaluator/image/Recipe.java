package dev.zoo.evaluator.image;

import dev.zoo.metadata.EvalRecipe;
import dev.zoo.metadata.Model;
import dev.zoo.metadata.ResizeMode;
import java.util.List;

/**
 * Executes an {@link EvalRecipe} (the data: size, crop, filter, resize mode, mean and std, checked there) as timm's
 * evaluation transform: the image is resized (shorter side to {@code floor(imageSize / cropPct)} with {@code CROP},
 * or to a square of that size with {@code SQUASH}) with Pillow's filter, centre-cropped to {@code imageSize} as
 * torchvision does, scaled to [0, 1] and normalised per channel in float32.
 */
public final class Recipe {

    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};
    public static final float[] HALF = {0.5f, 0.5f, 0.5f};

    private final EvalRecipe spec;
    private final Interpolation interpolation;
    private final float[] mean;
    private final float[] std;

    private Recipe(EvalRecipe spec, Interpolation interpolation) {
        this.spec = spec;
        this.interpolation = interpolation;
        this.mean = floats(spec.mean());
        this.std = floats(spec.std());
    }

    /** A recipe from its values (tests and benchmarks); checked as any {@link EvalRecipe} is. */
    public Recipe(int imageSize, double cropPct, Interpolation interpolation, ResizeMode resizeMode, float[] mean,
                  float[] std) {
        this(new EvalRecipe(imageSize, cropPct, interpolation.label(), resizeMode, doubles(mean), doubles(std), null),
                interpolation);
    }

    /**
     * What executes a recipe. An interpolation Pillow does not have is refused, never replaced.
     *
     * @throws IllegalArgumentException naming the filter and the ones there are
     */
    public static Recipe of(EvalRecipe spec) {
        Interpolation interp = Interpolation.parse(spec.interpolation()).orElseThrow(() ->
                new IllegalArgumentException("Interpolation '" + spec.interpolation() + "' is not one of Pillow's "
                        + "filters (" + String.join(", ", EvalRecipe.FILTERS) + ")"));
        return new Recipe(spec, interp);
    }

    /** The recipe a catalogue entry implies ({@link EvalRecipe#of}: its values, else the family's defaults). */
    public static Recipe forModel(Model m) {
        return of(EvalRecipe.of(m));
    }

    public EvalRecipe spec() {
        return spec;
    }

    public int imageSize() {
        return spec.imageSize();
    }

    public double cropPct() {
        return spec.cropPct();
    }

    public ResizeMode resizeMode() {
        return spec.resizeMode();
    }

    public Interpolation interpolation() {
        return interpolation;
    }

    /** Per-channel mean, in float32 as the tensors are normalised. */
    public float[] mean() {
        return mean.clone();
    }

    public float[] std() {
        return std.clone();
    }

    /** The size images are resized to before the crop ({@link EvalRecipe#scaleSize}). */
    public int scaleSize() {
        return spec.scaleSize();
    }

    /** Width and height after the resize, by torchvision's rule (the longer side truncated). */
    public int[] resizedSize(int width, int height) {
        int s = scaleSize();
        if (resizeMode() == ResizeMode.SQUASH) {
            return new int[]{s, s};
        }
        if (width <= height) {
            return new int[]{s, (int) ((double) s * height / width)};
        }
        return new int[]{(int) ((double) s * width / height), s};
    }

    /** Left (or top) offset of torchvision's centre crop; negative when the image is padded with zeros. */
    static int cropOffset(int size, int crop) {
        if (crop > size) {
            return -((crop - size) / 2);
        }
        return (int) Math.rint((size - crop) / 2.0);   // Python's round(): half to even
    }

    /** Resize and centre crop, as uint8 RGB (what the golden fixtures hold). */
    public RgbImage resizeAndCrop(RgbImage in) {
        int[] r = resizedSize(in.width(), in.height());
        return PilResize.resizeWindow(in, r[0], r[1], interpolation, cropOffset(r[0], imageSize()),
                cropOffset(r[1], imageSize()), imageSize(), imageSize());
    }

    /** Bytes of one image as {@link #toPlanes} writes it: three planes of {@code imageSize x imageSize}. */
    public int planeBytes() {
        return 3 * imageSize() * imageSize();
    }

    /**
     * Resize and centre crop straight into 8-bit CHW planes at {@code offset}: what is sent to the device, which does
     * ToTensor and Normalize there ({@code DeviceNormalizer}). PIL rounds to 8 bits after resampling, so nothing is
     * lost by sending bytes instead of floats.
     */
    public void toPlanes(RgbImage decoded, byte[] out, int offset) {
        int[] r = resizedSize(decoded.width(), decoded.height());
        PilResize.resizeWindowPlanar(decoded, r[0], r[1], interpolation, cropOffset(r[0], imageSize()),
                cropOffset(r[1], imageSize()), imageSize(), imageSize(), out, offset);
    }

    /**
     * Resize, centre crop, ToTensor and Normalize on the host in one pass: the normalised CHW float32 tensor of a
     * decoded image at {@code offset}, equal value for value to {@code normalize(resizeAndCrop(img))}. What a decode
     * worker does for a CPU, and the reference the device path is proven against.
     */
    public void toTensor(RgbImage decoded, float[] out, int offset) {
        int[] r = resizedSize(decoded.width(), decoded.height());
        PilResize.resizeWindowInto(decoded, r[0], r[1], interpolation, cropOffset(r[0], imageSize()),
                cropOffset(r[1], imageSize()), imageSize(), imageSize(), normalizationTable(), out, offset);
    }

    /** Writes the normalised CHW float32 tensor of {@code img} (already resized and cropped) at {@code offset}. */
    public void normalize(RgbImage img, float[] out, int offset) {
        int plane = img.width() * img.height();
        byte[] rgb = img.rgb();
        float[][] table = normalizationTable();
        for (int c = 0; c < 3; c++) {
            float[] t = table[c];
            int o = offset + c * plane;
            for (int i = 0, j = c; i < plane; i++, j += 3) {
                out[o + i] = t[rgb[j] & 0xFF];
            }
        }
    }

    /**
     * The 256 possible values of each channel after torchvision's ToTensor then Normalize, computed in float32 exactly
     * as they do ({@code (v / 255 - mean) / std}): a lookup gives the same floats without two divisions per value.
     */
    private float[][] normalizationTable() {
        float[][] t = new float[3][256];   // 768 values: cheaper to make per image than to cache
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                t[c][v] = (v / 255f - mean[c]) / std[c];
            }
        }
        return t;
    }

    /** The recipe's identity in runs and baselines ({@link EvalRecipe#describe()}). */
    public String describe() {
        return spec.describe();
    }

    private static float[] floats(List<Double> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }

    private static List<Double> doubles(float[] v) {
        List<Double> out = new java.util.ArrayList<>(v.length);
        for (float f : v) {
            out.add((double) f);
        }
        return out;
    }

    /** Two recipes are one when they transform alike: the same identity. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Recipe r && describe().equals(r.describe()) && resizeMode() == r.resizeMode();
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
