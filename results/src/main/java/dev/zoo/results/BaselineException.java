package dev.zoo.results;

/** A baseline file that cannot be read or used; the message names the file and the entry. */
public final class BaselineException extends Exception {

    private static final long serialVersionUID = 1L;

    public BaselineException(String message) {
        super(message);
    }
}
