package dev.zoo.networks;

import dev.zoo.metadata.ModelFormat;
import dev.zoo.networks.tensors.Safetensors;
import dev.zoo.networks.tensors.TorchCheckpoint;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
 * with a TorchScript archive's {@code code/} folder and {@code constants.pkl} is TorchScript; a zip with
 * {@code data.pkl} and no {@code code/}, or a pickle (torch.save's legacy stream), is a PyTorch checkpoint; an 8-byte
 * header length followed by a JSON object is safetensors; a protocol-buffer {@code ModelProto} that opens with its
 * {@code ir_version} field is ONNX.
 */
public final class FormatDetector {

    /** "PK\3\4", big-endian: a zip's local file header. */
    private static final int ZIP_LOCAL_HEADER = 0x504B0304;

    /** ONNX IR versions so far run from 1 to 11; a margin for the next few. */
    private static final int MAX_IR_VERSION = 20;

    private FormatDetector() {
    }

    public static Optional<ModelFormat> detect(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return ofZip(Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList());
        } catch (ZipException | EOFException notAZip) {
            ByteBuffer head;
            try (InputStream in = Files.newInputStream(file)) {
                head = ByteBuffer.wrap(in.readNBytes(16));
            }
            if (head.limit() >= 4 && head.getInt(0) == ZIP_LOCAL_HEADER) {
                // a damaged zip: its first entry tells a .npz; a PyTorch archive (checkpoint or TorchScript, whose
                // first entries are alike) is left to the format the catalogue declares, and its loader names the damage
                return firstLocalName(file).filter(n -> n.endsWith(".npy")).map(n -> ModelFormat.NPZ);
            }
            if (TorchCheckpoint.looksLike(head)) {
                return Optional.of(ModelFormat.CHECKPOINT);   // a pickle: torch.save's legacy format
            }
            if (Safetensors.looksLike(head, Files.size(file))) {
                return Optional.of(ModelFormat.SAFETENSORS);
            }
            return onnx(file) ? Optional.of(ModelFormat.ONNX) : Optional.empty();
        }
    }

    private static Optional<ModelFormat> ofZip(List<String> names) {
        if (!names.isEmpty() && names.stream().allMatch(n -> n.endsWith(".npy"))) {
            return Optional.of(ModelFormat.NPZ);
        }
        boolean code = names.stream().anyMatch(n -> n.contains("/code/") || n.startsWith("code/"));
        boolean constants = names.stream().anyMatch(n -> n.endsWith("constants.pkl"));
        boolean pickle = names.stream().anyMatch(n -> n.equals("data.pkl") || n.endsWith("/data.pkl"));
        return code && constants ? Optional.of(ModelFormat.TORCHSCRIPT)
                : pickle && !code ? Optional.of(ModelFormat.CHECKPOINT) : Optional.empty();
    }

    /** The name in the zip local header the file starts with, if it starts with one. */
    private static Optional<String> firstLocalName(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            ByteBuffer head = ByteBuffer.wrap(in.readNBytes(30)).order(ByteOrder.LITTLE_ENDIAN);
            if (head.limit() < 30) {
                return Optional.empty();
            }
            byte[] name = in.readNBytes(Short.toUnsignedInt(head.getShort(26)));
            return Optional.of(new String(name, StandardCharsets.ISO_8859_1));
        }
    }

    /** Field 1 ({@code ir_version}, a varint: tag byte 0x08) with a plausible value, as every exporter writes first. */
    private static boolean onnx(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == 0x08 && head[1] >= 1 && head[1] <= MAX_IR_VERSION;
        }
    }
}
