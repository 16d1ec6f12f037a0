package dev.zoo.registry;

import java.time.Instant;

/**
 * A model's weights as {@code zoo show} and the model card present them: what the catalogue says, and what the cache
 * holds.
 *
 * @param catalogSha256 the catalogue's SHA256, or null
 * @param path          where the file lives once pulled
 * @param size          the cached file's size, or null when it is not cached
 * @param sha256        the pinned digest (catalogue's, or recorded at the first download), or null
 * @param pinSource     what the file was checked against: "catalog", "file-name" or "first-download"
 */
public record WeightsStatus(String url, Long fileSize, String catalogSha256, boolean cached, String path, Long size,
                            String sha256, String pinSource, Instant downloadedAt, Instant verifiedAt) {
}
