package dev.zoo.registry;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A weights file Zoo has downloaded, and its pin.
 *
 * @param pinSource  what the sha256 was checked against when the file came: the catalogue's SHA256, the digits its
 *                   name carries, or nothing (pinned at its first download)
 * @param verifiedAt the last time the file was hashed and matched, or null
 */
public record Artifact(String modelId, String url, Path path, long size, String sha256, PinSource pinSource,
                       Instant downloadedAt, Instant verifiedAt) {

    /** Which check vouches for the file: the catalogue's SHA256, its name's digits, or only its first download. */
    public enum PinSource {
        CATALOG("catalog", "the catalogue's SHA256"),
        FILE_NAME("file-name", "the sha256 digits of its file name (torch.hub's check)"),
        FIRST_DOWNLOAD("first-download", "its first download (nothing else pins it)");

        private final String label;
        private final String description;

        PinSource(String label, String description) {
            this.label = label;
            this.description = description;
        }

        public String label() {
            return label;
        }

        /** What a card says of it. */
        public String description() {
            return description;
        }

        public static PinSource ofLabel(String label) {
            for (PinSource p : values()) {
                if (p.label.equals(label)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown pin source '" + label + "'");
        }
    }
}
