package dev.zoo.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Zoo's working folder ({@code ZOO_HOME}, default {@code ~/.zoo}): the weights cache, files that failed verification,
 * and the embedded database.
 */
public record ZooHome(Path root) {

    public ZooHome {
        root = root.toAbsolutePath().normalize();
    }

    public static Path defaultRoot() {
        return Path.of(System.getProperty("user.home"), ".zoo");
    }

    public Path weights() {
        return root.resolve("weights");
    }

    /** Where files that failed verification are moved, so they are never used and never silently lost. */
    public Path quarantine() {
        return root.resolve("quarantine");
    }

    public Path locks() {
        return root.resolve("locks");
    }

    /** The cache folder of a model's weights: {@code weights/<model folder>}. */
    public Path modelWeights(String modelId) {
        return weights().resolve(folderName(modelId));
    }

    /** Where a model's files go when they fail verification. */
    public Path modelQuarantine(String modelId) {
        return quarantine().resolve(folderName(modelId));
    }

    /** The cross-process lock of a model's cache folder. */
    public Path modelLock(String modelId) {
        return locks().resolve(folderName(modelId) + ".lock");
    }

    /**
     * A model ID as a file name. Model-index IDs are free text ("Inception v3 - 90 epochs", a '/' in a name): letters,
     * digits and {@code . _ + -} stay as they are (every timm and BiT ID is unchanged), anything else, a leading dot
     * and '%' are written as {@code %XX} of their UTF-8 bytes, so the name is a single, safe path element and
     * {@link #modelIdOf} gives the ID back.
     */
    public static String folderName(String modelId) {
        StringBuilder sb = new StringBuilder();
        byte[] bytes = modelId.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            boolean plain = b < 0x80 && (Character.isLetterOrDigit(b) || b == '_' || b == '+' || b == '-'
                    || (b == '.' && i > 0));
            if (plain) {
                sb.append((char) b);
            } else {
                sb.append('%').append(String.format("%02X", b));
            }
        }
        return sb.toString();
    }

    /** The model ID a cache folder name stands for (the inverse of {@link #folderName}). */
    public static String modelIdOf(String folderName) {
        if (folderName.indexOf('%') < 0) {
            return folderName;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < folderName.length(); i++) {
            char c = folderName.charAt(i);
            if (c == '%' && i + 2 < folderName.length()) {
                try {
                    out.write(Integer.parseInt(folderName.substring(i + 1, i + 3), 16));
                    i += 2;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape: kept as written
                }
            }
            out.write(c);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The embedded H2 database. AUTO_SERVER lets {@code zoo serve} and a {@code zoo eval} in another process share it;
     * WRITE_DELAY=0 makes every commit durable at once (a killed process loses nothing).
     */
    public String defaultDatabaseUrl() {
        return "jdbc:h2:file:" + root.resolve("db").resolve("zoo") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }
}
