package dev.zoo.app;

/** The documented exit codes of every {@code zoo} command. */
public final class ExitCode {

    /** Everything asked for was done and every check passed. */
    public static final int OK = 0;
    /** A check failed: lint errors, a digest or size mismatch, a regression. */
    public static final int CHECK_FAILED = 1;
    /** Bad usage: unknown command, option or model, or a catalogue that cannot be loaded. */
    public static final int USAGE = 2;
    /** I/O or network: a download, file or database that could not be used; trying again may help. */
    public static final int IO = 3;

    private ExitCode() {
    }
}
