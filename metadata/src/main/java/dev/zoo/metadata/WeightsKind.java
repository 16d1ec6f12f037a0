package dev.zoo.metadata;

import dev.zoo.metadata.arch.WeightsFacts;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * What a weights file is, as far as its URL's name tells before a download: the one place that reads a name. The
 * field mostly publishes PyTorch checkpoints ({@code .pth}, {@code .pth.tar}, {@code .bin}, {@code .ckpt}: a pickled
 * state dict) and safetensors, weights whose network Zoo builds from timm's table; BiT's {@code .npz} likewise;
 * TorchScript and ONNX carry their network. A {@code .pt} file may be TorchScript or a checkpoint: only its content
 * tells. A name only suggests: when the file is loaded its content decides, and a model's ID never implies a format.
 */
public enum WeightsKind {
    NPZ(ModelFormat.NPZ, "a BiT .npz"),
    ONNX(ModelFormat.ONNX, "an ONNX model"),
    TORCHSCRIPT(ModelFormat.TORCHSCRIPT, "a TorchScript archive"),
    /** {@code .pt} and names that say nothing: the content decides when the file is loaded. */
    UNKNOWN(null, "any format"),
    PYTORCH_CHECKPOINT(ModelFormat.CHECKPOINT, "a PyTorch checkpoint"),
    SAFETENSORS(ModelFormat.SAFETENSORS, "a safetensors file");

    private final ModelFormat format;
    private final String description;

    WeightsKind(ModelFormat format, String description) {
        this.format = format;
        this.description = description;
    }

    /**
     * True for weights without their network (a checkpoint's state dict, safetensors): Zoo evaluates them only as
     * a network it builds, which the card's ID must name.
     */
    public boolean weightsWithoutNetwork() {
        return this == PYTORCH_CHECKPOINT || this == SAFETENSORS;
    }

    /** The format the name suggests; empty when it says none. */
    public Optional<ModelFormat> format() {
        return Optional.ofNullable(format);
    }

    /** "a PyTorch checkpoint": what a name of this kind suggests, for messages. */
    public String description() {
        return description;
    }

    /** True when the name says something. */
    public boolean says() {
        return this != UNKNOWN;
    }

    /** torch.hub's convention: a file named {@code name-<hex>.pth} carries the first digits of its sha256. */
    private static final java.util.regex.Pattern NAME_DIGITS = java.util.regex.Pattern.compile("-([a-f0-9]+)\\.");
    /** Fewer hex digits than this in a name are a word ("-b0.", "-face."), not a checksum. */
    static final int MIN_NAME_DIGITS = 8;

    /**
     * The sha256 digits a weights file's name carries (torch.hub's {@code check_hash}: the first {@code -<hex>.} of the
     * file name, as timm's, torchvision's and OpenMMLab's files are named: {@code resnet50_ram-a26f946b.pth}); empty
     * when the name carries none (or fewer than 8 digits).
     */
    public static Optional<String> nameDigits(String url) {
        String name = WeightsFacts.fileName(url);
        if (name == null) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = NAME_DIGITS.matcher(name);
        return m.find() && m.group(1).length() >= MIN_NAME_DIGITS ? Optional.of(m.group(1)) : Optional.empty();
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
