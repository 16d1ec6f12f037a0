package dev.zoo.metadata;

import java.util.Locale;
import java.util.Optional;

/** How an image reaches the network's input size. */
public enum ResizeMode {
    /** timm's evaluation transform: shorter side to floor(size / crop_pct), then a centre crop. */
    CROP,
    /** The original BiT evaluation: straight to size x size, aspect ratio not kept. */
    SQUASH;

    public static Optional<ResizeMode> parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "crop" -> Optional.of(CROP);
            case "squash" -> Optional.of(SQUASH);
            default -> Optional.empty();
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
