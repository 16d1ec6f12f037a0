package dev.zoo.evaluator.image;

/**
 * libjpeg's YCbCr to RGB conversion (jdcolor.c, the tables of {@code build_ycc_rgb_table}), which Pillow's
 * libjpeg-turbo applies: 16-bit fixed point, rounded, clamped.
 */
final class YCbCr {

    private static final int SCALEBITS = 16;
    private static final int ONE_HALF = 1 << (SCALEBITS - 1);
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALEBITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALEBITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
    }

    private YCbCr() {
    }

    private static int fix(double x) {
        return (int) (x * (1L << SCALEBITS) + 0.5);
    }

    static void toRgb(int y, int cb, int cr, byte[] out, int offset) {
        out[offset] = (byte) clamp(y + CR_R[cr]);
        out[offset + 1] = (byte) clamp(y + ((CB_G[cb] + CR_G[cr]) >> SCALEBITS));
        out[offset + 2] = (byte) clamp(y + CB_B[cb]);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
