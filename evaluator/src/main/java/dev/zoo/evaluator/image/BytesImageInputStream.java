package dev.zoo.evaluator.image;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * A file already read whole, as ImageIO's input: reads and seeks come straight from the array. ImageIO's own
 * {@code MemoryCacheImageInputStream} over a byte stream copies every byte into a cache of its own first.
 */
final class BytesImageInputStream extends ImageInputStreamImpl {

    private final byte[] bytes;

    BytesImageInputStream(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read() {
        bitOffset = 0;
        return streamPos < bytes.length ? bytes[(int) streamPos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= bytes.length) {
            return -1;
        }
        int n = (int) Math.min(len, bytes.length - streamPos);
        System.arraycopy(bytes, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return bytes.length;
    }

    /**
     * Nothing to release (the decoder closes every stream it opens). Empty on purpose: the JVM registers no object of a
     * class whose finalizer is empty, whereas ImageInputStreamImpl's made every stream, and the file bytes it holds,
     * survive a collection to be finalized (15 ms of every young pause, the heap growing by the files, measured).
     */
    @Override
    @SuppressWarnings({"deprecation", "checkstyle:NoFinalizer"})
    protected void finalize() {
    }
}
