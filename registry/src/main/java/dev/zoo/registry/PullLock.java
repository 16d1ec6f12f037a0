package dev.zoo.registry;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Exclusive access to one model's cache entry, across threads (a JVM-wide lock) and processes (an OS file lock on
 * {@code locks/<model>.lock}), so concurrent pulls of one model download it once. The OS releases the file lock when
 * a process dies, so a killed pull never leaves a stale lock behind.
 */
final class PullLock implements AutoCloseable {

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private PullLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Blocks until the lock is free; {@code onWait} is told once if someone else holds it. */
    static PullLock acquire(Path lockFile, Consumer<String> onWait) throws IOException {
        Files.createDirectories(lockFile.getParent());
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(lockFile.toAbsolutePath().normalize(),
                p -> new ReentrantLock());
        if (!threadLock.tryLock()) {
            onWait.accept("another pull in this process holds " + lockFile.getFileName() + "; waiting");
            threadLock.lock();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                onWait.accept("another zoo process is pulling this model (" + lockFile + "); waiting for it");
                lock = channel.lock();
            }
            return new PullLock(threadLock, channel, lock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            threadLock.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
            channel.close();
        } finally {
            threadLock.unlock();
        }
    }
}
