package dev.zoo.evaluator.image;

/**
 * What the markers before a JPEG's first scan say, read straight from the bytes (ImageIO's metadata tree costs a
 * millisecond per image).
 *
 * @param yCbCr       whether a 3-component JPEG holds YCbCr or RGB, by libjpeg's rules
 *                    ({@code default_decompose_parms}): a JFIF marker means YCbCr; else an Adobe marker's transform
 *                    decides (0 = RGB); else component IDs 'R','G','B' mean RGB; else YCbCr
 * @param progressive a progressive (or multi-scan) frame: libjpeg reads all of it before the first row
 */
record JpegHeader(boolean yCbCr, boolean progressive) {

    static JpegHeader read(byte[] jpeg) {
        boolean jfif = false;
        Integer adobeTransform = null;
        int[] componentIds = null;
        boolean progressive = false;
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
                progressive = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
                int n = jpeg[payload + 5] & 0xFF;
                componentIds = new int[n];
                for (int i = 0; i < n && payload + 6 + i * 3 < end; i++) {
                    componentIds[i] = jpeg[payload + 6 + i * 3] & 0xFF;
                }
            }
            p += 2 + length;
        }
        boolean ycc = jfif || (adobeTransform != null ? adobeTransform != 0
                : !(componentIds != null && componentIds.length == 3 && componentIds[0] == 'R'
                && componentIds[1] == 'G' && componentIds[2] == 'B'));
        return new JpegHeader(ycc, progressive);
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
