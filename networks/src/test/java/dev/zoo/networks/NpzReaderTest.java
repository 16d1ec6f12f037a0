package dev.zoo.networks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.zoo.networks.resnetv2.BitResNetV2;
import dev.zoo.networks.WeightsMismatchException;
import dev.zoo.networks.tensors.Tensor;
import dev.zoo.networks.tensors.WeightsFileException;
import dev.zoo.networks.tensors.NpzReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzReaderTest {

    @TempDir
    Path tmp;

    /** A .npy as numpy writes it (version 1 header padded to 64 bytes). */
    static byte[] npy(String descr, boolean fortran, long[] shape, ByteOrder order, float... values) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': ("
                + dims.toString().replaceAll(", $", shape.length == 1 ? "," : "") + "), }";
        int pad = 64 - (10 + dict.length() + 1) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        b.order(order);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    Path npz(Map<String, byte[]> arrays) throws Exception {
        Path file = tmp.resolve("t" + System.nanoTime() + ".npz");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            for (var e : arrays.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return file;
    }

    /** A dtype numpy refuses is refused, never read as float32: an empty descr, a byte order alone. */
    @Test
    void dtypesNumpyRefusesAreRefusedNamingTheArray() throws Exception {
        for (String descr : new String[]{"", "<", "|", "<f4x", "<f"}) {
            Path file = npz(Map.of("w", npy(descr, false, new long[]{2}, ByteOrder.LITTLE_ENDIAN, 1f, 2f)));
            try (NpzReader r = new NpzReader(file)) {
                assertThatThrownBy(() -> r.read("w")).as("descr '%s'", descr)
                        .isInstanceOf(WeightsFileException.class).hasMessageContaining(file + " [w]")
                        .hasMessageContaining("dtype '" + descr + "'");
            }
        }
    }

    @Test
    void bigEndianAndFortranOrderAreReadCorrectly() throws Exception {
        float[] c = {1, 2, 3, 4, 5, 6};   // a 2x3 matrix in C order
        float[] f = {1, 4, 2, 5, 3, 6};   // the same matrix in Fortran order
        Path file = npz(Map.of(
                "little", npy("<f4", false, new long[]{2, 3}, ByteOrder.LITTLE_ENDIAN, c),
                "big", npy(">f4", false, new long[]{2, 3}, ByteOrder.BIG_ENDIAN, c),
                "fortran", npy("<f4", true, new long[]{2, 3}, ByteOrder.LITTLE_ENDIAN, f),
                "bigfortran", npy(">f4", true, new long[]{2, 3}, ByteOrder.BIG_ENDIAN, f)));
        try (NpzReader r = new NpzReader(file)) {
            for (String name : new String[]{"little", "big", "fortran", "bigfortran"}) {
                Tensor a = r.read(name);
                assertThat(a.shape()).as(name).containsExactly(2, 3);
                assertThat(a.data()).as(name).containsExactly(c);
            }
        }
    }

    @Test
    void unsupportedAndBrokenArraysAreRejectedByName() throws Exception {
        byte[] ints = npy("<i4", false, new long[]{1}, ByteOrder.LITTLE_ENDIAN, 0f);
        byte[] good = npy("<f4", false, new long[]{4}, ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4);
        byte[] cut = Arrays.copyOf(good, good.length - 3);
        Path file = npz(Map.of("ints", ints, "cut", cut));
        try (NpzReader r = new NpzReader(file)) {
            assertThatThrownBy(() -> r.read("ints")).isInstanceOf(WeightsFileException.class)
                    .hasMessageContaining(file + " [ints]: dtype '<i4' is not supported");
            assertThatThrownBy(() -> r.read("cut")).hasMessageContaining(file + " [cut]: the zip entry declares 141 "
                    + "bytes; a <f4 (4) array takes 144");
            assertThatThrownBy(() -> r.read("absent")).hasMessage(file + ": no array 'absent'");
        }
        Path notZip = Files.writeString(tmp.resolve("x.npz"), "hello");
        assertThatThrownBy(() -> new NpzReader(notZip)).hasMessageStartingWith(notZip + ": not a .npz (zip) file");
    }

    /** The tiny fixture with one entry changed. */
    Path tinyWith(String entry, UnaryOperator<byte[]> change) throws Exception {
        Path out = tmp.resolve("tiny-" + System.nanoTime() + ".npz");
        try (ZipFile in = new ZipFile(Fixtures.path("bit-tiny/weights.npz").toFile());
             ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
            for (var e : Collections.list(in.entries())) {
                byte[] data = in.getInputStream(e).readAllBytes();
                byte[] changed = e.getName().equals(entry + ".npy") ? change.apply(data) : data;
                if (changed != null) {
                    z.putNextEntry(new ZipEntry(e.getName()));
                    z.write(changed);
                    z.closeEntry();
                }
            }
            if (entry.startsWith("extra/")) {
                z.putNextEntry(new ZipEntry(entry + ".npy"));
                z.write(npy("<f4", false, new long[]{1}, ByteOrder.LITTLE_ENDIAN, 1f));
                z.closeEntry();
            }
        }
        return out;
    }

    @Test
    void missingKeysWrongShapesAndExtraKeysAreReported() throws Exception {
        String key = "resnet/block2/unit01/b/standardized_conv2d/kernel";
        Path missing = tinyWith(key, b -> null);
        assertThatThrownBy(() -> BitResNetV2.load(BitResNetV2GoldenTest.TINY, missing, Device.cpu(),
                BitResNetV2.Options.BIT)).isInstanceOf(WeightsMismatchException.class)
                .hasMessageContaining("missing array '" + key + "' (expected shape (3, 3, 32, 32))");

        Path wrong = tinyWith("resnet/head/conv2d/bias", b -> npy("<f4", false, new long[]{11},
                ByteOrder.LITTLE_ENDIAN, new float[11]));
        assertThatThrownBy(() -> BitResNetV2.load(BitResNetV2GoldenTest.TINY, wrong, Device.cpu(),
                BitResNetV2.Options.BIT)).hasMessageContaining("array 'resnet/head/conv2d/bias' has shape (11), "
                + "expected (10)");

        Path extra = tinyWith("extra/thing", b -> b);
        try (BitResNetV2 net = BitResNetV2.load(BitResNetV2GoldenTest.TINY, extra, Device.cpu(),
                BitResNetV2.Options.BIT)) {
            assertThat(net.unexpectedKeys()).containsExactly("extra/thing");
        }
    }


}
