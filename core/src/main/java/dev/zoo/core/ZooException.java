package dev.zoo.core;

/**
 * Why a Zoo operation ended without its result, and what kind of failure that is: Zoo's one error model, from the
 * registry to the command line. The message is written for the user (it names the file, line, key, array or image);
 * the {@link Kind} decides the exit code, in one place.
 *
 * <p>Unchecked, so commands can fail from inside a stream; the layers below keep their own checked exceptions for what
 * went wrong ({@code DatasetException}, {@code NpzException}, ...) and say here what it means for the caller. The
 * database's failures are one kind of it ({@link DatabaseException}, I/O), raised where they arise.
 */
public sealed class ZooException extends RuntimeException permits DatabaseException {

    private static final long serialVersionUID = 1L;

    /** What kind of failure, and its documented exit code. */
    public enum Kind {
        /** A check failed: a size or sha256 mismatch, a regression, an unreadable image under --strict. */
        CHECK_FAILED(1),
        /** Bad usage: an unknown command, option, value or model, a catalogue with errors, data that cannot be used. */
        USAGE(2),
        /** Files, network, database or the engine failed; trying again may help. */
        IO(3),
        /** ZOO_OFFLINE forbids the download that is needed. */
        OFFLINE(3);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;

    public ZooException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ZooException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public int exitCode() {
        return kind.exitCode();
    }

    public static ZooException usage(String message) {
        return new ZooException(Kind.USAGE, message);
    }

    public static ZooException io(String message, Throwable cause) {
        return new ZooException(Kind.IO, message, cause);
    }
}
