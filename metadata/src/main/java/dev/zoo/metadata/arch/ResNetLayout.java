package dev.zoo.metadata.arch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ResNet-shaped network as the layers of its state dict: a stem of convolutions (each followed by batch norm and
 * ReLU) and a 3x3/2 max pool, blocks of convolutions with batch norm (ReLU between them), an optional channel
 * attention on the last one's output, a shortcut (identity, or an optional 2x2 average pool and a projection), the
 * sum and a ReLU; then global average pooling and a linear head. Anti-aliased variants (timm's {@code aa_layer})
 * downsample by a blur pool instead of a strided convolution or max pool. timm's {@code ResNet} (resnet.py, gluon_resnet.py)
 * and its legacy {@code SENet} (senet.py) are both this, with their own names, widths and strides
 * ({@link ResNetArchitecture} makes them).
 *
 * @param stem        the stem's convolutions, in order
 * @param stemPool    how the stem ends
 * @param blocks      every residual block, in order
 * @param head        the linear head's name ("fc", "last_linear"): weight (classes, features) and bias
 */
public record ResNetLayout(List<ConvBn> stem, StemPool stemPool, List<Block> blocks, String head, int features,
                           int classes) {

    /** Batch norm's epsilon in both classes (PyTorch's default). */
    public static final double BN_EPS = 1e-5;

    /**
     * timm's {@code BlurPool2d} as its ResNet uses it: reflection padding of 1, then each channel convolved with the
     * 3x3 binomial filter ([1, 2, 1] / 4 times its transpose) at stride 2.
     */
    public static final int BLUR_STRIDE = 2;

    /** The stem's pooling. */
    public enum StemPool {
        /** A 3x3 max pool, stride 2, padding 1 (timm's ResNet). */
        PADDED,
        /** A 3x3 max pool, stride 2, no padding, ceil mode (the legacy SENet). */
        CEIL,
        /** A 3x3 max pool, stride 1, padding 1, then a blur pool (timm's anti-aliased ResNet). */
        BLURRED;

        int outSize(int size) {
            return switch (this) {
                case PADDED -> (size + 2 - 3) / 2 + 1;
                case CEIL -> ceilPool(size, 3, 2);
                case BLURRED -> blurredSize(size);
            };
        }
    }

    static int blurredSize(int size) {
        return (size + 2 - 3) / BLUR_STRIDE + 1;
    }

    public ResNetLayout {
        stem = List.copyOf(stem);
        blocks = List.copyOf(blocks);
    }

    /**
     * A bias-free convolution and the batch norm after it.
     *
     * @param conv    its weight's name without ".weight" ({@code layer1.0.conv1})
     * @param bn      the batch norm's name ({@code layer1.0.bn1}): weight, bias, running_mean, running_var
     * @param blurred true: its ReLU's output is blur-pooled ({@link #BLUR_STRIDE}); the convolution itself then runs at
     *                {@code stride} 1
     */
    public record ConvBn(String conv, String bn, int in, int out, int kernel, int stride, int padding, int groups,
                         boolean blurred) {

        public ConvBn(String conv, String bn, int in, int out, int kernel, int stride, int padding, int groups) {
            this(conv, bn, in, out, kernel, stride, padding, groups, false);
        }

        public long[] weightShape() {
            return new long[]{out, in / groups, kernel, kernel};
        }

        long parameters() {
            return (long) out * (in / groups) * kernel * kernel + 2L * out;
        }

        int convSize(int size) {
            return (size + 2 * padding - kernel) / stride + 1;
        }

        /** The size of its output (after the blur pool, where there is one). */
        int outSize(int size) {
            return blurred ? blurredSize(convSize(size)) : convSize(size);
        }

        /** Multiply-adds on an input of {@code size}: the convolution's, and the blur pool's 9 per output. */
        long macs(int size) {
            int c = convSize(size);
            long conv = (long) c * c * out * (in / groups) * kernel * kernel;
            int b = blurredSize(c);
            return blurred ? conv + (long) b * b * out * 9 : conv;
        }
    }

    /** Channel attention on a block's output, before the sum. */
    public sealed interface Attention {
    }

    /**
     * Squeeze-and-excitation: global average, a 1x1 conv to {@code reduced} channels with bias, ReLU, a 1x1 conv back
     * with bias, sigmoid, scale.
     */
    public record SqueezeExcite(String fc1, String fc2, int channels, int reduced) implements Attention {
    }

    /** ECA: global average, a 1-D convolution of {@code kernel} taps across channels (no bias), sigmoid, scale. */
    public record Eca(String conv, int channels, int kernel) implements Attention {
    }

    /**
     * A shortcut that changes shape: an optional 2x2/2 average pool (ceil mode, padding not counted; the "-d"
     * variants), then a projection.
     */
    public record Projection(boolean avgPool, ConvBn conv) {
    }

    /**
     * One residual block.
     *
     * @param convs     convolutions in order, ReLU after each but the last
     * @param reluLast  a ReLU after the last convolution too, before the attention (senet.py's basic block)
     * @param attention null for none
     * @param shortcut  null for identity
     */
    public record Block(String name, List<ConvBn> convs, boolean reluLast, Attention attention, Projection shortcut) {
        public Block {
            convs = List.copyOf(convs);
        }
    }

    /** Every tensor the network reads from a state dict, with its shape, in a stable order. */
    public Map<String, long[]> tensors() {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (ConvBn c : allConvs()) {
            out.put(c.conv() + ".weight", c.weightShape());
            for (String s : new String[]{"weight", "bias", "running_mean", "running_var"}) {
                out.put(c.bn() + "." + s, new long[]{c.out()});
            }
        }
        for (Block b : blocks) {
            if (b.attention() instanceof SqueezeExcite se) {
                out.put(se.fc1() + ".weight", new long[]{se.reduced(), se.channels(), 1, 1});
                out.put(se.fc1() + ".bias", new long[]{se.reduced()});
                out.put(se.fc2() + ".weight", new long[]{se.channels(), se.reduced(), 1, 1});
                out.put(se.fc2() + ".bias", new long[]{se.channels()});
            } else if (b.attention() instanceof Eca eca) {
                out.put(eca.conv() + ".weight", new long[]{1, 1, eca.kernel()});
            }
        }
        out.put(head + ".weight", new long[]{classes, features});
        out.put(head + ".bias", new long[]{classes});
        return out;
    }

    /** The stem's, then each block's convolutions and projection. */
    public List<ConvBn> allConvs() {
        List<ConvBn> out = new ArrayList<>(stem);
        for (Block b : blocks) {
            out.addAll(b.convs());
            if (b.shortcut() != null) {
                out.add(b.shortcut().conv());
            }
        }
        return out;
    }

    /** PyTorch's parameter count: weights and biases (batch norm's running statistics are buffers). */
    public long parameterCount() {
        long n = 0;
        for (ConvBn c : allConvs()) {
            n += c.parameters();
        }
        for (Block b : blocks) {
            if (b.attention() instanceof SqueezeExcite se) {
                n += 2L * se.channels() * se.reduced() + se.reduced() + se.channels();
            } else if (b.attention() instanceof Eca eca) {
                n += eca.kernel();
            }
        }
        return n + (long) features * classes + classes;
    }

    /** Multiply-adds at {@code size} x {@code size}: every convolution over its output, attention and head. */
    public long multiplyAdds(int size) {
        long macs = 0;
        int s = size;
        for (ConvBn c : stem) {
            macs += c.macs(s);
            s = c.outSize(s);
        }
        if (stemPool == StemPool.BLURRED) {
            int blurred = StemPool.BLURRED.outSize(s);
            macs += (long) blurred * blurred * stem.get(stem.size() - 1).out() * 9;
        }
        s = stemPool.outSize(s);
        for (Block b : blocks) {
            int in = s;
            for (ConvBn c : b.convs()) {
                macs += c.macs(s);
                s = c.outSize(s);
            }
            if (b.shortcut() != null) {
                macs += b.shortcut().conv().macs(b.shortcut().avgPool() ? ceilPool(in, 2, 2) : in);
            }
            if (b.attention() instanceof SqueezeExcite se) {
                macs += 2L * se.channels() * se.reduced();
            } else if (b.attention() instanceof Eca eca) {
                macs += (long) eca.channels() * eca.kernel();
            }
        }
        return macs + (long) features * classes;
    }

    /** PyTorch's pooled size in ceil mode without padding (the last window starts inside the input). */
    static int ceilPool(int size, int kernel, int stride) {
        int out = -Math.floorDiv(-(size - kernel), stride) + 1;
        if ((out - 1) * stride >= size) {
            out--;
        }
        return out;
    }
}
