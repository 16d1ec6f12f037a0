package dev.zoo.networks;

/** The weights file does not fit the architecture: a key is missing or an array has the wrong shape. */
public final class WeightsMismatchException extends Exception {

    private static final long serialVersionUID = 1L;

    public WeightsMismatchException(String message) {
        super(message);
    }
}
