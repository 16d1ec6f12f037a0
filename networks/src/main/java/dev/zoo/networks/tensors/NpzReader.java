package dev.zoo.networks.tensors;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * The arrays of a {@code .npz} file (stored or deflated, zip64 included), read so that a damaged or hostile file is
 * refused by name before it costs memory: headers are checked before data ({@link #header}), an entry must hold exactly
 * the bytes its header announces (a zip bomb cannot inflate past them), every entry's CRC is verified, and the
 * streaming read ({@link #readAll}) checks each local header against the central directory, whose entry count must
 * match the end record's. Never more than one array is in the Java heap at a time.
 */
public final class NpzReader implements TensorSource {

    private final Path file;
    private final ZipFile zip;
    private final Map<String, ZipEntry> entries = new LinkedHashMap<>();

    public NpzReader(Path file) throws WeightsFileException {
        this.file = file;
        try {
            this.zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new WeightsFileException(file + ": not a .npz (zip) file, or a damaged one: " + ZipDamage.meaning(e), e);
        } catch (java.io.EOFException e) {
            throw new WeightsFileException(file + ": damaged zip: " + endRecordProblem(file) + "; numpy may still open it, "
                    + "Zoo does not guess where the archive ends: download the weights again", e);
        } catch (IOException e) {
            throw new WeightsFileException("cannot open " + file + ": " + e.getMessage(), e);
        }
        try {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (entries.putIfAbsent(arrayName(entry.getName()), entry) != null) {
                    throw new WeightsFileException(file + ": damaged zip: array '" + arrayName(entry.getName())
                            + "' appears twice");
                }
            }
            long declared = ZipEndRecord.declaredEntries(file);
            if (declared != entries.size()) {
                throw new WeightsFileException(file + ": damaged zip: its end record declares " + declared + " entries, the "
                        + "central directory holds " + entries.size());
            }
        } catch (WeightsFileException e) {
            closeQuietly();
            throw e;
        } catch (IOException e) {
            closeQuietly();
            throw new WeightsFileException(file + ": damaged zip: " + e.getMessage(), e);   // ZipEndRecord's own words
        }
    }

    /** Why the zip library found the file's end where it did not expect it, as far as the end record tells. */
    private static String endRecordProblem(Path file) {
        try {
            return ZipEndRecord.commentMismatch(file).orElse("the zip library reached the end of the file early");
        } catch (IOException e) {
            return "its end record cannot be read (" + e.getMessage() + ")";
        }
    }

    private static String arrayName(String entry) {
        return entry.endsWith(".npy") ? entry.substring(0, entry.length() - 4) : entry;
    }

    /** Array names, without the {@code .npy} suffix, in file order. */
    @Override
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    @Override
    public String description() {
        return "BiT's .npz (a zip of .npy arrays)";
    }

    @Override
    public TensorInfo info(String name) throws WeightsFileException {
        NpyHeader h = header(name);
        return new TensorInfo(name, h.dtype().itemSize() == 8 ? Dtype.FLOAT64 : h.dtype().itemSize() == 2
                ? Dtype.FLOAT16 : Dtype.FLOAT32, h.shape());
    }

    @Override
    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** An array's checked header, read without its data; the entry's declared size must match it. */
    public NpyHeader header(String name) throws WeightsFileException {
        ZipEntry entry = entry(name);
        try (InputStream in = zip.getInputStream(entry)) {
            NpyHeader h = NpyFormat.header(new DataInputStream(in), where(name));
            checkDeclaredSize(entry, h, name);
            return h;
        } catch (ZipException e) {
            throw new WeightsFileException(where(name) + ": " + ZipDamage.describe(e), e);
        } catch (IOException e) {
            throw new WeightsFileException(where(name) + ": " + e.getMessage(), e);
        }
    }

    /** One array by name, its CRC verified. */
    public Tensor read(String name) throws WeightsFileException {
        ZipEntry entry = entry(name);
        try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(entry), new CRC32())) {
            Tensor array = readEntry(new DataInputStream(in), name, entry);
            if (in.getChecksum().getValue() != entry.getCrc()) {
                throw new WeightsFileException(where(name) + ": damaged zip entry: CRC " + hex(in.getChecksum().getValue())
                        + " of its data, " + hex(entry.getCrc()) + " recorded");
            }
            return array;
        } catch (ZipException e) {
            throw new WeightsFileException(where(name) + ": " + ZipDamage.describe(e), e);
        } catch (IOException e) {
            throw new WeightsFileException(where(name) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Streams through the file once, handing each wanted array to {@code consumer} and skipping the rest, checking
     * every local header against the central directory and every entry's CRC (the zip library verifies it when an
     * entry's data has been read to its end).
     */
    @Override
    public void readAll(Collection<String> wantedNames, TensorConsumer consumer)
            throws WeightsFileException {
        Set<String> wanted = new HashSet<>(wantedNames);
        int seen = 0;
        String current = null;
        try (ZipInputStream in = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            for (ZipEntry local = in.getNextEntry(); local != null; local = in.getNextEntry()) {
                current = arrayName(local.getName());
                ZipEntry central = entries.get(current);
                if (central == null) {
                    throw new WeightsFileException(file + ": damaged zip: local entry '" + local.getName() + "' is not in "
                            + "the central directory");
                }
                if (local.getMethod() != central.getMethod()) {   // known before the data: don't decode garbage
                    throw disagreement(current, " method");
                }
                if (wanted.contains(current)) {
                    consumer.accept(readEntry(new DataInputStream(in), current, central));
                } else {
                    in.transferTo(OutputStream.nullOutputStream());   // read through: its CRC is checked too
                }
                in.closeEntry();
                checkLocalMatchesCentral(local, central, current);
                seen++;
            }
        } catch (ZipException e) {
            throw new WeightsFileException((current == null ? file.toString() : where(current)) + ": "
                    + ZipDamage.describe(e), e);
        } catch (IllegalArgumentException e) {
            // the zip library could not decode a local header's file name: the header is not the directory's
            throw new WeightsFileException(file + ": damaged zip: the local header " + (current == null ? "of the first entry"
                    : "after array '" + current + "'") + " names a file that is not valid UTF-8 text, unlike its "
                    + "central directory entry (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new WeightsFileException((current == null ? file.toString() : where(current)) + ": " + e.getMessage(), e);
        }
        if (seen != entries.size()) {
            throw new WeightsFileException(file + ": damaged zip: " + seen + " local entries, " + entries.size()
                    + " in the central directory");
        }
    }

    /** Header, the data it announces, and nothing after it. */
    private Tensor readEntry(DataInputStream in, String name, ZipEntry entry) throws WeightsFileException, IOException {
        NpyHeader h = NpyFormat.header(in, where(name));
        checkDeclaredSize(entry, h, name);
        Tensor array = NpyFormat.readData(in, h, name, where(name));
        if (in.read() >= 0) {
            throw new WeightsFileException(where(name) + ": the entry holds more bytes than its " + h + " array");
        }
        return array;
    }

    private void checkDeclaredSize(ZipEntry entry, NpyHeader h, String name) throws WeightsFileException {
        if (entry.getSize() >= 0 && entry.getSize() != h.fileBytes()) {
            throw new WeightsFileException(String.format("%s: the zip entry declares %,d bytes; a %s array takes %,d",
                    where(name), entry.getSize(), h, h.fileBytes()));
        }
    }

    private void checkLocalMatchesCentral(ZipEntry local, ZipEntry central, String name) throws WeightsFileException {
        StringBuilder differ = new StringBuilder();
        if (!local.getName().equals(central.getName())) {
            differ.append(" name");
        }
        if (local.getCrc() != central.getCrc()) {
            differ.append(" CRC");
        }
        if (local.getSize() != central.getSize()) {
            differ.append(" size");
        }
        if (local.getCompressedSize() != central.getCompressedSize()) {
            differ.append(" compressed-size");
        }
        if (!differ.isEmpty()) {
            throw disagreement(name, differ.toString());
        }
    }

    private WeightsFileException disagreement(String name, String fields) {
        return new WeightsFileException(where(name) + ": damaged zip: the local header and the central directory disagree "
                + "on" + fields);
    }

    private ZipEntry entry(String name) throws WeightsFileException {
        ZipEntry entry = entries.get(name);
        if (entry == null) {
            throw new WeightsFileException(file + ": no array '" + name + "'");
        }
        return entry;
    }

    private String where(String name) {
        return file + " [" + name + "]";
    }

    private static String hex(long crc) {
        return String.format("%08x", crc);
    }

    @Override
    public Path file() {
        return file;
    }

    private void closeQuietly() {
        try {
            zip.close();
        } catch (IOException ignored) {
            // the constructor's own error is the one to report
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
