package dev.zoo.evaluator.image;

/**
 * Pillow's two resampling passes (Resample.c, {@code ImagingResampleHorizontal_8bpc} and {@code ..Vertical_8bpc}) on
 * 8-bit RGB, each output value the same integer sum, rounded and clamped as there. The sums are written out per tap
 * count: the JIT compiles a loop over two to seven taps into more bookkeeping than arithmetic.
 */
final class ResamplePasses {

    static final int PRECISION_BITS = 32 - 8 - 2;
    private static final int HALF = 1 << (PRECISION_BITS - 1);

    private ResamplePasses() {
    }

    /**
     * The sum, to 8 bits: {@code low} is 0, or {@code Integer.MIN_VALUE} where the sums cannot leave 0..255
     * ({@link PilResize.Coefficients#clampFree}), which leaves the JIT nothing to compare against.
     */
    private static byte clip8(int sum, int low) {
        return (byte) Math.min(Math.max(sum >> PRECISION_BITS, low), 255);
    }

    private static int low(PilResize.Coefficients c) {
        return c.clampFree() ? Integer.MIN_VALUE : 0;
    }

    /**
     * Rows {@code firstRow..lastRow} of {@code in}, output columns {@code x0..x1}, into {@code temp} (interleaved RGB,
     * {@code (x1 - x0) * 3} bytes a row).
     */
    static void horizontal(RgbImage in, PilResize.Coefficients c, int x0, int x1, int firstRow, int lastRow,
                           byte[] temp) {
        int ks = c.ksize();
        if (in.width() < ks || ks != 3 && ks != 5 && ks != 7) {
            horizontalAnyTaps(in, c, x0, x1, firstRow, lastRow, temp);
            return;
        }
        // each output reads exactly ks inputs: a start moved left at the right edge, its weights padded with zeros
        // (adding 0 x a pixel changes no sum)
        int n = x1 - x0;
        int[] from = new int[n];
        int[] w = new int[n * ks];
        for (int i = 0; i < n; i++) {
            int start = c.start()[x0 + i];
            int moved = Math.min(start, in.width() - ks);
            from[i] = moved * 3;
            System.arraycopy(c.weights(), (x0 + i) * ks, w, i * ks + start - moved, c.count()[x0 + i]);
        }
        int stride = n * 3;
        int y = firstRow;
        if (ks == 3) {
            for (; y + 1 < lastRow; y += 2) {
                threeTapsTwoRows(in, from, w, n, y, temp, (y - firstRow) * stride, stride, low(c));
            }
        }
        for (; y < lastRow; y++) {
            int rowBase = y * in.width() * 3;
            int o = (y - firstRow) * stride;
            if (ks == 3) {
                threeTaps(in.rgb(), from, w, n, rowBase, temp, o, low(c));
            } else if (ks == 5) {
                fiveTaps(in.rgb(), from, w, n, rowBase, temp, o, low(c));
            } else {
                sevenTaps(in.rgb(), from, w, n, rowBase, temp, o, low(c));
            }
        }
    }

    /** Bilinear upscaling, BiT's usual case: two rows at once share each output's start and weights. */
    private static void threeTapsTwoRows(RgbImage in, int[] from, int[] w, int n, int y, byte[] temp, int o,
                                         int stride, int low) {
        byte[] src = in.rgb();
        int rowA = y * in.width() * 3;
        int rowB = rowA + in.width() * 3;
        for (int i = 0, oa = o, ob = o + stride; i < n; i++, oa += 3, ob += 3) {
            int k0 = w[i * 3];
            int k1 = w[i * 3 + 1];
            int k2 = w[i * 3 + 2];
            int p = rowA + from[i];
            int q = rowB + from[i];
            temp[oa] = clip8(HALF + (src[p] & 0xFF) * k0 + (src[p + 3] & 0xFF) * k1 + (src[p + 6] & 0xFF) * k2, low);
            temp[oa + 1] = clip8(HALF + (src[p + 1] & 0xFF) * k0 + (src[p + 4] & 0xFF) * k1
                    + (src[p + 7] & 0xFF) * k2, low);
            temp[oa + 2] = clip8(HALF + (src[p + 2] & 0xFF) * k0 + (src[p + 5] & 0xFF) * k1
                    + (src[p + 8] & 0xFF) * k2, low);
            temp[ob] = clip8(HALF + (src[q] & 0xFF) * k0 + (src[q + 3] & 0xFF) * k1 + (src[q + 6] & 0xFF) * k2, low);
            temp[ob + 1] = clip8(HALF + (src[q + 1] & 0xFF) * k0 + (src[q + 4] & 0xFF) * k1
                    + (src[q + 7] & 0xFF) * k2, low);
            temp[ob + 2] = clip8(HALF + (src[q + 2] & 0xFF) * k0 + (src[q + 5] & 0xFF) * k1
                    + (src[q + 8] & 0xFF) * k2, low);
        }
    }

    private static void threeTaps(byte[] src, int[] from, int[] w, int n, int rowBase, byte[] temp, int o, int low) {
        for (int i = 0; i < n; i++, o += 3) {
            int k0 = w[i * 3];
            int k1 = w[i * 3 + 1];
            int k2 = w[i * 3 + 2];
            int p = rowBase + from[i];
            temp[o] = clip8(HALF + (src[p] & 0xFF) * k0 + (src[p + 3] & 0xFF) * k1 + (src[p + 6] & 0xFF) * k2, low);
            temp[o + 1] = clip8(HALF + (src[p + 1] & 0xFF) * k0 + (src[p + 4] & 0xFF) * k1
                    + (src[p + 7] & 0xFF) * k2, low);
            temp[o + 2] = clip8(HALF + (src[p + 2] & 0xFF) * k0 + (src[p + 5] & 0xFF) * k1
                    + (src[p + 8] & 0xFF) * k2, low);
        }
    }

