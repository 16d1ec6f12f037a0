package dev.zoo.evaluator.image;

/**
 * An 8-bit RGB image, interleaved row-major ({@code rgb[(y * width + x) * 3 + c]}), as PIL's "RGB" mode holds it. The
 * array may be longer than the image: a decode thread's reused one, which holds it only while it is being used.
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if (rgb.length < (long) width * height * 3) {
            throw new IllegalArgumentException("expected " + width * height * 3 + " bytes, got " + rgb.length);
        }
    }

    public int get(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xFF;
    }
}
