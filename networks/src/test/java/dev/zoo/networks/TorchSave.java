package dev.zoo.networks;

import dev.zoo.networks.tensors.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes state dicts as {@code torch.save} does (pickle protocol 2; the zip format, stored entries; the legacy
 * stream), for tests that need a full-size network's checkpoint without committing one: its weights are made by
 * {@link WeightRule}. The readers themselves are held to files PyTorch wrote ({@code fixtures/checkpoints}).
 */
public final class TorchSave {

    private TorchSave() {
    }

    /** The zip format: {@code archive/data.pkl}, {@code archive/data/<i>}; optionally wrapped in training state. */
    public static void zip(Path file, List<Tensor> tensors, boolean wrapped) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(0);
            stored(zip, "archive/data.pkl", pickle(tensors, wrapped, false));
            stored(zip, "archive/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < tensors.size(); i++) {
                stored(zip, "archive/data/" + i, bytes(tensors.get(i)));
            }
            stored(zip, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The legacy stream: magic, protocol, system info, the object, the storage keys, then each storage. */
    public static void legacy(Path file, List<Tensor> tensors, boolean wrapped) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            Pickler magic = new Pickler();
            magic.raw(0x8a, 10).raw(0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19).stop();
            out.write(magic.bytes());
            out.write(new Pickler().binint(1001).stop().bytes());
            Pickler info = new Pickler();
            info.raw('}').mark().text("protocol_version").binint(1001).text("little_endian").raw(0x88)
                    .raw('u').stop();
            out.write(info.bytes());
            out.write(pickle(tensors, wrapped, true));
            Pickler keys = new Pickler();
            keys.raw(']').mark();
            for (int i = 0; i < tensors.size(); i++) {
                keys.text(Integer.toString(i));
            }
            out.write(keys.raw('e').stop().bytes());
            for (Tensor t : tensors) {
                out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(t.data().length).array());
                out.write(bytes(t));
            }
        }
    }

    /** A safetensors file: header length, JSON header (dtype, shape, data offsets), data. */
    public static void safetensors(Path file, List<Tensor> tensors) throws IOException {
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        for (Tensor t : tensors) {
            long end = offset + 4L * t.data().length;
            header.append(header.length() > 1 ? "," : "").append('"').append(t.name()).append("\":{\"dtype\":\"F32\","
                    + "\"shape\":").append(Arrays.toString(t.shape()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        byte[] text = header.append('}').toString().getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(text.length).array());
            out.write(text);
            for (Tensor t : tensors) {
                out.write(bytes(t));
            }
        }
    }

    private static byte[] pickle(List<Tensor> tensors, boolean wrapped, boolean legacy) {
        Pickler p = new Pickler();
        if (wrapped) {
            p.raw('}').mark().text("epoch").binint(90).text("state_dict");
        }
        p.global("collections", "OrderedDict").raw(')').raw('R').mark();
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            p.text((wrapped ? "module." : "") + t.name());
            p.global("torch._utils", "_rebuild_tensor_v2").mark();
            p.mark().text("storage").global("torch", "FloatStorage").text(Integer.toString(i)).text("cpu")
                    .binint(t.data().length);
            if (legacy) {
                p.raw('N');
            }
            p.raw('t').raw('Q');
            p.binint(0);
            p.mark();
            for (long d : t.shape()) {
                p.binint((int) d);
            }
            p.raw('t').mark();
            long stride = 1;
            long[] strides = new long[t.shape().length];
            for (int d = strides.length - 1; d >= 0; d--) {
                strides[d] = stride;
                stride *= t.shape()[d];
            }
            for (long s : strides) {
                p.binint((int) s);
            }
            p.raw('t').raw(0x89).global("collections", "OrderedDict").raw(')').raw('R').raw('t').raw('R');
        }
        p.raw('u');
        if (wrapped) {
            p.raw('u');
        }
        return p.stop().bytes();
    }

    private static byte[] bytes(Tensor t) {
        ByteBuffer b = ByteBuffer.allocate(t.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : t.data()) {
            b.putFloat(f);
        }
        return b.array();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /** Pickle opcodes, protocol 2. */
    private static final class Pickler {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickler() {
            raw(0x80, 2);
        }

        Pickler raw(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Pickler mark() {
            return raw('(');
        }

        Pickler text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            raw('X');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
            out.writeBytes(b);
            return this;
        }

        Pickler binint(int v) {
            raw('J');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
            return this;
        }

        Pickler global(String module, String name) {
            raw('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Pickler stop() {
            return raw('.');
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Every tensor of a layout, made by the rule, in the layout's order. */
    public static List<Tensor> ruled(Map<String, long[]> shapes) {
        List<Tensor> out = new ArrayList<>();
        shapes.forEach((name, shape) -> out.add(new Tensor(name, shape, WeightRule.values(name, shape))));
        return out;
    }
}
