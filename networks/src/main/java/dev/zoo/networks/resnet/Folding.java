package dev.zoo.networks.resnet;

import dev.zoo.metadata.arch.ResNetLayout;
import dev.zoo.metadata.arch.ResNetLayout.ConvBn;
import dev.zoo.networks.tensors.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * Batch norm folded into the convolution before it, as tensors arrive: each convolution's weight and its batch
 * norm's weight, bias, running mean and variance are held until all five are there, then become one weight and one
 * bias: {@code w' = w * gamma / sqrt(var + eps)} per output channel, {@code b' = beta - mean * gamma / sqrt(var + eps)},
 * in double and rounded once. Evaluation-mode batch norm is this affine map, so the folded convolution computes it in
 * one pass (within float32 rounding of timm's two).
 */
final class Folding {

    /** Receives a folded convolution: its name, the folded weight (same shape) and the bias. */
    @FunctionalInterface
    interface Sink {
        void accept(String conv, Tensor weight, float[] bias);
    }

    private static final String[] BN = {"weight", "bias", "running_mean", "running_var"};

    private final Map<String, ConvBn> byTensor = new HashMap<>();
    private final Map<String, Map<String, float[]>> pending = new HashMap<>();
    private final Map<String, long[]> shapes = new HashMap<>();
    private final Sink sink;
    private int left;

    Folding(ResNetLayout layout, Sink sink) {
        this.sink = sink;
        for (ConvBn c : layout.allConvs()) {
            byTensor.put(c.conv() + ".weight", c);
            for (String s : BN) {
                byTensor.put(c.bn() + "." + s, c);
            }
            left++;
        }
    }

    /** Takes {@code t} if it belongs to a convolution or its batch norm; false for any other tensor. */
    boolean accept(Tensor t) {
        ConvBn c = byTensor.get(t.name());
        if (c == null) {
            return false;
        }
        Map<String, float[]> parts = pending.computeIfAbsent(c.conv(), k -> new HashMap<>());
        parts.put(t.name(), t.data());
        if (t.name().equals(c.conv() + ".weight")) {
            shapes.put(c.conv(), t.shape());
        }
        if (parts.size() == 1 + BN.length) {
            pending.remove(c.conv());
            fold(c, parts);
            left--;
        }
        return true;
    }

    /** Every convolution was folded (the reader handed over every tensor it was asked for). */
    void requireDone() {
        if (left != 0) {
            throw new IllegalStateException(left + " convolution(s) never received all their tensors: "
                    + pending.keySet());
        }
    }

    private void fold(ConvBn c, Map<String, float[]> parts) {
        float[] w = parts.get(c.conv() + ".weight");
        float[] gamma = parts.get(c.bn() + ".weight");
        float[] beta = parts.get(c.bn() + ".bias");
        float[] mean = parts.get(c.bn() + ".running_mean");
        float[] var = parts.get(c.bn() + ".running_var");
        int out = gamma.length;
        int per = w.length / out;
        float[] folded = new float[w.length];
        float[] bias = new float[out];
        for (int o = 0; o < out; o++) {
            double scale = gamma[o] / Math.sqrt((double) var[o] + ResNetLayout.BN_EPS);
            for (int i = 0; i < per; i++) {
                folded[o * per + i] = (float) (w[o * per + i] * scale);
            }
            bias[o] = (float) (beta[o] - mean[o] * scale);
        }
        sink.accept(c.conv(), new Tensor(c.conv() + ".weight", shapes.get(c.conv()), folded), bias);
    }
}
