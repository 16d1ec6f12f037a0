package dev.zoo.evaluator.data;

/** A data folder or label file that cannot be used; the message names the file (and line). */
public final class DatasetException extends Exception {

    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
