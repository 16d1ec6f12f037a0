package dev.zoo.evaluator.eval;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The host buffers batches are decoded into: direct (the engine reads them without another copy), made once and
 * reused, at most {@code capacity} of them, so the host allocates no batch-sized array per batch and memory stays
 * flat. A decode worker takes one (waiting while all are in flight); the forward thread gives it back as soon as the
 * batch is on the device.
 */
final class BatchBuffers {

    private final int bytes;
    private final int capacity;
    private final BlockingQueue<ByteBuffer> free;
    private final AtomicInteger made = new AtomicInteger();

    BatchBuffers(int batchSize, int imageBytes, int capacity) {
        this.bytes = Math.multiplyExact(batchSize, imageBytes);
        this.capacity = capacity;
        this.free = new ArrayBlockingQueue<>(capacity);
    }

    ByteBuffer take() throws InterruptedException {
        ByteBuffer b = free.poll();
        if (b != null) {
            return b;
        }
        if (made.getAndIncrement() < capacity) {
            return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        made.decrementAndGet();
        return free.take();
    }

    void give(ByteBuffer b) {
        if (b != null) {
            free.offer(b.clear());
        }
    }

    /** How many buffers were ever made: the whole of the host's batch memory. */
    int made() {
        return Math.min(made.get(), capacity);
    }
}
