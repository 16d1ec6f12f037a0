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

    /**
     * A few megabytes kept free beside an embedded database ({@code space.reserve}): when the disk fills up during a
     * run, deleting it gives the database room to record that the run stopped, and why, instead of leaving it
     * "running". Made again by the next command that opens the database while there is room.
     */
    public static final class Reserve {
        static final long BYTES = 2L * 1024 * 1024;
        static final String FILE = "space.reserve";

        private Reserve() {
        }

        /** Makes {@code dir/space.reserve} unless it is there or the disk has little room left (then: no reserve). */
        static void keep(Path dir) {
            Path file = dir.resolve(FILE);
            try {
                if (Files.size(file) == BYTES) {
                    return;
                }
            } catch (IOException absent) {
                // make it below
            }
            try {
                if (usable(dir) < 8 * BYTES) {
                    return;
                }
                Files.createDirectories(dir);
                // written, not sized: a sparse file would hold no blocks to give back
                try (var out = Files.newOutputStream(file)) {
                    byte[] block = new byte[64 * 1024];
                    for (long n = 0; n < BYTES; n += block.length) {
                        out.write(block);
                    }
                }
            } catch (IOException e) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // nothing more to do: the reserve is an aid, not a requirement
                }
            }
        }

        /** Deletes the reserve; true when there was one, so that a write that failed for want of room may work now. */
        static boolean release(Path dir) {
            try {
                return Files.deleteIfExists(dir.resolve(FILE));
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** A write that failed because the file system holding {@code dir} is full. */
    public static final class NoSpaceLeft extends IOException {
        private final transient Path dir;

        public NoSpaceLeft(Path dir, Throwable cause) {
            super("no space left on " + dir, cause);
            this.dir = dir;
        }

        public Path dir() {
            return dir;
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
