package dev.zoo.evaluator.npz;

/** A {@code .npz}/{@code .npy} file that cannot be read as Zoo needs it; the message names the file and the array. */
public final class NpzException extends Exception {

    private static final long serialVersionUID = 1L;

    public NpzException(String message) {
        super(message);
    }

    public NpzException(String message, Throwable cause) {
        super(message, cause);
    }
}
