package dev.zoo.evaluator.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes images to the pixels {@code PIL.Image.open(f).convert('RGB')} gives: grayscale replicated, palette looked up,
 * alpha dropped (not composited), CMYK converted with PIL's formula, ICC profiles and EXIF orientation ignored. JPEGs
 * are read as raw rasters, so ImageIO applies no colour management of its own.
 */
public final class ImageDecoder {

    static {
        ImageIO.setUseCache(false);   // decode in memory, never through temporary files
    }

    private ImageDecoder() {
    }

    public static RgbImage decode(Path file) throws ImageDecodeException {
        try (ImageInputStream in = ImageIO.createImageInputStream(Files.newInputStream(file))) {
            if (in == null) {
                throw new ImageDecodeException(file + ": cannot be read");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageDecodeException(file + ": not an image in a format Zoo reads (JPEG, PNG, GIF, BMP)");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(java.util.Locale.ROOT);
                if (format.equals("jpeg") || format.equals("jpg")) {
                    reader.setInput(in, true, false);
                    boolean ycc = JpegColorSpace.isYCbCr(reader.getImageMetadata(0));
                    return fromJpegRaster(reader.readRaster(0, null), ycc, file);
                }
                reader.setInput(in, true, true);
                return fromImage(reader.read(0), file);
            } finally {
                reader.dispose();
            }
        } catch (NoSuchFileException e) {
            throw new ImageDecodeException(file + ": no such file", e);
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException(file + ": corrupt or unreadable image: " + e.getMessage(), e);
        }
    }

    /** The raw samples of a JPEG (ImageIO's raster skips colour conversion): converted here as libjpeg does. */
    private static RgbImage fromJpegRaster(Raster r, boolean ycc, Path file) throws ImageDecodeException {
        int w = r.getWidth();
        int h = r.getHeight();
        byte[] out = new byte[w * h * 3];
        int bands = r.getNumBands();
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            r.getPixels(r.getMinX(), r.getMinY() + y, w, 1, row);
            int o = y * w * 3;
            if (bands == 1) {
                for (int x = 0; x < w; x++) {
                    byte v = (byte) row[x];
                    out[o++] = v;
                    out[o++] = v;
                    out[o++] = v;
                }
            } else if (bands == 3 && ycc) {
                for (int x = 0; x < w; x++) {
                    int i = x * 3;
                    YCbCr.toRgb(row[i], row[i + 1], row[i + 2], out, o);
                    o += 3;
                }
            } else if (bands == 3) {
                for (int i = 0; i < w * 3; i++) {
                    out[o + i] = (byte) row[i];
                }
            } else if (bands == 4) {
                for (int x = 0; x < w; x++) {
                    int i = x * 4;
                    Cmyk.toRgb(row[i], row[i + 1], row[i + 2], row[i + 3], out, o);
                    o += 3;
                }
            } else {
                throw new ImageDecodeException(file + ": JPEG with " + bands + " channels is not supported");
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
