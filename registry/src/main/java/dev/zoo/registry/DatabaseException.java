package dev.zoo.registry;

/** The database could not be opened, migrated, read or written. */
public final class DatabaseException extends Exception {

    private static final long serialVersionUID = 1L;

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
