package dev.zoo.evaluator.image;

/**
 * A thread's byte array reused from image to image, so that ordinary images leave no garbage for the collector: grown
 * as an image needs, kept up to {@code keep} bytes; a larger image's array is its own and goes with it.
 */
final class KeptBytes {

    private final int keep;
    private byte[] array = new byte[0];

    KeptBytes(int keep) {
        this.keep = keep;
    }

    /** An array of at least {@code bytes}, holding whatever the thread last wrote there. */
    byte[] take(int bytes) {
        if (bytes <= array.length) {
            return array;
        }
        byte[] made = new byte[bytes];
        if (bytes <= keep) {
            array = made;
        }
        return made;
    }
}
