package dev.zoo.evaluator.image;

/**
 * Whether a 3-component JPEG holds YCbCr or RGB, by libjpeg's rules ({@code default_decompose_parms}): a JFIF marker
 * means YCbCr; else an Adobe marker's transform decides (0 = RGB); else component IDs 'R','G','B' mean RGB; else YCbCr.
 * Reads the markers before the first scan straight from the bytes (ImageIO's metadata tree costs a millisecond per
 * image).
 */
final class JpegColorSpace {

    private JpegColorSpace() {
    }

    static boolean isYCbCr(byte[] jpeg) {
        boolean jfif = false;
        Integer adobeTransform = null;
        int[] componentIds = null;
        int p = 2;   // after SOI
        while (p + 4 <= jpeg.length) {
            if ((jpeg[p] & 0xFF) != 0xFF) {
                break;   // not a marker: malformed; let the decoder report it
            }
            int marker = jpeg[p + 1] & 0xFF;
            if (marker == 0xFF) {
                p++;     // fill byte
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                break;   // start of scan or end of image
            }
            int length = ((jpeg[p + 2] & 0xFF) << 8) | (jpeg[p + 3] & 0xFF);
            int payload = p + 4;
            int end = Math.min(jpeg.length, p + 2 + length);
            if (marker == 0xE0 && startsWith(jpeg, payload, end, "JFIF\0")) {
                jfif = true;
            } else if (marker == 0xEE && startsWith(jpeg, payload, end, "Adobe") && payload + 11 < end) {
                adobeTransform = jpeg[payload + 11] & 0xFF;
            } else if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
                    && payload + 6 <= end) {
                int n = jpeg[payload + 5] & 0xFF;
                componentIds = new int[n];
                for (int i = 0; i < n && payload + 6 + i * 3 < end; i++) {
                    componentIds[i] = jpeg[payload + 6 + i * 3] & 0xFF;
                }
            }
            p += 2 + length;
        }
        if (jfif) {
            return true;
        }
        if (adobeTransform != null) {
            return adobeTransform != 0;
        }
        return !(componentIds != null && componentIds.length == 3 && componentIds[0] == 'R'
                && componentIds[1] == 'G' && componentIds[2] == 'B');
    }

    private static boolean startsWith(byte[] data, int from, int end, String tag) {
        if (from + tag.length() > end) {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            if (data[from + i] != (byte) tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
