package dev.zoo.evaluator.image;

/** An image that cannot be decoded; the message names the file. */
public final class ImageDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    public ImageDecodeException(String message) {
        super(message);
    }

    public ImageDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
