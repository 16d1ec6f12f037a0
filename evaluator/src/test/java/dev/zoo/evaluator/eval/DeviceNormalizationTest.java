package dev.zoo.evaluator.eval;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.zoo.networks.Fixtures;
import dev.zoo.evaluator.image.ImageDecoder;
import dev.zoo.evaluator.image.Interpolation;
import dev.zoo.evaluator.image.Recipe;
import dev.zoo.evaluator.image.RgbImage;
import dev.zoo.metadata.ResizeMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bytes sent to the device and normalised there give the float tensor host-side normalisation gives, bit for bit.
 * Normalisation is a function of a pixel's value and channel alone, so a batch holding every one of the 768
 * (channel, value) pairs proves it for every image; the fixtures and larger random batches (vectorised loops and their
 * tails) check the whole path.
 */
class DeviceNormalizationTest {

    private static final float[][] MEANS = {Recipe.IMAGENET_MEAN, Recipe.HALF, {0.1234567f, 0.7654321f, 0.3333333f}};
    private static final float[][] STDS = {Recipe.IMAGENET_STD, Recipe.HALF, {0.0123457f, 0.987654f, 0.3f}};

    /** The normalised batch as the device computes it from planes, as raw float bits. */
    private static int[] onDevice(Recipe recipe, List<RgbImage> images) {
        ByteBuffer planes = ByteBuffer.allocateDirect(images.size() * recipe.planeBytes());
        byte[] one = new byte[recipe.planeBytes()];
        for (int i = 0; i < images.size(); i++) {
            recipe.toPlanes(images.get(i), one, 0);
            planes.put(i * one.length, one, 0, one.length);
        }
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); NDScope scope = new NDScope();
             DeviceNormalizer normalizer = new DeviceNormalizer(m, recipe)) {
            return bits(normalizer.normalize(m, planes, 0, images.size()).toFloatArray());
        }
    }

    /** Host-side ToTensor + Normalize, the path Zoo used before, as raw float bits. */
    private static int[] onHost(Recipe recipe, List<RgbImage> images) {
        float[] out = new float[images.size() * recipe.planeBytes()];
        for (int i = 0; i < images.size(); i++) {
            recipe.toTensor(images.get(i), out, i * recipe.planeBytes());
        }
        return bits(out);
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }

    @Test
    void everyChannelValueNormalisesToTheSameBits() {
        // 16 x 16 = 256 pixels: each channel runs through all 256 values, in a different order per channel
        byte[] rgb = new byte[16 * 16 * 3];
        for (int p = 0; p < 256; p++) {
            rgb[p * 3] = (byte) p;
            rgb[p * 3 + 1] = (byte) (255 - p);
            rgb[p * 3 + 2] = (byte) (p * 7 + 3);
        }
        List<RgbImage> images = List.of(new RgbImage(16, 16, rgb), new RgbImage(16, 16, rgb));
        for (int k = 0; k < MEANS.length; k++) {
            // size 16 at crop 1.0: the resize is the identity, so the planes are exactly the pixels
            Recipe recipe = new Recipe(16, 1.0, Interpolation.BILINEAR, ResizeMode.CROP, MEANS[k], STDS[k]);
            assertThat(onDevice(recipe, images)).as("mean/std set %d", k).isEqualTo(onHost(recipe, images));
        }
    }

    @Test
    void theFixturesAndRandomBatchesGiveTheSameBitsThroughTheWholePath() throws Exception {
        List<RgbImage> fixtures = new ArrayList<>();
        for (String f : List.of("landscape.jpg", "portrait.jpg", "gray.jpg", "cmyk.jpg", "palette.png", "alpha.png",
                "small.jpg", "odd-large.jpg", "exif-rotated.jpg")) {
            fixtures.add(ImageDecoder.decode(Fixtures.path("preprocess/" + f)));
        }
        Random random = new Random(12);
        for (int i = 0; i < 3; i++) {
            byte[] noise = new byte[333 * 257 * 3];
            random.nextBytes(noise);
            fixtures.add(new RgbImage(333, 257, noise));
        }
        for (Recipe recipe : List.of(
                new Recipe(224, 0.875, Interpolation.BICUBIC, ResizeMode.CROP, Recipe.IMAGENET_MEAN,
                        Recipe.IMAGENET_STD),
                new Recipe(480, 1.0, Interpolation.BILINEAR, ResizeMode.SQUASH, Recipe.HALF, Recipe.HALF),
                new Recipe(64, 0.5, Interpolation.NEAREST, ResizeMode.CROP, MEANS[2], STDS[2]))) {
            assertThat(onDevice(recipe, fixtures)).as(recipe.describe()).isEqualTo(onHost(recipe, fixtures));
        }
    }
}
