package dev.zoo.metadata;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * What a weights file is, as far as its URL's name tells before a download. Zoo runs BiT's {@code .npz}, TorchScript
 * and ONNX; the field mostly publishes PyTorch checkpoints ({@code .pth}, {@code .pth.tar}, {@code .bin},
 * {@code .ckpt}: a pickled state dict, which needs its architecture's Python code) and safetensors (tensors without a
 * graph), which Zoo cannot run. A {@code .pt} file may be TorchScript or a checkpoint: only its content tells.
 */
public enum WeightsKind {
    NPZ(null),
    ONNX(null),
    /** {@code .pt} and names that say nothing: the content decides when the file is loaded. */
    UNKNOWN(null),
    PYTORCH_CHECKPOINT("not evaluable by Zoo: a PyTorch checkpoint needs its architecture's code; export it to "
            + "TorchScript or ONNX (README: Models from other frameworks)"),
    SAFETENSORS("not evaluable by Zoo: a safetensors file holds tensors without the network; export the model to "
            + "TorchScript or ONNX (README: Models from other frameworks)");

    private final String refusal;

    WeightsKind(String refusal) {
        this.refusal = refusal;
    }

    /** Why Zoo cannot run a file of this kind; empty when it can try. */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
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
        if (name.endsWith(".pth") || name.endsWith(".pth.tar") || name.endsWith(".bin") || name.endsWith(".ckpt")
                || name.endsWith(".pkl")) {
            return PYTORCH_CHECKPOINT;
        }
        return name.endsWith(".safetensors") ? SAFETENSORS : UNKNOWN;
    }
}
