package dev.zoo.evaluator.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadUpdateListener;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes images to the pixels {@code PIL.Image.open(f).convert('RGB')} gives: grayscale replicated, palette looked up,
 * alpha dropped (not composited), CMYK converted with PIL's formula, ICC profiles and EXIF orientation ignored. JPEGs
 * are read as raw rasters, so ImageIO applies no colour management of its own.
 */
public final class ImageDecoder {

    /** PIL's {@code Image.MAX_IMAGE_PIXELS}: it warns above this many pixels and refuses above twice as many. */
    public static final long MAX_IMAGE_PIXELS = 1024L * 1024 * 1024 / 4 / 3;
    /** Above this many pixels an image is refused as a decompression bomb, as PIL refuses it. */
    public static final long MAX_DECODED_PIXELS = 2 * MAX_IMAGE_PIXELS;
    /**
     * Zoo reads a file whole before decoding; PIL has no size limit, but no ImageNet image is near this (the largest
     * validation JPEG is ~15 MB) and a raw image at PIL's pixel limit fits in it.
     */
    public static final long MAX_FILE_BYTES = 1L << 30;
    private static final System.Logger LOG = System.getLogger(ImageDecoder.class.getName());
    /** Pixels a decode thread keeps between images: 16 MiB, any photo up to 5.5 megapixels. */
    private static final int KEEP_PIXEL_BYTES = 16 << 20;
    private static final ThreadLocal<KeptBytes> PIXELS =
            ThreadLocal.withInitial(() -> new KeptBytes(KEEP_PIXEL_BYTES));
    private static final ColorModel RGB = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false,
            false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);

    static {
        ImageIO.setUseCache(false);   // decode in memory, never through temporary files
    }

    private ImageDecoder() {
    }

    /** What is done with a decoded image while its share of the pixel budget is held (resizing it, typically). */
    @FunctionalInterface
    public interface ImageUse {
        void accept(RgbImage image) throws ImageDecodeException;
    }

    /** Decodes {@code file} outside any budget (one image at a time: tests, tools); the image is the caller's. */
    public static RgbImage decode(Path file) throws ImageDecodeException {
        RgbImage[] out = new RgbImage[1];
        decode(file, null, null, image -> out[0] = image);
        return out[0];
    }

    /**
     * Decodes {@code file} and hands the image to {@code use}, holding the image's share of {@code budget} (taken from
     * its header, before its pixels are allocated) until {@code use} returns; a null budget bounds nothing. The image
     * is valid only until {@code use} returns: its pixels may lie in this thread's array, reused by its next image.
     */
    public static void decode(Path file, PixelBudget budget, ImageUse use) throws ImageDecodeException {
        decode(file, budget, PIXELS.get(), use);
    }

    private static void decode(Path file, PixelBudget budget, KeptBytes pixels, ImageUse use)
            throws ImageDecodeException {
        byte[] bytes;
        try {
            bytes = readBounded(file);
        } catch (NoSuchFileException e) {
            throw new ImageDecodeException(file + ": no such file", e);
        } catch (IOException e) {
            throw new ImageDecodeException(file + ": cannot be read: " + e.getMessage(), e);
        }
        JpegHeader jpeg = JpegHeader.isJpeg(bytes) ? JpegHeader.read(bytes) : null;
        try (Opened image = Opened.of(file, jpeg == null ? bytes : jpeg.withoutIccProfile(bytes), jpeg);
             PixelBudget.Lease share = budget == null ? null : budget.take(image.pixels())) {
            use.accept(image.read(pixels));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageDecodeException(file + ": not decoded, the evaluation was interrupted", e);
        }
    }

    /**
     * An image file whose header has been read and checked: its reader, ready to decode the pixels; a JPEG's own
     * reading of its markers comes along.
     */
    private record Opened(Path file, byte[] bytes, JpegHeader jpeg, ImageInputStream in, ImageReader reader,
                          String format, long pixels) implements AutoCloseable {

        static Opened of(Path file, byte[] bytes, JpegHeader jpeg) throws ImageDecodeException {
            ImageInputStream in = new BytesImageInputStream(bytes);
            ImageReader reader = null;
            String format = "image";
            try {
                Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
                if (!readers.hasNext()) {
                    throw new ImageDecodeException(file + ": " + UnreadFormat.of(bytes).map(f -> "a " + f
                            + " image, which Zoo does not read (it reads JPEG, PNG, GIF and BMP as PIL does)")
                            .orElse("not an image in a format Zoo reads (JPEG, PNG, GIF, BMP)"));
                }
                reader = readers.next();
                format = reader.getFormatName().toLowerCase(Locale.ROOT);
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                checkPixels(file, width, height);
                return new Opened(file, bytes, jpeg, in, reader, format, (long) width * height);
            } catch (IOException | RuntimeException | ImageDecodeException e) {
                close(in, reader);
                throw e instanceof ImageDecodeException known ? known : unreadable(file, format, e);
            }
        }

        RgbImage read(KeptBytes pixels) throws ImageDecodeException {
            try {
                return ImageDecoder.read(reader, format, bytes, jpeg, pixels, file);
            } catch (IOException | RuntimeException e) {
                throw unreadable(file, format, e);
            } catch (OutOfMemoryError e) {
                // the failed allocation was this image's: the heap is usable again, the other images go on
                throw new ImageDecodeException(file + ": too large to decode in this Java heap (raise it with "
                        + "ZOO_JAVA_OPTS=-Xmx...)", e);
            }
        }

        @Override
        public void close() {
            close(in, reader);
        }

        private static void close(ImageInputStream in, ImageReader reader) {
            if (reader != null) {
                reader.dispose();
            }
            try {
                in.close();
            } catch (IOException ignored) {
                // an in-memory stream: nothing to release
            }
        }
    }

    /** What a decoder's complaint means first, its own words ("Bogus Huffman table definition") after. */
    private static ImageDecodeException unreadable(Path file, String format, Throwable e) {
        String kind = format.equals("image") ? "image" : format.toUpperCase(Locale.ROOT);
        return new ImageDecodeException(file + ": damaged or unreadable " + kind + " data, not decoded (the " + kind
                + " decoder says: " + e.getMessage() + ")", e);
    }

    /** The image's pixels, as PIL's {@code convert('RGB')} gives them. */
    private static RgbImage read(ImageReader reader, String format, byte[] bytes, JpegHeader jpeg,
                                 KeptBytes pixels, Path file) throws IOException, ImageDecodeException {
        if (format.equals("jpeg") || format.equals("jpg")) {
            JpegHeader header = jpeg != null ? jpeg : JpegHeader.read(bytes);
            TruncationWatch watch = new TruncationWatch();
            reader.addIIOReadWarningListener(watch);
            reader.addIIOReadUpdateListener(watch);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            RgbImage rgb = header.decoderMakesRgb() ? rgbFromDecoder(reader, width, height, pixels) : null;
            Raster raster = rgb == null ? reader.readRaster(0, null) : null;
            if (watch.truncatedBefore(height, header.progressive())) {
                throw new ImageDecodeException(file + ": image file is truncated (its data ends before the "
                        + "last row; PIL refuses it too)");
            }
            return rgb != null ? rgb : fromJpegRaster(raster, header.yCbCr(), file);
        }
        if (format.equals("png")) {
            return fromImage(pngWithEnd(bytes, file), file);
        }
        return fromImage(reader.read(0), file);
    }

    /**
     * The file's bytes, refusing what is no regular file (a FIFO would block, {@code /dev/zero} never end, a dangling
     * link has nothing) and what is larger than {@link #MAX_FILE_BYTES}.
     */
    private static byte[] readBounded(Path file) throws IOException, ImageDecodeException {
        if (!Files.isRegularFile(file)) {
            String what = Files.isSymbolicLink(file) && !Files.exists(file) ? "a dangling symbolic link"
                    : Files.exists(file) ? "not a regular file (a FIFO, device or folder)" : null;
            if (what == null) {
                throw new NoSuchFileException(file.toString());
            }
            throw new ImageDecodeException(file + ": " + what);
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new ImageDecodeException(String.format(Locale.ROOT, "%s: %,d bytes; Zoo reads image files of up to "
                    + "%,d", file, size, MAX_FILE_BYTES));
        }
        return Files.readAllBytes(file);
    }

    /** PIL's decompression-bomb check, from the header, before a pixel is allocated. */
    private static void checkPixels(Path file, int width, int height) throws ImageDecodeException {
        long pixels = (long) width * height;
        if (pixels > MAX_DECODED_PIXELS) {
            throw new ImageDecodeException(String.format(Locale.ROOT, "%s: image size (%,d x %,d = %,d pixels) "
                    + "exceeds PIL's limit of %,d pixels (a decompression bomb?); PIL refuses it too", file, width,
                    height, pixels, MAX_DECODED_PIXELS));
        }
        if (pixels > MAX_IMAGE_PIXELS) {
            LOG.log(System.Logger.Level.WARNING, "{0}: {1} pixels, above PIL''s warning limit of {2}", file, pixels,
                    MAX_IMAGE_PIXELS);
        }
    }

    /** A PNG whose end marker was cut off after its image data decodes as PIL decodes it. */
    private static BufferedImage pngWithEnd(byte[] bytes, Path file) throws IOException {
        byte[] png = PngTail.endMarkerRestored(bytes);
        try (ImageInputStream in = new BytesImageInputStream(png)) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in, true, true);
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * Tells a truncated JPEG from a complete one as PIL does. ImageIO's libjpeg decodes a truncated file anyway: when
     * its data runs out it warns ("Missing EOI marker") and fills the rest with grey. PIL, feeding libjpeg through a
     * suspending source, refuses an image whose data runs out before the last row ("image file is truncated") but
     * accepts one that only lacks the end marker after its last row (a progressive one it always refuses: its scans
     * are read before any row). So: the data ran out, and before the last row was delivered.
     */
    private static final class TruncationWatch implements IIOReadWarningListener, IIOReadUpdateListener {
        private int lastRow = -1;
        private int rowAtRunOut = Integer.MIN_VALUE;

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            if (warning != null && warning.contains("Missing EOI") && rowAtRunOut == Integer.MIN_VALUE) {
                rowAtRunOut = lastRow;
            }
        }

        @Override
        public void imageUpdate(ImageReader source, BufferedImage theImage, int minX, int minY, int width, int height,
                                int periodX, int periodY, int[] bands) {
            lastRow = Math.max(lastRow, minY + height - 1);
        }

        boolean truncatedBefore(int height, boolean progressive) {
            return rowAtRunOut != Integer.MIN_VALUE && (progressive || rowAtRunOut < height - 1);
        }

        @Override
        public void passStarted(ImageReader source, BufferedImage theImage, int pass, int minPass, int maxPass,
                                int minX, int minY, int periodX, int periodY, int[] bands) {
        }

        @Override
        public void passComplete(ImageReader source, BufferedImage theImage) {
        }

        @Override
        public void thumbnailPassStarted(ImageReader source, BufferedImage theThumbnail, int pass, int minPass,
                                         int maxPass, int minX, int minY, int periodX, int periodY, int[] bands) {
        }

        @Override
        public void thumbnailUpdate(ImageReader source, BufferedImage theThumbnail, int minX, int minY, int width,
                                    int height, int periodX, int periodY, int[] bands) {
        }

        @Override
        public void thumbnailPassComplete(ImageReader source, BufferedImage theThumbnail) {
        }
    }

    /**
     * A JPEG decoded by libjpeg straight to RGB, into an array laid out as {@link RgbImage} is: no conversion or copy
     * in Java (ImageIO's own image types are BGR, whose row copy reorders every pixel).
     */
    private static RgbImage rgbFromDecoder(ImageReader reader, int width, int height, KeptBytes pixels)
            throws IOException {
        int bytes = Math.multiplyExact(Math.multiplyExact(width, height), 3);
        byte[] rgb = pixels == null ? new byte[bytes] : pixels.take(bytes);
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(rgb, bytes), width, height,
                width * 3, 3, new int[]{0, 1, 2}, null);
        ImageReadParam param = reader.getDefaultReadParam();
        param.setDestination(new BufferedImage(RGB, raster, false, null));
        reader.read(0, param);
        return new RgbImage(width, height, rgb);
    }

    /** The raw samples of a JPEG (ImageIO's raster skips colour conversion): converted here as libjpeg does. */
    private static RgbImage fromJpegRaster(Raster r, boolean ycc, Path file) throws ImageDecodeException {
        int w = r.getWidth();
        int h = r.getHeight();
        int bands = r.getNumBands();
        if (bands != 1 && bands != 3 && bands != 4) {
            throw new ImageDecodeException(file + ": JPEG with " + bands + " channels is not supported");
        }
        // ImageIO's JPEG rasters are byte-interleaved: read the samples straight from the data buffer
        PixelInterleavedSampleModel sm = (PixelInterleavedSampleModel) r.getSampleModel();
        byte[] data = ((DataBufferByte) r.getDataBuffer()).getData();
        int pixelStride = sm.getPixelStride();
        int lineStride = sm.getScanlineStride();
        int[] offsets = sm.getBandOffsets();
        int base0 = -r.getSampleModelTranslateY() * lineStride - r.getSampleModelTranslateX() * pixelStride;
        // a colour JPEG's samples are RGB-sized already: converted where they lie, a giant photo needs one copy
        boolean inPlace = bands == 3 && pixelStride == 3 && lineStride == w * 3 && base0 == 0
                && offsets[0] == 0 && offsets[1] == 1 && offsets[2] == 2 && data.length == w * h * 3;
        byte[] out = inPlace ? data : new byte[w * h * 3];
        int b0 = offsets[0];
        int b1 = bands > 1 ? offsets[1] : 0;
        int b2 = bands > 2 ? offsets[2] : 0;
        int b3 = bands > 3 ? offsets[3] : 0;
        for (int y = 0; y < h; y++) {
            int in = base0 + y * lineStride;
            int o = y * w * 3;
            if (bands == 1) {
                for (int x = 0; x < w; x++, in += pixelStride, o += 3) {
                    byte v = data[in + b0];
                    out[o] = v;
                    out[o + 1] = v;
                    out[o + 2] = v;
                }
            } else if (bands == 3 && ycc) {
                for (int x = 0; x < w; x++, in += pixelStride, o += 3) {
                    YCbCr.toRgb(data[in + b0] & 0xFF, data[in + b1] & 0xFF, data[in + b2] & 0xFF, out, o);
                }
            } else if (bands == 3 && inPlace) {
                break;   // RGB samples where RGB belongs: nothing to convert
            } else if (bands == 3) {
                for (int x = 0; x < w; x++, in += pixelStride, o += 3) {
                    out[o] = data[in + b0];
                    out[o + 1] = data[in + b1];
                    out[o + 2] = data[in + b2];
                }
            } else {
                for (int x = 0; x < w; x++, in += pixelStride, o += 3) {
                    Cmyk.toRgb(data[in + b0] & 0xFF, data[in + b1] & 0xFF, data[in + b2] & 0xFF,
                            data[in + b3] & 0xFF, out, o);
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    private static RgbImage fromImage(BufferedImage img, Path file) throws ImageDecodeException {
        if (img == null) {
            throw new ImageDecodeException(file + ": holds no image");
        }
        Raster r = img.getRaster();
        ColorModel cm = img.getColorModel();
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[w * h * 3];
        int bands = r.getNumBands();
        int shift = Math.max(0, r.getSampleModel().getSampleSize(0) - 8);   // 16-bit: PIL keeps the high byte
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            r.getPixels(0, y, w, 1, row);
            int o = y * w * 3;
            for (int x = 0; x < w; x++) {
                if (cm instanceof IndexColorModel icm) {
                    int index = row[x];
                    out[o++] = (byte) icm.getRed(index);
                    out[o++] = (byte) icm.getGreen(index);
                    out[o++] = (byte) icm.getBlue(index);
                } else if (bands <= 2) {           // L or LA: replicate the luminance, drop alpha
                    byte v = (byte) (row[x * bands] >> shift);
                    out[o++] = v;
                    out[o++] = v;
                    out[o++] = v;
                } else {                           // RGB or RGBA: the colour samples as stored, alpha dropped
                    int i = x * bands;
                    out[o++] = (byte) (row[i] >> shift);
                    out[o++] = (byte) (row[i + 1] >> shift);
                    out[o++] = (byte) (row[i + 2] >> shift);
                }
            }
        }
        return new RgbImage(w, h, out);
    }
}
