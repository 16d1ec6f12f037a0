package dev.zoo.web;

import java.util.Locale;

/** HTML building blocks. Every string from a catalogue or the database goes through {@link #esc}. */
final class Html {

    private Html() {
    }

    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = String.valueOf(value);
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A link target inside this site: path segments are percent-encoded. */
    static String path(String... segments) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            sb.append('/').append(java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        return sb.toString();
    }

    /** A URL from a catalogue as a link, only for http(s) (never javascript: or data:). */
    static String link(String url, String text) {
        if (url == null) {
            return "";
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return esc(text != null ? text : url);
        }
        return "<a href=\"" + esc(url) + "\" rel=\"noopener noreferrer\">" + esc(text != null ? text : url) + "</a>";
    }

    static String num(Double v, int decimals) {
        return v == null ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + " · Zoo</title><link rel=\"stylesheet\" href=\"/static/zoo.css\">"
                + "</head><body><header><a class=\"brand\" href=\"/\">Zoo</a><nav><a href=\"/\">Results</a>"
                + "<a href=\"/chart\">Chart</a><a href=\"/q/swagger-ui\">API</a></nav></header><main>" + body
                + "</main><footer>Zoo: claimed and measured ImageNet results · <a href=\"/api/results.csv\">"
                + "results CSV</a> · <a href=\"/q/openapi\">OpenAPI</a></footer>"
                + "<script src=\"/static/zoo.js\"></script></body></html>";
    }
}
