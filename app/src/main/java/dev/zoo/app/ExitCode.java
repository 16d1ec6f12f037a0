package dev.zoo.app;

import dev.zoo.core.ZooException;

/** The documented exit codes of every {@code zoo} command; the failures' codes come from {@link ZooException.Kind}. */
public final class ExitCode {

    /** Everything asked for was done and every check passed. */
    public static final int OK = 0;
    /** A check failed: lint errors, a digest or size mismatch, a regression. */
    public static final int CHECK_FAILED = ZooException.Kind.CHECK_FAILED.exitCode();
    /** Bad usage: unknown command, option or model, or a catalogue that cannot be loaded. */
    public static final int USAGE = ZooException.Kind.USAGE.exitCode();
    /** I/O or network: a download, file or database that could not be used; trying again may help. */
    public static final int IO = ZooException.Kind.IO.exitCode();

    private ExitCode() {
    }
}
