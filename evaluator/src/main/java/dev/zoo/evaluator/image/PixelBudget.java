package dev.zoo.evaluator.image;

import java.util.concurrent.Semaphore;

/**
 * How many pixels the decode threads may hold at once, together: an image takes its share from its header, before
 * any pixel is allocated, and gives it back once it has been resized. The budget is one image of the largest size
 * Zoo admits, so however many threads decode, the decoded images in memory never exceed what one such image needs
 * ({@link #BYTES_PER_PIXEL} bytes a pixel); photos of ImageNet's sizes never wait for each other, a giant image waits
 * until the others are done.
 */
public final class PixelBudget {

    /**
     * What a decoded pixel costs at most while it is held: the decoder's samples (up to 4, CMYK) and the RGB copy
     * (3; none for a colour JPEG, converted in place).
     */
    public static final int BYTES_PER_PIXEL = 7;

    private final int pixels;
    private final Semaphore free;

    public PixelBudget(int pixels) {
        if (pixels <= 0) {
            throw new IllegalArgumentException("a pixel budget must be positive: " + pixels);
        }
        this.pixels = pixels;
        this.free = new Semaphore(pixels, true);   // fair: a giant image is not starved by a stream of small ones
    }

    /** The budget of an evaluation: one image of the largest size Zoo decodes. */
    public static PixelBudget oneLargestImage() {
        return new PixelBudget((int) ImageDecoder.MAX_DECODED_PIXELS);
    }

    /** Decoded image memory this budget allows, in bytes. */
    public long bytes() {
        return (long) pixels * BYTES_PER_PIXEL;
    }

    /** A share of the budget, held while an image of {@code imagePixels} is decoded and resized. */
    Lease take(long imagePixels) throws InterruptedException {
        int share = (int) Math.min(pixels, Math.max(1, imagePixels));
        free.acquire(share);
        return () -> free.release(share);
    }

    /** Given back when closed. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
