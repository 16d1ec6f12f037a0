package dev.zoo.metadata;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a model's weights file is, and so what runs it: BiT's original {@code .npz}, a PyTorch checkpoint or a
 * safetensors file (weights: Zoo builds the network itself), a TorchScript archive (PyTorch), or an ONNX graph (ONNX
 * Runtime). The exported kinds and {@code npz} may be declared with {@code Network: {Format: …}}; otherwise the file's
 * content tells when it is loaded.
 */
public enum ModelFormat {
    NPZ("npz", "BiT ResNetV2 (.npz)", true, true),
    TORCHSCRIPT("torchscript", "TorchScript", true, false),
    ONNX("onnx", "ONNX", true, false),
    /** {@code torch.save}'s state dict (zip or legacy): weights whose network Zoo builds from timm's table. */
    CHECKPOINT("pytorch", "PyTorch checkpoint", false, true),
    /** Tensors by name, as the Hugging Face hub serves timm's weights: the network is built as for a checkpoint. */
    SAFETENSORS("safetensors", "safetensors", false, true);

    private final String label;
    private final String description;
    private final boolean declarable;
    private final boolean weightsOnly;

    ModelFormat(String label, String description, boolean declarable, boolean weightsOnly) {
        this.label = label;
        this.description = description;
        this.declarable = declarable;
        this.weightsOnly = weightsOnly;
    }

    /** A format a card's {@code Network.Format} may state (the others are told by content, with timm's table). */
    public boolean declarable() {
        return declarable;
    }

    /** Weights without their network, which Zoo builds from an architecture (BiT's .npz, checkpoints, safetensors). */
    public boolean weightsOnly() {
        return weightsOnly;
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

    /** A format a card may declare, by its label. */
    public static Optional<ModelFormat> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.declarable && f.label.equals(t)).findFirst();
    }
}
