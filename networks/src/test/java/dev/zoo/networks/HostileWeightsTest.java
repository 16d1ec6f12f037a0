package dev.zoo.networks;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.zoo.networks.resnetv2.BitResNetV2;
import dev.zoo.networks.WeightsMismatchException;
import dev.zoo.networks.tensors.WeightsFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged and crafted {@code .npz} files: each is refused with a message naming the file and, where there is one, the
 * array, before anything large is allocated; none evaluates.
 */
class HostileWeightsTest {

    private static final String BIAS = "resnet/head/conv2d/bias";
    private static final byte[] TINY = readTiny();

    @TempDir
    Path tmp;

    private static byte[] readTiny() {
        try {
            return Fixtures.bytes("bit-tiny/weights.npz");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Throwable load(Path npz) {
        try (BitResNetV2 net = BitResNetV2.load(BitResNetV2GoldenTest.TINY, npz, Device.cpu(),
                BitResNetV2.Options.BIT)) {
            return new AssertionError(npz + " loaded: " + net.spec());
        } catch (WeightsFileException | WeightsMismatchException e) {
            return e;
        }
    }

    /** A .npy header with this shape text, numpy's padding, and {@code dataBytes} zero bytes after it. */
    private static byte[] npyWithShape(String shape, int dataBytes) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int pad = 64 - (10 + dict.length() + 1) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    /** The tiny fixture rewritten with the bias entry replaced. */
    private Path withBias(byte[] npy) throws IOException {
        Path out = tmp.resolve("w" + System.nanoTime() + ".npz");
        try (ZipFile in = new ZipFile(Fixtures.path("bit-tiny/weights.npz").toFile());
             ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : Collections.list(in.entries())) {
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(e.getName().equals(BIAS + ".npy") ? npy : in.getInputStream(e).readAllBytes());
                z.closeEntry();
            }
        }
        return out;
    }

    static Stream<Arguments> craftedShapes() {
        return Stream.of(
                Arguments.of("(16L,)", "shape ('16L,') is not a tuple of whole numbers"),
                Arguments.of("(-16,)", "shape ('-16,') is not a tuple of whole numbers"),
                Arguments.of("(sixteen,)", "shape ('sixteen,') is not a tuple of whole numbers"),
                Arguments.of("(16.0,)", "shape ('16.0,') is not a tuple of whole numbers"),
                Arguments.of("(2e9,)", "shape ('2e9,') is not a tuple of whole numbers"),
                Arguments.of("(1500000000,)", "the zip entry declares 168 bytes; a <f4 (1500000000) array takes "
                        + "6,000,000,128"),
                Arguments.of("(99999999999999, 99999999999999)", "holds more values than one array can"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("craftedShapes")
    void craftedShapesAreRefusedBeforeAllocating(String shape, String expected) throws IOException {
        Path npz = withBias(npyWithShape(shape, 40));
        assertThat(load(npz)).isInstanceOf(WeightsFileException.class)
                .hasMessageStartingWith(npz + " [" + BIAS + "]: ").hasMessageContaining(expected);
    }

    @Test
    void aZipBombEntryIsRefusedByItsDeclaredSize() throws IOException {
        byte[] bomb = npyWithShape("(10,)", 64 * 1024 * 1024);   // deflates to ~64 kB, inflates to 64 MB
        Path npz = withBias(bomb);
        assertThat(Files.size(npz)).isLessThan(4_000_000);
        assertThat(load(npz)).isInstanceOf(WeightsFileException.class).hasMessage(npz + " [" + BIAS + "]: the zip entry "
                + "declares 67,108,992 bytes; a <f4 (10) array takes 168");
    }

    @Test
    void nonFiniteWeightsNameTheFirstArrayHoldingThem() throws IOException {
        for (float bad : new float[]{Float.NaN, Float.POSITIVE_INFINITY}) {
            float[] values = new float[10];
            values[3] = bad;
            Path npz = withBias(NpzReaderTest.npy("<f4", false, new long[]{10}, ByteOrder.LITTLE_ENDIAN, values));
            assertThat(load(npz)).isInstanceOf(WeightsFileException.class).hasMessage(npz + " [" + BIAS + "]: holds a "
                    + "non-finite value (" + bad + " at element 3 of (10)); the weights are damaged");
        }
    }

    // --- zip structure: byte edits of the numpy-written fixture ------------------------------------------------

    private Path patched(Consumer<byte[]> edit) throws IOException {
        byte[] copy = TINY.clone();
        edit.accept(copy);
        return Files.write(tmp.resolve("p" + System.nanoTime() + ".npz"), copy);
    }

    /** Offset of the {@code n}th (0-based) occurrence of the bias entry's name: 0 is its local header, 1 central. */
    private static int nameAt(byte[] zip, int n) {
        byte[] name = (BIAS + ".npy").getBytes(StandardCharsets.US_ASCII);
        int found = -1;
        for (int i = 0; i <= zip.length - name.length; i++) {
            if (java.util.Arrays.equals(zip, i, i + name.length, name, 0, name.length) && ++found == n) {
                return i;
            }
        }
        throw new IllegalStateException("name not found");
    }

    static Stream<Arguments> damagedZips() {
        return Stream.of(
                Arguments.of("local CRC", (Consumer<byte[]>) z -> z[nameAt(z, 0) - 30 + 14] ^= 0x5A,
                        "[" + BIAS + "]: damaged zip: an entry's data does not match its checksum (zip library: invalid "
                                + "entry CRC"),
                Arguments.of("central CRC", (Consumer<byte[]>) z -> z[nameAt(z, 1) - 46 + 16] ^= 0x5A,
                        "[" + BIAS + "]: damaged zip: the local header and the central directory disagree on CRC"),
                Arguments.of("local compressed size", (Consumer<byte[]>) z -> z[nameAt(z, 0) - 30 + 18] ^= 0x01,
                        "damaged zip"),
                Arguments.of("local header moved", (Consumer<byte[]>) z -> z[nameAt(z, 0) - 30] = 'X',
                        "damaged zip: an entry's local header is not where the central directory says (zip library: "
                                + "ZipFile invalid LOC header (bad signature))"),
                Arguments.of("local method", (Consumer<byte[]>) z -> z[nameAt(z, 0) - 30 + 8] = 8,
                        "damaged zip: the local header and the central directory disagree on method"),
                Arguments.of("local name", (Consumer<byte[]>) z -> z[nameAt(z, 0) + 3] ^= 0x01,
                        "damaged zip: local entry 'resoet/head/conv2d/bias.npy' is not in the central directory"),
                Arguments.of("local name not text", (Consumer<byte[]>) z -> z[nameAt(z, 0) + 3] = (byte) 0xFF,
                        "damaged zip: the local header after array '"),
                Arguments.of("local name not text, said why", (Consumer<byte[]>) z -> z[nameAt(z, 0) + 3] = (byte) 0xFF,
                        "names a file that is not valid UTF-8 text, unlike its central directory entry"),
                Arguments.of("end record count", (Consumer<byte[]>) z -> {
                    int end = lastIndexOf(z, new byte[]{'P', 'K', 5, 6});
                    z[end + 8] = 7;
                    z[end + 10] = 7;
                }, "damaged zip: its end record declares 7 entries, the central directory holds 81"),
                Arguments.of("end record comment length past the end", (Consumer<byte[]>) z -> {
                    int end = lastIndexOf(z, new byte[]{'P', 'K', 5, 6});
                    z[end + 20] = 5;
                }, "damaged zip: its end record announces a 5-byte comment, but 0 bytes follow the record; numpy "
                        + "may still open it"),
                Arguments.of("data byte", (Consumer<byte[]>) z -> z[nameAt(z, 0) + 27 + 20 + 128 + 5] ^= 0x01,
                        "[" + BIAS + "]: damaged zip: an entry's data does not match its checksum (zip library: invalid "
                                + "entry CRC"));
    }

    private static int lastIndexOf(byte[] data, byte[] what) {
        for (int i = data.length - what.length; i >= 0; i--) {
            if (java.util.Arrays.equals(data, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        throw new IllegalStateException("not found");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedZips")
    void damagedZipStructureIsRefused(String what, Consumer<byte[]> edit, String expected) throws IOException {
        Path npz = patched(edit);
        assertThat(load(npz)).isInstanceOf(WeightsFileException.class).hasMessageStartingWith(npz.toString())
                .hasMessageContaining(expected);
    }

    @Test
    void theUndamagedFixtureStillLoads() throws IOException {
        Path npz = patched(z -> { });
        assertThat(load(npz)).isInstanceOf(AssertionError.class).hasMessageContaining("loaded");
    }
}
