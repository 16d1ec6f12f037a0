package dev.zoo.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/** SHA-256 helpers: lower-case hex, as {@code sha256sum} prints it. */
public final class Sha256 {

    private static final int BUFFER = 1 << 20;

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The first 12 hex digits of a digest or key, as messages and tables show it (all of a shorter one). */
    public static String abbreviate(String hex) {
        return hex.substring(0, Math.min(12, hex.length()));
    }

    public static String hex(byte[] data) {
        MessageDigest d = newDigest();
        d.update(data);
        return hex(d);
    }

    /** Feeds the whole file into {@code digest}, reporting bytes read to {@code progress}. */
    public static void update(MessageDigest digest, Path file, LongConsumer progress) throws IOException {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                progress.accept(n);
            }
        }
    }

    public static String of(Path file, LongConsumer progress) throws IOException {
        MessageDigest d = newDigest();
        update(d, file, progress);
        return hex(d);
    }
}
