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
    /** libjpeg's range_limit: index v + 256 gives v clamped to 0..255, without a branch. */
    private static final byte[] RANGE = new byte[1024];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALEBITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALEBITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
        for (int v = -256; v < 768; v++) {
            RANGE[v + 256] = (byte) (v < 0 ? 0 : Math.min(v, 255));
        }
    }

    private YCbCr() {
    }

    private static int fix(double x) {
        return (int) (x * (1L << SCALEBITS) + 0.5);
    }

    static void toRgb(int y, int cb, int cr, byte[] out, int offset) {
        out[offset] = RANGE[y + CR_R[cr] + 256];
        out[offset + 1] = RANGE[y + ((CB_G[cb] + CR_G[cr]) >> SCALEBITS) + 256];
        out[offset + 2] = RANGE[y + CB_B[cb] + 256];
    }
}
