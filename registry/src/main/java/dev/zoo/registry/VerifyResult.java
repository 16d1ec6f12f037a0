package dev.zoo.registry;

import java.nio.file.Path;

/**
 * What {@code zoo verify} found for one model.
 *
 * @param quarantined where a mismatching file was moved, or null
 */
public record VerifyResult(String modelId, Status status, Path path, long size, String expectedSha256,
                           String actualSha256, Path quarantined, String message) {

    public enum Status {
        /** The file hashes to its pin. */
        OK,
        /** Nothing vouches for the file (no recorded download, no catalogue SHA256): never pinned, never used. */
        UNKNOWN_PROVENANCE,
        /** The file is not what its pin or File Size says; it was moved aside. */
        MISMATCH,
        /** Nothing cached for this model. */
        NOT_CACHED
    }

    public boolean failed() {
        return status != Status.OK;
    }
}
