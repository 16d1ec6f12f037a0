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

    /** A measured percentage with its 95 % interval: "80.19±0.35"; empty when there is none. */
    static String measured(dev.zoo.results.Run.Measurement m) {
        if (m == null) {
            return "";
        }
        String v = String.format(Locale.ROOT, "%.2f", m.value());
        return m.interval() == null ? v : v + m.interval().plusMinus(m.value());
    }

    static String orDash(Object o) {
        return o == null ? "-" : String.valueOf(o);
    }
}
