package dev.zoo.evaluator.image;

/**
 * Pillow's {@code Image.resize} for 8-bit RGB, reproduced operation for operation (Resample.c): the filter support is
 * widened by the scale when downscaling (antialiasing), coefficients are normalised and turned into 22-bit fixed point,
 * the horizontal pass runs first into an 8-bit intermediate, then the vertical pass. Only the output window that is
 * asked for is computed: a centre crop costs only its own pixels, with the same values as resizing everything.
 */
public final class PilResize {

    private static final int PRECISION_BITS = ResamplePasses.PRECISION_BITS;

    private PilResize() {
    }

    /**
     * Coefficients of one axis: for each output position, the first input index, the count and the weights
     * ({@code ksize} a position); whether no sum of bytes can leave 0..255, so needs no clamp: no weight is negative
     * (a triangle or box filter's never are) and the rounding of the normalised weights, each by at most a half,
     * cannot carry the largest sum to 256 ({@code 255 * ksize / 2} below half of the fixed-point one).
     */
    record Coefficients(int[] start, int[] count, int[] weights, int ksize, boolean clampFree) {
    }

    static Coefficients coefficients(int inSize, int outSize, Interpolation filter) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filter.support * filterScale;
        int ksize = (int) Math.ceil(support) * 2 + 1;
        int[] start = new int[outSize];
        int[] count = new int[outSize];
        int[] weights = new int[outSize * ksize];
        double[] k = new double[ksize];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            double ss = 1.0 / filterScale;
            int xmin = (int) (center - support + 0.5);
            if (xmin < 0) {
                xmin = 0;
            }
            int xmax = (int) (center + support + 0.5);
            if (xmax > inSize) {
                xmax = inSize;
            }
            xmax -= xmin;
            double ww = 0.0;
            for (int x = 0; x < xmax; x++) {
                double w = filter.weight((x + xmin - center + 0.5) * ss);
                k[x] = w;
                ww += w;
            }
            for (int x = 0; x < xmax; x++) {
                double v = ww != 0.0 ? k[x] / ww : k[x];
                weights[xx * ksize + x] = v < 0 ? (int) (-0.5 + v * (1 << PRECISION_BITS))
                        : (int) (0.5 + v * (1 << PRECISION_BITS));
            }
            start[xx] = xmin;
            count[xx] = xmax;
        }
        boolean clampFree = 255L * ksize / 2 < 1 << (PRECISION_BITS - 1);
        for (int w : weights) {
            clampFree &= w >= 0;
        }
        return new Coefficients(start, count, weights, ksize, clampFree);
    }

    /** The whole image resized. */
    public static RgbImage resize(RgbImage in, int outW, int outH, Interpolation filter) {
        return resizeWindow(in, outW, outH, filter, 0, 0, outW, outH);
    }

    /**
     * The window {@code [left, left + w) x [top, top + h)} of the image resized to {@code outW x outH}; pixels of the
     * window outside the resized image are 0 (torchvision pads a too-small image with zeros before cropping).
     */
    public static RgbImage resizeWindow(RgbImage in, int outW, int outH, Interpolation filter, int left, int top,
                                        int w, int h) {
        if (filter == Interpolation.NEAREST) {
            return nearestWindow(in, outW, outH, left, top, w, h);
        }
        byte[] out = new byte[w * h * 3];
        resizeRows(in, outW, outH, filter, left, top, w, h, (y, x, row, from, length) ->
                System.arraycopy(row, from, out, (y * w + x) * 3, length));
        return new RgbImage(w, h, out);
    }

    /**
     * Whether the window is made row by row straight into its destination: a resampling filter, and a window inside
     * the resized image (one that reaches past it, padded by torchvision, is made as an image first).
     */
    private static boolean rowsFit(Interpolation filter, int outW, int outH, int left, int top, int w, int h) {
        return filter != Interpolation.NEAREST && left >= 0 && top >= 0 && left + w <= outW && top + h <= outH;
    }

    /** The window as interleaved RGB bytes, for the windows {@link #rowsFit} turns away. */
    private static byte[] windowRgb(RgbImage in, int outW, int outH, Interpolation filter, int left, int top, int w,
                                    int h) {
        return (filter == Interpolation.NEAREST ? nearestWindow(in, outW, outH, left, top, w, h)
                : resizeWindow(in, outW, outH, filter, left, top, w, h)).rgb();
    }

    /**
     * The window resized straight into 8-bit CHW planes at {@code offset} of {@code dst} (R, then G, then B, each
     * {@code w * h} bytes): the layout the device normalises, so the interleaved image never exists. Pixels outside
     * the resized image are 0 (torchvision's padding), written explicitly so that a reused buffer holds no old pixels.
     */
    public static void resizeWindowPlanar(RgbImage in, int outW, int outH, Interpolation filter, int left, int top,
                                          int w, int h, byte[] dst, int offset) {
        int plane = w * h;
        if (!rowsFit(filter, outW, outH, left, top, w, h)) {
            byte[] rgb = windowRgb(in, outW, outH, filter, left, top, w, h);
            for (int c = 0; c < 3; c++) {
                int o = offset + c * plane;
                for (int i = 0, j = c; i < plane; i++, j += 3) {
                    dst[o + i] = rgb[j];
                }
            }
            return;
        }
        resizeRows(in, outW, outH, filter, left, top, w, h, (y, x, row, from, length) -> {
            int o = offset + y * w + x;
            for (int i = 0, j = from; i < length / 3; i++, j += 3) {
                dst[o + i] = row[j];
                dst[o + plane + i] = row[j + 1];
                dst[o + 2 * plane + i] = row[j + 2];
            }
        });
    }

    /**
     * The window resized straight into a normalised CHW float tensor at {@code offset}: each output byte is looked up
     * in {@code table[channel]} as it is produced, so the 8-bit image never exists. Pixels outside the resized image
     * get {@code table[channel][0]}: the zeros torchvision pads with, normalised.
     */
    public static void resizeWindowInto(RgbImage in, int outW, int outH, Interpolation filter, int left, int top,
                                        int w, int h, float[][] table, float[] dst, int offset) {
        int plane = w * h;
        if (!rowsFit(filter, outW, outH, left, top, w, h)) {
            byte[] rgb = windowRgb(in, outW, outH, filter, left, top, w, h);
            for (int c = 0; c < 3; c++) {
                float[] t = table[c];
                int o = offset + c * plane;
                for (int i = 0, j = c; i < plane; i++, j += 3) {
                    dst[o + i] = t[rgb[j] & 0xFF];
                }
            }
            return;
        }
        float[] t0 = table[0];
        float[] t1 = table[1];
        float[] t2 = table[2];
        resizeRows(in, outW, outH, filter, left, top, w, h, (y, x, row, from, length) -> {
            int o = offset + y * w + x;
            for (int i = 0, j = from; i < length / 3; i++, j += 3) {
                dst[o + i] = t0[row[j] & 0xFF];
                dst[o + plane + i] = t1[row[j + 1] & 0xFF];
                dst[o + 2 * plane + i] = t2[row[j + 2] & 0xFF];
            }
        });
    }

    /** Receives each finished output row of the window: {@code length} interleaved RGB bytes, pixels x.. of row y. */
    @FunctionalInterface
    private interface RowSink {
        void row(int y, int x, byte[] row, int from, int length);
    }

    /**
     * A thread's working memory for the passes, reused from image to image (no garbage per image for the collector);
     * the horizontal pass's rows are kept up to {@link #KEEP_BYTES}, a larger image's are its own.
     */
    private static final class Scratch {
        static final int KEEP_BYTES = 4 << 20;
        private final KeptBytes rows = new KeptBytes(KEEP_BYTES);
        private int[] sums = new int[0];
        private byte[] row = new byte[0];

        byte[] rows(int bytes) {
            return rows.take(bytes);
        }

        int[] sums(int length) {
            if (sums.length < length) {
                sums = new int[length];
            }
            return sums;
        }

        byte[] row(int length) {
            if (row.length < length) {
                row = new byte[length];
            }
            return row;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Pillow's two passes over the part of the image the window needs; rows go to {@code sink} as they are done. */
    private static void resizeRows(RgbImage in, int outW, int outH, Interpolation filter, int left, int top, int w,
                                   int h, RowSink sink) {
        boolean horizontal = outW != in.width();
        boolean vertical = outH != in.height();
        int x0 = Math.max(left, 0);
        int x1 = Math.min(left + w, outW);
        int y0 = Math.max(top, 0);
        int y1 = Math.min(top + h, outH);
        if (x0 >= x1 || y0 >= y1) {
            return;
        }
        Coefficients cv = vertical ? coefficients(in.height(), outH, filter) : null;
        // rows of the input that the wanted output rows read
        int firstRow = vertical ? cv.start()[y0] : y0;
        int lastRow = vertical ? cv.start()[y1 - 1] + cv.count()[y1 - 1] : y1;
        int tempStride = (x1 - x0) * 3;
        Scratch scratch = SCRATCH.get();
        byte[] temp = scratch.rows((lastRow - firstRow) * tempStride);
        if (horizontal) {
            ResamplePasses.horizontal(in, coefficients(in.width(), outW, filter), x0, x1, firstRow, lastRow, temp);
        } else {
            byte[] src = in.rgb();
            for (int y = firstRow; y < lastRow; y++) {
                System.arraycopy(src, (y * in.width() + x0) * 3, temp, (y - firstRow) * tempStride, tempStride);
            }
        }
        int[] acc = scratch.sums(tempStride);
        byte[] rowOut = scratch.row(tempStride);
        for (int y = y0; y < y1; y++) {
            if (!vertical) {
                sink.row(y - top, x0 - left, temp, (y - firstRow) * tempStride, tempStride);
                continue;
            }
            ResamplePasses.verticalRow(temp, tempStride, cv.start()[y] - firstRow, cv, y, acc, rowOut);
            sink.row(y - top, x0 - left, rowOut, 0, tempStride);
        }
    }

    /** Pillow's NEAREST resize (an affine transform sampling at pixel centres). */
    private static RgbImage nearestWindow(RgbImage in, int outW, int outH, int left, int top, int w, int h) {
        byte[] out = new byte[w * h * 3];
        double sx = (double) in.width() / outW;
        double sy = (double) in.height() / outH;
        for (int y = Math.max(top, 0); y < Math.min(top + h, outH); y++) {
            int yin = Math.min((int) ((y + 0.5) * sy), in.height() - 1);
            for (int x = Math.max(left, 0); x < Math.min(left + w, outW); x++) {
                int xin = Math.min((int) ((x + 0.5) * sx), in.width() - 1);
                System.arraycopy(in.rgb(), (yin * in.width() + xin) * 3, out, ((y - top) * w + (x - left)) * 3, 3);
            }
        }
        return new RgbImage(w, h, out);
    }
}
