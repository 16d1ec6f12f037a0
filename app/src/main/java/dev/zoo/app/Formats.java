package dev.zoo.app;

import java.util.Locale;

/** How numbers look in CLI tables. */
final class Formats {

    private Formats() {
    }

    static String params(Long parameters) {
        return parameters == null ? "-" : String.format(Locale.ROOT, "%.2fM", parameters / 1e6);
    }

    static String bytes(long bytes) {
        return String.format(Locale.ROOT, "%,d bytes", bytes);
    }

    static String orDash(Object o) {
        return o == null ? "-" : String.valueOf(o);
    }
}
