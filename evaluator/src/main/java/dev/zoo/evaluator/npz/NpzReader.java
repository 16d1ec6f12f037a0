package dev.zoo.evaluator.npz;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Random access to the arrays of a {@code .npz} file (stored or deflated, zip64 included) one at a time, so that
 * loading a large network never holds more than one array in the Java heap.
 */
public final class NpzReader implements AutoCloseable {

    private final Path file;
    private final ZipFile zip;
    private final Set<String> names = new LinkedHashSet<>();

    public NpzReader(Path file) throws NpzException {
        this.file = file;
        try {
            this.zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new NpzException(file + ": not a .npz (zip) file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new NpzException("cannot open " + file + ": " + e.getMessage(), e);
        }
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String entry = entries.nextElement().getName();
            names.add(entry.endsWith(".npy") ? entry.substring(0, entry.length() - 4) : entry);
        }
    }

    /** Array names, without the {@code .npy} suffix, in file order. */
    public Set<String> names() {
        return names;
    }

    public boolean contains(String name) {
        return names.contains(name);
    }

    public NpyArray read(String name) throws NpzException {
        ZipEntry entry = zip.getEntry(name + ".npy");
        if (entry == null) {
            entry = zip.getEntry(name);
        }
        if (entry == null) {
            throw new NpzException(file + ": no array '" + name + "'");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return NpyFormat.read(in, name, file + " [" + name + "]");
        } catch (IOException e) {
            throw new NpzException(file + " [" + name + "]: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
