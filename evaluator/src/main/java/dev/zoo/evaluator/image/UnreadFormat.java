package dev.zoo.evaluator.image;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Image formats PIL opens and Zoo does not decode, told by their signature, so that a refusal names the format
 * ("a WebP image, which Zoo does not read") instead of calling the file "not an image".
 */
final class UnreadFormat {

    private UnreadFormat() {
    }

    static Optional<String> of(byte[] b) {
        if (b.length >= 12 && ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WEBP")) {
            return Optional.of("WebP");
        }
        if (b.length >= 12 && ascii(b, 4, 4).equals("ftyp")) {
            String brand = ascii(b, 8, 4);
            if (brand.startsWith("avi")) {
                return Optional.of("AVIF");
            }
            if (brand.startsWith("hei") || brand.startsWith("mif") || brand.equals("heix")) {
                return Optional.of("HEIF");
            }
        }
        if (b.length >= 12 && (b[0] & 0xFF) == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0x0C
                && ascii(b, 4, 4).equals("jP  ")) {
            return Optional.of("JPEG 2000");
        }
        if (b.length >= 4 && ascii(b, 0, 4).equals("8BPS")) {
            return Optional.of("Photoshop (PSD)");
        }
        return Optional.empty();
    }

    private static String ascii(byte[] b, int from, int length) {
        return new String(b, from, length, StandardCharsets.ISO_8859_1);
    }
}
