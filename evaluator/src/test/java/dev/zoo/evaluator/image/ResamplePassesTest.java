package dev.zoo.evaluator.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The resampler's passes, written out per tap count and with the clamp left out where sums cannot leave 0..255, give
 * the bytes of Pillow's loops as written (horizontal then vertical, each sum rounded and clamped), for every filter,
 * upscaling and downscaling, windows at the edges and images narrower than a kernel. Noise images put extreme values
 * under every tap.
 */
class ResamplePassesTest {

    private static final int PRECISION_BITS = ResamplePasses.PRECISION_BITS;

    @ParameterizedTest
    @EnumSource(value = Interpolation.class, names = "NEAREST", mode = EnumSource.Mode.EXCLUDE)
    void equalsPillowsLoops(Interpolation filter) {
        Random random = new Random(filter.ordinal());
        int[][] sizes = {{500, 375, 640, 480}, {375, 500, 256, 341}, {333, 500, 224, 336}, {1024, 768, 480, 480},
            {40, 30, 480, 480}, {2, 3, 7, 5}, {5, 4, 1, 2}, {9, 7, 3, 3}, {640, 20, 17, 480}, {123, 77, 1000, 9}};
        for (int[] s : sizes) {
            RgbImage in = noise(random, s[0], s[1]);
            int outW = s[2];
            int outH = s[3];
            // the whole image, then a centre window, then one that hangs over the right and bottom edges
            int[][] windows = {{0, 0, outW, outH}, {outW / 4, outH / 4, Math.max(1, outW / 2), Math.max(1, outH / 2)},
                {outW / 2, outH / 3, outW - outW / 2, outH - outH / 3}};
            for (int[] w : windows) {
                byte[] actual = PilResize.resizeWindow(in, outW, outH, filter, w[0], w[1], w[2], w[3]).rgb();
                byte[] expected = window(pillow(in, outW, outH, filter), outW, w);
                assertThat(actual).as("%s %dx%d to %dx%d, window %d,%d %dx%d", filter, s[0], s[1], outW, outH,
                        w[0], w[1], w[2], w[3]).isEqualTo(expected);
            }
        }
    }

    private static RgbImage noise(Random random, int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        random.nextBytes(rgb);
        for (int i = 0; i < rgb.length; i += 97) {
            rgb[i] = (byte) (i % 2 == 0 ? 0 : 255);   // runs of extremes: sums at the ends of the range
        }
        return new RgbImage(w, h, rgb);
    }

    /** Pillow's ImagingResample for RGB: horizontal pass to 8 bits, then vertical, every output computed. */
    private static byte[] pillow(RgbImage in, int outW, int outH, Interpolation filter) {
        RgbImage mid = in;
        if (outW != in.width()) {
            mid = pass(in, in.width(), in.height(), outW, filter, true);
        }
        if (outH != in.height()) {
            mid = pass(mid, mid.width(), mid.height(), outH, filter, false);
        }
        return mid.rgb();
    }

    private static RgbImage pass(RgbImage in, int w, int h, int outSize, Interpolation filter, boolean horizontal) {
        PilResize.Coefficients c = PilResize.coefficients(horizontal ? w : h, outSize, filter);
        int ow = horizontal ? outSize : w;
        int oh = horizontal ? h : outSize;
        byte[] out = new byte[ow * oh * 3];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int o = horizontal ? x : y;
                for (int ch = 0; ch < 3; ch++) {
                    int sum = 1 << (PRECISION_BITS - 1);
                    for (int t = 0; t < c.count()[o]; t++) {
                        int at = c.start()[o] + t;
                        sum += in.get(horizontal ? at : x, horizontal ? y : at, ch) * c.weights()[o * c.ksize() + t];
                    }
                    int v = sum >> PRECISION_BITS;
                    out[(y * ow + x) * 3 + ch] = (byte) (v < 0 ? 0 : Math.min(v, 255));
                }
            }
        }
        return new RgbImage(ow, oh, out);
    }

    /** The window of a full resized image; pixels past its edges are 0, as torchvision pads. */
    private static byte[] window(byte[] full, int outW, int[] w) {
        byte[] out = new byte[w[2] * w[3] * 3];
        int outH = full.length / 3 / outW;
        for (int y = 0; y < w[3]; y++) {
            for (int x = 0; x < w[2]; x++) {
                int sx = w[0] + x;
                int sy = w[1] + y;
                if (sx < outW && sy < outH) {
                    System.arraycopy(full, (sy * outW + sx) * 3, out, (y * w[2] + x) * 3, 3);
                }
            }
        }
        return out;
    }
}
