package dev.zoo.registry;

import java.net.URI;
import java.nio.file.Path;

/** A verified weights file in the cache, and how it got there. */
public record PullResult(String modelId, Path path, long size, String sha256, Outcome outcome, URI source,
                         Artifact.PinSource pinSource, boolean resumed) {

    public enum Outcome {
        /** Fetched now (possibly continuing an earlier partial download). */
        DOWNLOADED,
        /** Already in the cache and recorded as verified. */
        CACHED
    }
}
