package dev.zoo.evaluator.image;

import java.util.Arrays;

/**
 * A PNG cut after its image data: PIL reads the chunks up to the last IDAT and never needs the IEND marker, so it
 * decodes such a file; ImageIO refuses it while looking for the next chunk. Ending the file with an IEND chunk after
 * its last complete chunk makes ImageIO read exactly what PIL reads. A file cut inside or before its image data is
 * left as it is (both refuse it).
 */
final class PngTail {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] IEND = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    private PngTail() {
    }

    static byte[] endMarkerRestored(byte[] png) {
        if (png.length < SIGNATURE.length || !Arrays.equals(png, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            return png;
        }
        int p = SIGNATURE.length;
        boolean sawImageData = false;
        int endOfComplete = p;
        while (p + 8 <= png.length) {
            long length = ((png[p] & 0xFFL) << 24) | ((png[p + 1] & 0xFF) << 16) | ((png[p + 2] & 0xFF) << 8)
                    | (png[p + 3] & 0xFF);
            String type = new String(png, p + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            long end = p + 12 + length;
            if (type.equals("IEND") || end > png.length) {
                break;
            }
            sawImageData |= type.equals("IDAT");
            p = (int) end;
            endOfComplete = p;
        }
        boolean complete = p + 12 <= png.length && new String(png, p + 4, 4,
                java.nio.charset.StandardCharsets.ISO_8859_1).equals("IEND");
        if (complete || !sawImageData) {
            return png;
        }
        byte[] repaired = Arrays.copyOf(png, endOfComplete + IEND.length);
        System.arraycopy(IEND, 0, repaired, endOfComplete, IEND.length);
        return repaired;
    }
}
