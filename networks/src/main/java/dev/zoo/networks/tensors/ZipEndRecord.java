package dev.zoo.networks.tensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The entry count a zip's end-of-central-directory record declares (the zip64 record's when the classic field is
 * saturated). {@link java.util.zip.ZipFile} counts the central directory itself and ignores a wrong declared count;
 * a file whose two counts disagree is damaged, so Zoo reads the record to compare.
 */
final class ZipEndRecord {

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int END_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;

    private ZipEndRecord() {
    }

    /** The last end-of-central-directory signature within the file's last 64 KiB: where the record starts. */
    private record Found(ByteBuffer tail, long tailStart, int at) {

        /** Bytes of the file after the record's fixed 22 (its comment, as far as the file holds one). */
        int bytesAfter() {
            return tail.limit() - at - END_SIZE;
        }
    }

    /** The end record, or empty when the file has none. */
    private static java.util.Optional<Found> find(FileChannel ch) throws IOException {
        long size = ch.size();
        int tail = (int) Math.min(size, END_SIZE + MAX_COMMENT);
        ByteBuffer buf = read(ch, size - tail, tail);
        for (int at = tail - END_SIZE; at >= 0; at--) {
            if (buf.getInt(at) == END_SIGNATURE) {
                return java.util.Optional.of(new Found(buf, size - tail, at));
            }
        }
        return java.util.Optional.empty();
    }

    static long declaredEntries(Path zip) throws IOException {
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
            Found end = find(ch).orElseThrow(() -> new IOException("no end-of-central-directory record"));
            int total = Short.toUnsignedInt(end.tail().getShort(end.at() + 10));
            if (total != 0xFFFF) {
                return total;
            }
            long size = ch.size();
            long locator = end.tailStart() + end.at() - 20;
            if (locator < 0) {
                throw new IOException("zip64 end record missing");
            }
            ByteBuffer loc = read(ch, locator, 20);
            if (loc.getInt(0) != ZIP64_LOCATOR_SIGNATURE) {
                throw new IOException("zip64 end record locator missing");
            }
            long recordAt = loc.getLong(8);
            if (recordAt < 0 || recordAt > size - 56) {
                throw new IOException("zip64 end record points outside the file");
            }
            ByteBuffer record = read(ch, recordAt, 56);
            if (record.getInt(0) != ZIP64_END_SIGNATURE) {
                throw new IOException("zip64 end record has a wrong signature");
            }
            return record.getLong(32);
        }
    }

    /**
     * What is wrong with the end record's comment length, when the file does not end where it says (Java's zip
     * library then refuses the file with no message, while Python's zipfile reads whatever comment bytes are there);
     * empty when it does.
     */
    static java.util.Optional<String> commentMismatch(Path zip) throws IOException {
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
            java.util.Optional<Found> found = find(ch);
            if (found.isEmpty()) {
                return java.util.Optional.of("it has no end-of-central-directory record (cut short?)");
            }
            Found end = found.get();
            int announced = Short.toUnsignedInt(end.tail().getShort(end.at() + 20));
            int there = end.bytesAfter();
            return announced == there ? java.util.Optional.empty() : java.util.Optional.of(String.format(
                    java.util.Locale.ROOT, "its end record announces a %,d-byte comment, but %,d byte%s follow%s the "
                            + "record", announced, there, there == 1 ? "" : "s", there == 1 ? "s" : ""));
        }
    }

    private static ByteBuffer read(FileChannel ch, long at, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (ch.read(buf, at + buf.position()) < 0) {
                throw new IOException("the file ends inside its end record");
            }
        }
        return buf.flip();
    }
}
