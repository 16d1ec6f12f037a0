package dev.zoo.evaluator.image;

/**
 * CMYK to RGB exactly as Pillow converts it ({@code Convert.c}, cmyk2rgb): {@code nk = 255 - k},
 * {@code channel = nk - c * nk / 255} with Pillow's rounding of the product. JPEG CMYK written by Adobe software (and by
 * Pillow) is stored inverted; the raw raster ImageIO returns holds those inverted values.
 */
final class Cmyk {

    private Cmyk() {
    }

    /** Converts stored (inverted, Adobe-style) CMYK samples into RGB at {@code out[offset..offset+2]}. */
    static void toRgb(int storedC, int storedM, int storedY, int storedK, byte[] out, int offset) {
        int c = 255 - storedC;
        int m = 255 - storedM;
        int y = 255 - storedY;
        int nk = storedK;   // 255 - k, with k = 255 - storedK
        out[offset] = (byte) clip(nk - mulDiv255(c, nk));
        out[offset + 1] = (byte) clip(nk - mulDiv255(m, nk));
        out[offset + 2] = (byte) clip(nk - mulDiv255(y, nk));
    }

    /** Pillow's MULDIV255: a * b / 255 rounded, without a division. */
    static int mulDiv255(int a, int b) {
        int tmp = a * b + 128;
        return ((tmp >> 8) + tmp) >> 8;
    }

    private static int clip(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
