package dev.zoo.evaluator.image;

/** An 8-bit RGB image, interleaved row-major ({@code rgb[(y * width + x) * 3 + c]}), as PIL's "RGB" mode holds it. */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + width * height * 3 + " bytes, got " + rgb.length);
        }
    }

    public int get(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xFF;
    }
}
