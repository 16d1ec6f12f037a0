package dev.zoo.registry;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A weights file Zoo has downloaded, and its pin.
 *
 * @param pinSource  where the sha256 comes from: the catalogue's SHA256, or the first download of the file
 * @param verifiedAt the last time the file was hashed and matched, or null
 */
public record Artifact(String modelId, String url, Path path, long size, String sha256, PinSource pinSource,
                       Instant downloadedAt, Instant verifiedAt) {

    public enum PinSource {
        CATALOG("catalog"), FIRST_DOWNLOAD("first-download");

        private final String label;

        PinSource(String label) {
            this.label = label;
        }

        public String label() {
            return label;
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
