package dev.zoo.core;

/**
 * The database could not be opened, migrated, read or written: a {@link ZooException} of kind {@code IO} from where it
 * arises (no caller rewraps it), and a type of its own for the few that answer it differently (the web's 503).
 */
public final class DatabaseException extends ZooException {

    private static final long serialVersionUID = 1L;

    public DatabaseException(String message, Throwable cause) {
        super(Kind.IO, message, cause);
    }
}
