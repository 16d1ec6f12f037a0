package dev.zoo.registry;

import java.nio.file.Path;

/**
 * A file in the weights cache.
 *
 * @param partial  a {@code .part} file left by an interrupted pull (the next pull resumes it)
 * @param artifact the database record of a complete file, or null when there is none
 */
public record CacheEntry(String modelId, Path path, long size, boolean partial, Artifact artifact) {
}
