package dev.zoo.registry;

/**
 * What the cache holds for a model's weights, in the words every command uses ({@code zoo cache ls}, {@code zoo
 * verify}, {@code zoo pull}'s notes, {@code zoo cache gc}).
 */
public enum CacheState {
    /** A download Zoo recorded, or a file verified against the catalogue's SHA256: used as it is. */
    CACHED("cached"),
    /** A file nothing vouches for (copied in by hand, or the database was reset): never used, set aside by a pull. */
    UNKNOWN_PROVENANCE("unknown provenance"),
    /** The {@code .part} file of an interrupted download: the next pull resumes it. */
    PARTIAL("partial");

    private final String label;

    CacheState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The state of a file in the cache, from what is recorded of it. */
    public static CacheState of(CacheEntry entry) {
        return entry.partial() ? PARTIAL : entry.artifact() == null ? UNKNOWN_PROVENANCE : CACHED;
    }
}
