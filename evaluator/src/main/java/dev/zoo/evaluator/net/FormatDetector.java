package dev.zoo.evaluator.net;

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
        } catch (ZipException notAZip) {
            return onnx(file) ? Optional.of(ModelFormat.ONNX) : Optional.empty();
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
