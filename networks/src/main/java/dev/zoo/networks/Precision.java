package dev.zoo.networks;

import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The arithmetic a forward pass uses ({@code --precision}). {@code fp32} and {@code tf32} keep weights and activations
 * in float32 ({@code tf32} lets a GPU's tensor cores round convolution inputs to TF32, PyTorch's default for cuDNN);
 * {@code fp16} runs convolutions and the head's matrix product in 16 bits and, as PyTorch's autocast does, GroupNorm
 * (statistics and affine) and the final logits in float32. {@code bf16} is named so that asking for it gets a reason:
 * DJL 0.36's PyTorch binding cannot make bfloat16 tensors ({@code ComputeSetup} refuses it).
 */
public enum Precision {
    FP32("fp32", DataType.FLOAT32),
    TF32("tf32", DataType.FLOAT32),
    BF16("bf16", DataType.BFLOAT16),
    FP16("fp16", DataType.FLOAT16);

    private final String label;
    private final DataType compute;

    Precision(String label, DataType compute) {
        this.label = label;
        this.compute = compute;
    }

    public String label() {
        return label;
    }

    /** The type convolutions and the head's matrix product run in. */
    public DataType compute() {
        return compute;
    }

    public boolean isHalf() {
        return compute != DataType.FLOAT32;
    }

    public static Optional<Precision> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.label.equals(t)).findFirst();
    }

    /**
     * What timm's validation does by default on that kind of device: float32 on a CPU; on a GPU float32 with
     * PyTorch's default of TF32 for cuDNN convolutions (matrix products stay float32).
     */
    public static Precision defaultFor(boolean gpu) {
        return gpu ? TF32 : FP32;
    }
}
