package dev.zoo.registry;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Hashes buffers on a thread of its own, in order, so that hashing overlaps with writing the same bytes to disk. At most
 * {@code MAX_BACKLOG} batches wait, which bounds the memory held.
 */
final class PipelinedDigest implements AutoCloseable {

    private static final int MAX_BACKLOG = 64;

    private final MessageDigest digest;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "zoo-sha256");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore backlog = new Semaphore(MAX_BACKLOG);

    PipelinedDigest(MessageDigest digest) {
        this.digest = digest;
    }

    /**
     * Queues views of the buffers (their positions stay untouched for the caller). Plain duplicates, not read-only
     * views: MessageDigest hashes a heap buffer's array directly, but copies a read-only one 4 KB at a time.
     */
    void update(List<ByteBuffer> buffers) throws InterruptedException {
        List<ByteBuffer> views = buffers.stream().map(ByteBuffer::duplicate).toList();
        backlog.acquire();
        thread.execute(() -> {
            try {
                views.forEach(digest::update);
            } finally {
                backlog.release();
            }
        });
    }

    /** Waits until every queued buffer is in the digest. */
    void drain() throws InterruptedException {
        backlog.acquire(MAX_BACKLOG);
        backlog.release(MAX_BACKLOG);
    }

    @Override
    public void close() throws InterruptedException {
        drain();
        thread.shutdown();
        thread.awaitTermination(1, TimeUnit.MINUTES);
    }
}
