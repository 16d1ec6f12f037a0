package dev.zoo.evaluator.net;

/** The weights file does not fit the architecture: a key is missing or an array has the wrong shape. */
public final class WeightError extends Exception {

    private static final long serialVersionUID = 1L;

    public WeightError(String message) {
        super(message);
    }
}
