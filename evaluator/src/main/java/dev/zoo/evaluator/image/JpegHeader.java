package dev.zoo.evaluator.image;

/**
 * What the markers before a JPEG's first scan say, read straight from the bytes (ImageIO's metadata tree costs a
 * millisecond per image).
 *
 * @param yCbCr       whether a 3-component JPEG holds YCbCr or RGB, by libjpeg's rules
 *                    ({@code default_decompose_parms}): a JFIF marker means YCbCr; else an Adobe marker's transform
 *                    decides (0 = RGB); else component IDs 'R','G','B' mean RGB; else YCbCr
 * @param decoderMakesRgb whether libjpeg may convert the colours itself (its SIMD code, as PIL's libjpeg does): gray,
 *                    which both replicate, or YCbCr said by a JFIF marker and no Adobe marker against it. ImageIO
 *                    decides a 3-component JPEG's colour space by rules of its own that differ from libjpeg's
 *                    elsewhere (an unmarked, unsubsampled file numbering its components other than 1, 2, 3 is RGB to
 *                    it, YCbCr to libjpeg; an Adobe transform other than 1 is unknown to it): such files are read as
 *                    raw samples and converted by Zoo by libjpeg's rules
 * @param progressive a progressive (or multi-scan) frame: libjpeg reads all of it before the first row
 * @param iccSegments offset and length of each APP2 segment holding a piece of an ICC profile, in pairs
 */
record JpegHeader(boolean yCbCr, boolean decoderMakesRgb, boolean progressive, int[] iccSegments) {

    /** The signature ImageIO's JPEG reader takes a stream by: SOI, then a marker. */
    static boolean isJpeg(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF;
    }

    static JpegHeader read(byte[] jpeg) {
        boolean jfif = false;
        Integer adobeTransform = null;
        int[] componentIds = null;
        boolean progressive = false;
        java.util.List<Integer> icc = new java.util.ArrayList<>();
        boolean reachedScan = false;
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
                reachedScan = marker == 0xDA;
                break;   // start of scan or end of image
            }
            int length = ((jpeg[p + 2] & 0xFF) << 8) | (jpeg[p + 3] & 0xFF);
            int payload = p + 4;
            int end = Math.min(jpeg.length, p + 2 + length);
            if (marker == 0xE2 && startsWith(jpeg, payload, end, "ICC_PROFILE\0") && p + 2 + length <= jpeg.length) {
                icc.add(p);
                icc.add(2 + length);
            } else if (marker == 0xE0 && startsWith(jpeg, payload, end, "JFIF\0")) {
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
        int[] segments = reachedScan ? icc.stream().mapToInt(Integer::intValue).toArray() : new int[0];
        int components = componentIds == null ? 0 : componentIds.length;
        boolean rgb = components == 1 || components == 3 && jfif && (adobeTransform == null || adobeTransform == 1);
        return new JpegHeader(ycc, rgb, progressive, segments);
    }

    /**
     * The JPEG without its ICC profile, the same array when it has none. PIL's {@code convert('RGB')} ignores the
     * profile, and so does Zoo; but ImageIO, handed one, builds a colour transform for it before reading a pixel
     * (2-3 ms an image: a third of all decode time on the sample photos, 286 of 1,000 of which carry one). The
     * segments are metadata only: the pixels decode the same without them.
     */
    byte[] withoutIccProfile(byte[] jpeg) {
        if (iccSegments.length == 0) {
            return jpeg;
        }
        int removed = 0;
        for (int i = 1; i < iccSegments.length; i += 2) {
            removed += iccSegments[i];
        }
        byte[] out = new byte[jpeg.length - removed];
        int from = 0;
        int to = 0;
        for (int i = 0; i < iccSegments.length; i += 2) {
            int keep = iccSegments[i] - from;
            System.arraycopy(jpeg, from, out, to, keep);
            to += keep;
            from = iccSegments[i] + iccSegments[i + 1];
        }
        System.arraycopy(jpeg, from, out, to, jpeg.length - from);
        return out;
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
