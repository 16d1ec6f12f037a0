package dev.zoo.registry;

/**
 * A pull or verification that could not give a verified file. {@link Kind} decides the exit code: a failed check is
 * 1, unavailable input (offline, not found, network, disk) is 3.
 */
public final class PullException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** The bytes are not what the catalogue or the pin says: size or sha256 mismatch. */
        CHECK_FAILED,
        /** The network, the server or the disk failed; trying again later may work. */
        IO,
        /** ZOO_OFFLINE forbids the download that is needed. */
        OFFLINE,
        /** The catalogue entry cannot be pulled as it stands (no Weights URL, say). */
        INVALID
    }

    private final Kind kind;

    public PullException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public PullException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
