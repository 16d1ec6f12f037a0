package dev.zoo.networks;

import dev.zoo.metadata.ModelFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * What a weights file is, from its content, never its name: a zip of {@code .npy} arrays is BiT's {@code .npz}; a zip
 * with a TorchScript archive's {@code code/} folder and {@code constants.pkl} is TorchScript; a protocol-buffer
 * {@code ModelProto} that opens with its {@code ir_version} field is ONNX.
 */
public final class FormatDetector {

    /** ONNX IR versions so far run from 1 to 11; a margin for the next few. */
    private static final int MAX_IR_VERSION = 20;

    private FormatDetector() {
    }

    public static Optional<ModelFormat> detect(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> names = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
            if (!names.isEmpty() && names.stream().allMatch(n -> n.endsWith(".npy"))) {
                return Optional.of(ModelFormat.NPZ);
            }
            boolean code = names.stream().anyMatch(n -> n.contains("/code/") || n.startsWith("code/"));
            boolean constants = names.stream().anyMatch(n -> n.endsWith("constants.pkl"));
            return code && constants ? Optional.of(ModelFormat.TORCHSCRIPT) : Optional.empty();
        } catch (ZipException | java.io.EOFException notAZip) {
            if (firstLocalName(file).filter(n -> n.endsWith(".npy")).isPresent()) {
                return Optional.of(ModelFormat.NPZ);   // a damaged .npz: its loader names the damage
            }
            return onnx(file) ? Optional.of(ModelFormat.ONNX) : Optional.empty();
        }
    }

    /** The name in the zip local header the file starts with, if it starts with one. */
    private static Optional<String> firstLocalName(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            java.nio.ByteBuffer head = java.nio.ByteBuffer.wrap(in.readNBytes(30))
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            if (head.limit() < 30 || head.getInt(0) != 0x04034b50) {
                return Optional.empty();
            }
            byte[] name = in.readNBytes(Short.toUnsignedInt(head.getShort(26)));
            return Optional.of(new String(name, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * What a file Zoo cannot run is, when its content says: a PyTorch checkpoint ({@code torch.save}'s zip with a
     * {@code data.pkl} and no TorchScript {@code code/}, or the older bare pickle) or a safetensors file (an 8-byte
     * header length, then its JSON header). Empty for anything else.
     */
    public static Optional<String> notRunnable(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> names = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
            boolean pickle = names.stream().anyMatch(n -> n.equals("data.pkl") || n.endsWith("/data.pkl"));
            boolean code = names.stream().anyMatch(n -> n.contains("/code/") || n.startsWith("code/"));
            return pickle && !code ? Optional.of(CHECKPOINT) : Optional.empty();
        } catch (ZipException | java.io.EOFException notAZip) {   // damaged: the loader names the damage
            try (InputStream in = Files.newInputStream(file)) {
                byte[] head = in.readNBytes(9);
                if (head.length >= 2 && (head[0] & 0xFF) == 0x80 && head[1] >= 2 && head[1] <= 5) {
                    return Optional.of(CHECKPOINT);      // pickle protocol 2-5: torch.save's legacy format
                }
                long headerLength = head.length < 9 ? -1 : java.nio.ByteBuffer.wrap(head, 0, 8)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
                if (headerLength > 1 && headerLength < Files.size(file) && head[8] == '{') {
                    return Optional.of("a safetensors file (tensors without the network that uses them)");
                }
                return Optional.empty();
            }
        }
    }

    private static final String CHECKPOINT = "a PyTorch checkpoint (a pickled state dict, which needs its "
            + "architecture's Python code)";

    /** Field 1 ({@code ir_version}, a varint: tag byte 0x08) with a plausible value, as every exporter writes first. */
    private static boolean onnx(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == 0x08 && head[1] >= 1 && head[1] <= MAX_IR_VERSION;
        }
    }
}
