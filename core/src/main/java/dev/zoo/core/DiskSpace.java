package dev.zoo.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Free space where Zoo is about to write, checked before it starts rather than discovered half-way. */
public final class DiskSpace {

    /** Below this much free space a folder counts as full: H2 cannot even write its lock file. */
    static final long FULL_BELOW_BYTES = 256 * 1024;

    private DiskSpace() {
    }

    /** Bytes free to this process on the file system holding {@code path} (or its nearest existing ancestor). */
    public static long usable(Path path) throws IOException {
        Path p = path.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IOException("no existing folder above " + path);
        }
        return Files.getFileStore(p).getUsableSpace();
    }

    public static boolean isFull(Path path) {
        try {
            return usable(path) < FULL_BELOW_BYTES;
        } catch (IOException e) {
            return false;   // unknown: let the write itself report what is wrong
        }
    }

    /** Refuses to start writing {@code bytes} more bytes under {@code dir} when they cannot fit. */
    public static void require(Path dir, long bytes, String what) throws ZooException {
        long free;
        try {
            free = usable(dir);
        } catch (IOException e) {
            return;   // the write reports its own error
        }
        if (bytes > free) {
            throw new ZooException(ZooException.Kind.IO, String.format(Locale.ROOT, "no space left on %s for %s "
                    + "(needs %,d bytes, %,d free)", dir, what, bytes, free));
        }
    }
}
