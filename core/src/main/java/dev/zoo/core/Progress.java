package dev.zoo.core;

/** Receives the progress of a long transfer or hash; the CLI draws a bar, plain lines, or nothing. */
public interface Progress {

    Progress NONE = new Progress() {
    };

    /** A task starts: {@code total} bytes in all (-1 when unknown), {@code done} of them already there. */
    default void start(String task, long total, long done) {
    }

    default void advance(long bytes) {
    }

    /** Something the user should read (a retry, a restart); not an error. */
    default void note(String message) {
    }

    /**
     * Something the user must read even when progress is silenced ({@code --quiet}): a file moved aside, a file
     * adopted. Said as a note unless the implementation says otherwise.
     */
    default void warn(String message) {
        note(message);
    }

    default void finish() {
    }
}
