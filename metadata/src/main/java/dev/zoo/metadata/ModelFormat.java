package dev.zoo.metadata;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a model's weights file is, and so which engine runs it: BiT's original {@code .npz} (Zoo builds the ResNetV2
 * itself), a TorchScript archive (PyTorch), or an ONNX graph (ONNX Runtime). Declared with {@code Network: {Format:
 * …}}; otherwise read from the file's content when it is loaded.
 */
public enum ModelFormat {
    NPZ("npz", "BiT ResNetV2 (.npz)"),
    TORCHSCRIPT("torchscript", "TorchScript"),
    ONNX("onnx", "ONNX");

    private final String label;
    private final String description;

    ModelFormat(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** "a TorchScript", "an ONNX": for messages. */
    public String withArticle() {
        return ("AEIOU".indexOf(description.charAt(0)) >= 0 ? "an " : "a ") + description;
    }

    public static Optional<ModelFormat> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.label.equals(t)).findFirst();
    }
}
