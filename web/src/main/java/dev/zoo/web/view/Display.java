package dev.zoo.web.view;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How values look on the pages: rounded numbers, human-readable dates, links that stay inside the site. */
public final class Display {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Display() {
    }

    public static String num(Double v, int decimals) {
        return v == null || !Double.isFinite(v) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    public static String signed(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%+.2f", v);
    }

    public static String count(Number n) {
        return n == null ? "" : String.format(Locale.ROOT, "%,d", n.longValue());
    }

    public static String params(Long n) {
        return n == null ? "" : String.format(Locale.ROOT, "%.2fM", n / 1e6);
    }

    /** "2026-11-26 21:08 UTC". */
    public static String date(Instant t) {
        return t == null ? "" : DATE.format(t);
    }

    /** A number as the catalogue wrote it: 0.875, not 0.8750000001. */
    public static String plain(Object v) {
        if (v == null) {
            return null;
        }
        return v instanceof Double d ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : String.valueOf(v);
    }

    /** A path inside this site: segments percent-encoded. */
    public static String path(String... segments) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            sb.append('/').append(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.toString();
    }

    /** A URL from a catalogue, only if it is http(s) (never javascript: or data:); else null (shown as text). */
    public static String externalUrl(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? url : null;
    }
}