    private static void fiveTaps(byte[] src, int[] from, int[] w, int n, int rowBase, byte[] temp, int o, int low) {
        for (int i = 0; i < n; i++, o += 3) {
            int k = i * 5;
            int k0 = w[k];
            int k1 = w[k + 1];
            int k2 = w[k + 2];
            int k3 = w[k + 3];
            int k4 = w[k + 4];
            int p = rowBase + from[i];
            for (int ch = 0; ch < 3; ch++, p++) {
                temp[o + ch] = clip8(HALF + (src[p] & 0xFF) * k0 + (src[p + 3] & 0xFF) * k1 + (src[p + 6] & 0xFF) * k2
                        + (src[p + 9] & 0xFF) * k3 + (src[p + 12] & 0xFF) * k4, low);
            }
        }
    }

    private static void sevenTaps(byte[] src, int[] from, int[] w, int n, int rowBase, byte[] temp, int o, int low) {
        for (int i = 0; i < n; i++, o += 3) {
            int k = i * 7;
            int k0 = w[k];
            int k1 = w[k + 1];
            int k2 = w[k + 2];
            int k3 = w[k + 3];
            int k4 = w[k + 4];
            int k5 = w[k + 5];
            int k6 = w[k + 6];
            int p = rowBase + from[i];
            for (int ch = 0; ch < 3; ch++, p++) {
                temp[o + ch] = clip8(HALF + (src[p] & 0xFF) * k0 + (src[p + 3] & 0xFF) * k1 + (src[p + 6] & 0xFF) * k2
                        + (src[p + 9] & 0xFF) * k3 + (src[p + 12] & 0xFF) * k4 + (src[p + 15] & 0xFF) * k5
                        + (src[p + 18] & 0xFF) * k6, low);
            }
        }
    }

    /** Any number of taps: Pillow's loop as it is written. */
    private static void horizontalAnyTaps(RgbImage in, PilResize.Coefficients c, int x0, int x1, int firstRow,
                                          int lastRow, byte[] temp) {
        byte[] src = in.rgb();
        int[] k = c.weights();
        int low = low(c);
        int stride = (x1 - x0) * 3;
        for (int y = firstRow; y < lastRow; y++) {
            int rowBase = y * in.width() * 3;
            int o = (y - firstRow) * stride;
            for (int xx = x0; xx < x1; xx++) {
                int xmin = c.start()[xx];
                int xmax = c.count()[xx];
                int kBase = xx * c.ksize();
                int s0 = HALF;
                int s1 = HALF;
                int s2 = HALF;
                int p = rowBase + xmin * 3;
                for (int x = 0; x < xmax; x++) {
                    int kx = k[kBase + x];
                    s0 += (src[p] & 0xFF) * kx;
                    s1 += (src[p + 1] & 0xFF) * kx;
                    s2 += (src[p + 2] & 0xFF) * kx;
                    p += 3;
                }
                temp[o++] = clip8(s0, low);
                temp[o++] = clip8(s1, low);
                temp[o++] = clip8(s2, low);
            }
        }
    }

    /**
     * One output row of the vertical pass: {@code count} rows of {@code temp} from row {@code first}, weighted by
     * {@code c}'s weights for output row {@code y}, into {@code out}. Up to three taps (upscaling, BiT's usual case) in
     * one pass over the row; more are accumulated tap by tap in {@code acc}, a loop the JIT keeps simple.
     */
    static void verticalRow(byte[] temp, int stride, int first, PilResize.Coefficients c, int y, int[] acc,
                            byte[] out) {
        int count = c.count()[y];
        int[] k = c.weights();
        int kb = y * c.ksize();
        int low = low(c);
        int r0 = first * stride;
        if (count == 1) {
            int k0 = k[kb];
            for (int i = 0; i < stride; i++) {
                out[i] = clip8(HALF + (temp[r0 + i] & 0xFF) * k0, low);
            }
        } else if (count == 2) {
            int k0 = k[kb];
            int k1 = k[kb + 1];
            int r1 = r0 + stride;
            for (int i = 0; i < stride; i++) {
                out[i] = clip8(HALF + (temp[r0 + i] & 0xFF) * k0 + (temp[r1 + i] & 0xFF) * k1, low);
            }
        } else if (count == 3) {
            int k0 = k[kb];
            int k1 = k[kb + 1];
            int k2 = k[kb + 2];
            int r1 = r0 + stride;
            int r2 = r1 + stride;
            for (int i = 0; i < stride; i++) {
                out[i] = clip8(HALF + (temp[r0 + i] & 0xFF) * k0 + (temp[r1 + i] & 0xFF) * k1
                        + (temp[r2 + i] & 0xFF) * k2, low);
            }
        } else {
            java.util.Arrays.fill(acc, 0, stride, HALF);
            for (int j = 0; j < count; j++) {
                int kj = k[kb + j];
                int row = r0 + j * stride;
                for (int i = 0; i < stride; i++) {
                    acc[i] += (temp[row + i] & 0xFF) * kj;
                }
            }
            for (int i = 0; i < stride; i++) {
                out[i] = clip8(acc[i], low);
            }
        }
    }
}
