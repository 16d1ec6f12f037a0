package dev.zoo.metadata;

import java.util.Locale;

/**
 * How model-index compares keys: case does not matter and {@code _} stands for a space ({@code In Collection},
 * {@code in_collection} and {@code IN COLLECTION} are one key), as the format's reference library reads them.
 */
final class Keys {

    private Keys() {
    }

    static String canonical(String key) {
        return key.replace('_', ' ').trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
