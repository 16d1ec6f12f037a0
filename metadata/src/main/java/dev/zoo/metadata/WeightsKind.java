package dev.zoo.metadata;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * What a weights file is, as far as its URL's name tells before a download: the one place that reads a name. Zoo runs
 * BiT's {@code .npz}, TorchScript and ONNX; the field mostly publishes PyTorch checkpoints ({@code .pth},
 * {@code .pth.tar}, {@code .bin}, {@code .ckpt}: a pickled state dict, which needs its architecture's Python code) and
 * safetensors (tensors without a graph), which Zoo cannot run. A {@code .pt} file may be TorchScript or a checkpoint:
 * only its content tells. A name only suggests: when the file is loaded its content decides, and a model's ID never
 * implies a format.
 */
public enum WeightsKind {
    NPZ(ModelFormat.NPZ, "a BiT .npz", null),
    ONNX(ModelFormat.ONNX, "an ONNX model", null),
    TORCHSCRIPT(ModelFormat.TORCHSCRIPT, "a TorchScript archive", null),
    /** {@code .pt} and names that say nothing: the content decides when the file is loaded. */
    UNKNOWN(null, "any format", null),
    PYTORCH_CHECKPOINT(null, "a PyTorch checkpoint", "not evaluable by Zoo: a PyTorch checkpoint needs its "
            + "architecture's code; export it to TorchScript or ONNX (README: Models from other frameworks)"),
    SAFETENSORS(null, "a safetensors file", "not evaluable by Zoo: a safetensors file holds tensors without the "
            + "network; export the model to TorchScript or ONNX (README: Models from other frameworks)");

    private final ModelFormat format;
    private final String description;
    private final String refusal;

    WeightsKind(ModelFormat format, String description, String refusal) {
        this.format = format;
        this.description = description;
        this.refusal = refusal;
    }

    /** Why Zoo cannot run a file of this kind; empty when it can try. */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** The format Zoo runs that the name suggests; empty when it says none (or one Zoo cannot run). */
    public Optional<ModelFormat> format() {
        return Optional.ofNullable(format);
    }

    /** "a PyTorch checkpoint": what a name of this kind suggests, for messages. */
    public String description() {
        return description;
    }

    /** True when the name says something: a format Zoo runs, or one it cannot. */
    public boolean says() {
        return this != UNKNOWN;
    }

    /** The kind a URL's file name suggests (query and fragment ignored). */
    public static WeightsKind ofUrl(String url) {
        if (url == null) {
            return UNKNOWN;
        }
        String path;
        try {
            path = URI.create(url.trim()).getPath();
        } catch (IllegalArgumentException e) {
            path = url;
        }
        String name = (path == null ? url : path).toLowerCase(Locale.ROOT);
        if (name.endsWith(".npz")) {
            return NPZ;
        }
        if (name.endsWith(".onnx")) {
            return ONNX;
        }
        if (name.endsWith(".ts") || name.endsWith(".torchscript")) {
            return TORCHSCRIPT;
        }
        if (name.endsWith(".pth") || name.endsWith(".pth.tar") || name.endsWith(".bin") || name.endsWith(".ckpt")
                || name.endsWith(".pkl")) {
            return PYTORCH_CHECKPOINT;
        }
        return name.endsWith(".safetensors") ? SAFETENSORS : UNKNOWN;
    }
}
