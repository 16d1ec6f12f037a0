package dev.zoo.networks.resnet;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import dev.zoo.metadata.arch.ResNetLayout;
import dev.zoo.metadata.arch.ResNetLayout.Block;
import dev.zoo.metadata.arch.ResNetLayout.ConvBn;
import dev.zoo.metadata.arch.ResNetLayout.Eca;
import dev.zoo.metadata.arch.ResNetLayout.SqueezeExcite;
import dev.zoo.networks.Classifier;
import dev.zoo.networks.Precision;
import dev.zoo.networks.WeightsMismatchException;
import dev.zoo.networks.tensors.TensorSource;
import dev.zoo.networks.tensors.WeightsFileException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link ResNetLayout} (timm's ResNet family, and its legacy SENet) on DJL's PyTorch engine, op for op as timm runs
 * it in evaluation mode: convolutions with batch norm folded into their weights and a bias at load (the same
 * arithmetic, with one pass less per layer), ReLU, the stem's max pool, blur pools where the layout downsamples by
 * them, squeeze-and-excitation or ECA on a block's
 * output before the sum, average-pool shortcuts, global average pooling and the linear head. Each block's
 * intermediates are freed when the block ends (a nested {@link NDScope}); the previous block's output once the next
 * has used it.
 */
public final class ResNetNetwork implements Classifier {

    private final ResNetLayout layout;
    private final Precision precision;
    private final NDManager manager;
    private final Map<String, NDArray> weights;

    private ResNetNetwork(ResNetLayout layout, Precision precision, NDManager manager, Map<String, NDArray> weights) {
        this.layout = layout;
        this.precision = precision;
        this.manager = manager;
        this.weights = weights;
    }

    /**
     * Builds the network from {@code source} on {@code device}: every tensor's shape is checked against the layout
     * before any data is read (missing, unexpected and misshapen tensors named, as PyTorch's strict loading does),
     * then each is read once, checked finite, folded and moved to the device.
     *
     * @param what names the network in messages ("resnet50: timm's ResNet, bottleneck blocks [3, 4, 6, 3], ...")
     */
    public static ResNetNetwork load(ResNetLayout layout, String what, TensorSource source, Device device,
                                     Precision precision) throws WeightsFileException, WeightsMismatchException {
        Map<String, long[]> expected = layout.tensors();
        StateDictCheck.check(source, expected, what);
        NDManager manager = Engine.getEngine("PyTorch").newBaseManager(device);
        manager.setName("resnet-weights");
        Map<String, NDArray> weights = new HashMap<>();
        try {
            Folding folding = new Folding(layout, (name, weight, bias) -> {
                weights.put(name + ".w", convWeight(manager, weight.data(), weight.shape(), precision));
                weights.put(name + ".b", inCompute(manager.create(bias, new Shape(bias.length)), precision));
            });
            source.readAll(expected.keySet(), t -> {
                StateDictCheck.requireFinite(source, t);
                if (!folding.accept(t)) {
                    weights.put(t.name(), inCompute(manager.create(t.data(), new Shape(t.shape())), precision));
                }
            });
            folding.requireDone();
            addBlurFilters(layout, manager, precision, weights);
            return new ResNetNetwork(layout, precision, manager, weights);
        } catch (WeightsFileException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static NDArray inCompute(NDArray float32, Precision precision) {
        if (!precision.isHalf()) {
            return float32;
        }
        NDArray half = float32.toType(precision.compute(), false);
        float32.close();
        return half;
    }

    @Override
    public Device device() {
        return manager.getDevice();
    }

    @Override
    public int classes() {
        return layout.classes();
    }

    @Override
    public Precision precision() {
        return precision;
    }

    @Override
    public NDArray forward(NDArray input) {
        NDArray x;
        try (NDScope stem = new NDScope()) {
            x = channelsLast(toCompute(input));
            for (ConvBn c : layout.stem()) {
                x = Activation.relu(conv(x, c));
            }
            x = switch (layout.stemPool()) {
                case PADDED -> Pool.maxPool2d(x, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false);
                case CEIL -> Pool.maxPool2d(x, new Shape(3, 3), new Shape(2, 2), new Shape(0, 0), true);
                case BLURRED -> blurPool(Pool.maxPool2d(x, new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false));
            };
            NDScope.unregister(x);
        }
        NDScope.register(x);
        for (Block b : layout.blocks()) {
            NDArray out;
            try (NDScope scope = new NDScope()) {
                out = block(x, b);
                NDScope.unregister(out);
            }
            NDScope.register(out);
            if (x != input) {
                x.close();
            }
            x = out;
        }
        NDArray logits;
        try (NDScope head = new NDScope()) {
            Shape s = x.getShape();
            NDArray pooled = x.reshape(s.get(0), s.get(1), -1).mean(new int[]{2});
            logits = pooled.matMul(weights.get(layout.head() + ".weight").transpose())
                    .add(weights.get(layout.head() + ".bias"));
            if (logits.getDataType() != DataType.FLOAT32) {
                logits = logits.toType(DataType.FLOAT32, false);
            }
            NDScope.unregister(logits);
        }
        NDScope.register(logits);
        if (x != input) {
            x.close();
        }
        return logits;
    }

    /** One residual block: its convolutions (ReLU between), attention, shortcut, the sum and a ReLU. */
    private NDArray block(NDArray x, Block b) {
        NDArray y = x;
        for (int i = 0; i < b.convs().size(); i++) {
            ConvBn c = b.convs().get(i);
            y = conv(y, c);
            if (i < b.convs().size() - 1 || b.reluLast()) {
                y = Activation.relu(y);
            }
            if (c.blurred()) {
                y = blurPool(y);
            }
        }
        if (b.attention() instanceof SqueezeExcite se) {
            y = y.mul(squeezeExcite(y, se));
        } else if (b.attention() instanceof Eca eca) {
            y = y.mul(eca(y, eca));
        }
        NDArray shortcut = x;
        if (b.shortcut() != null) {
            NDArray in = b.shortcut().avgPool()
                    ? Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), true, false) : x;
            shortcut = conv(in, b.shortcut().conv());
        }
        return Activation.relu(y.add(shortcut));
    }

    /** timm's BlurPool2d: reflection padding of 1, each channel convolved with the binomial 3x3 filter, stride 2. */
    private NDArray blurPool(NDArray x) {
        Shape s = x.getShape();
        long h = s.get(2);
        long w = s.get(3);
        NDArray rows = NDArrays.concat(new NDList(x.get(":, :, 1:2"), x, x.get(":, :, {}:{}", h - 2, h - 1)), 2);
        NDArray padded = NDArrays.concat(new NDList(rows.get(":, :, :, 1:2"), rows,
                rows.get(":, :, :, {}:{}", w - 2, w - 1)), 3);
        int stride = ResNetLayout.BLUR_STRIDE;
        return Conv2d.conv2d(padded, weights.get(blurFilter(s.get(1))), null, new Shape(stride, stride),
                new Shape(0, 0), new Shape(1, 1), (int) s.get(1)).singletonOrThrow();
    }

    private static String blurFilter(long channels) {
        return "blur." + channels;
    }

    /** The blur pools' filters, one per channel count that the layout blurs: (C, 1, 3, 3), exact in any precision. */
    private static void addBlurFilters(ResNetLayout layout, NDManager manager, Precision precision,
                                       Map<String, NDArray> weights) {
        Set<Integer> channels = new TreeSet<>();
        if (layout.stemPool() == ResNetLayout.StemPool.BLURRED) {
            channels.add(layout.stem().get(layout.stem().size() - 1).out());
        }
        for (Block b : layout.blocks()) {
            b.convs().stream().filter(ConvBn::blurred).forEach(c -> channels.add(c.out()));
        }
        float[] taps = {0.25f, 0.5f, 0.25f};
        for (int c : channels) {
            float[] filter = new float[c * 9];
            for (int i = 0; i < filter.length; i++) {
                filter[i] = taps[(i % 9) / 3] * taps[i % 3];
            }
            weights.put(blurFilter(c), inCompute(manager.create(filter, new Shape(c, 1, 3, 3)), precision));
        }
    }

    /** timm's SEModule (and senet.py's): mean over the plane, 1x1 conv, ReLU, 1x1 conv, sigmoid. */
    private NDArray squeezeExcite(NDArray y, SqueezeExcite se) {
        NDArray pooled = spatialMean(y);
        NDArray hidden = Activation.relu(Conv2d.conv2d(pooled, weights.get(se.fc1() + ".weight"),
                weights.get(se.fc1() + ".bias")).singletonOrThrow());
        return Activation.sigmoid(Conv2d.conv2d(hidden, weights.get(se.fc2() + ".weight"),
                weights.get(se.fc2() + ".bias")).singletonOrThrow());
    }

    /** ECA: mean over the plane, a 1-D convolution across channels (zero padded), sigmoid. */
    private NDArray eca(NDArray y, Eca eca) {
        Shape s = y.getShape();
        NDArray pooled = spatialMean(y).reshape(s.get(0), 1, s.get(1));
        NDArray conv = Conv1d.conv1d(pooled, weights.get(eca.conv() + ".weight"), null, new Shape(1),
                new Shape((eca.kernel() - 1) / 2), new Shape(1), 1).singletonOrThrow();
        return Activation.sigmoid(conv).reshape(s.get(0), s.get(1), 1, 1);
    }

    /** {@code x.mean((2, 3), keepdim=True)} (DJL's PyTorch mean takes one axis: the plane is flattened first). */
    private static NDArray spatialMean(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), -1).mean(new int[]{2}).reshape(s.get(0), s.get(1), 1, 1);
    }

    private NDArray conv(NDArray x, ConvBn c) {
        return Conv2d.conv2d(x, weights.get(c.conv() + ".w"), weights.get(c.conv() + ".b"),
                new Shape(c.stride(), c.stride()), new Shape(c.padding(), c.padding()), new Shape(1, 1),
                c.groups()).singletonOrThrow();
    }

    /**
     * The same values with channels-last strides (NHWC in memory, still indexed NCHW), as PyTorch's
     * {@code x.contiguous(memory_format=torch.channels_last)}: libtorch's convolutions pick their faster NHWC kernels
     * for such tensors and hand back channels-last outputs, so the layout carries through the network. DJL has no
     * memory-format call; an NHWC copy viewed back as NCHW is the same tensor.
     */
    private static NDArray channelsLast(NDArray x) {
        Shape s = x.getShape();
        // the flattening copies, unless x is channels-last already (one channel, or 1 x 1): then it is a view of x,
        // which the caller keeps until the forward pass ends
        NDArray nhwc = x.transpose(0, 2, 3, 1).reshape(s.get(0), -1);
        return nhwc.reshape(s.get(0), s.get(2), s.get(3), s.get(1)).transpose(0, 3, 1, 2);
    }

    /**
     * A convolution's weight (O, I, kh, kw) as it is kept: in the compute type and channels-last, i.e. an (O, kh, kw, I)
     * array, permuted here, viewed as OIHW (the array stays in the network's manager, alive as long as the view).
     */
    private static NDArray convWeight(NDManager manager, float[] oihw, long[] shape, Precision precision) {
        int out = (int) shape[0];
        int in = (int) shape[1];
        int kh = (int) shape[2];
        int kw = (int) shape[3];
        float[] ohwi = new float[oihw.length];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        ohwi[((o * kh + y) * kw + x) * in + c] = oihw[((o * in + c) * kh + y) * kw + x];
                    }
                }
            }
        }
        return inCompute(manager.create(ohwi, new Shape(out, kh, kw, in)), precision).transpose(0, 3, 1, 2);
    }

    /** The input in the compute type (a 16-bit copy in fp16; the caller's array otherwise). */
    private NDArray toCompute(NDArray x) {
        return x.getDataType() == precision.compute() ? x : x.toType(precision.compute(), false);
    }

    @Override
    public void close() {
        manager.close();
    }
}
