package dev.zoo.networks.resnetv2;

import dev.zoo.networks.Classifier;
import dev.zoo.networks.Precision;
import dev.zoo.networks.WeightsMismatchException;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import dev.zoo.networks.tensors.Tensor;
import dev.zoo.networks.tensors.NpyHeader;
import dev.zoo.networks.tensors.WeightsFileException;
import dev.zoo.networks.tensors.NpzReader;
import dev.zoo.metadata.NetworkSpec;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * BiT's pre-activation ResNetV2 on DJL: weight-standardised convolutions, GroupNorm, a 7x7/2 stem followed by zero
 * padding and a 3x3/2 max pool without padding, stride on the 3x3 conv, projection shortcuts fed the pre-activated
 * input, and a GroupNorm + ReLU + global average + 1x1 conv head. Weights come straight from the original {@code .npz}.
 */
public final class BitResNetV2 implements Classifier {

    private static final System.Logger LOG = System.getLogger(BitResNetV2.class.getName());

    /** BiT's epsilons: 1e-10 in weight standardisation (the original), 1e-5 in GroupNorm (PyTorch's default). */
    public record Options(double weightStdEps, float groupNormEps) {
        public static final Options BIT = new Options(1e-10, 1e-5f);
    }

    private final NetworkSpec spec;
    private final Options options;
    private final Precision precision;
    private final NDManager manager;
    private final Map<String, NDArray> weights;
    private final List<String> unexpectedKeys;
    private final Map<Long, NDArray[]> normIdentity = new ConcurrentHashMap<>();

    private BitResNetV2(NetworkSpec spec, Options options, Precision precision, NDManager manager,
                        Map<String, NDArray> weights, List<String> unexpectedKeys) {
        this.spec = spec;
        this.options = options;
        this.precision = precision;
        this.manager = manager;
        this.weights = weights;
        this.unexpectedKeys = List.copyOf(unexpectedKeys);
    }

    /**
     * Checks every array's header against the architecture, then reads and converts the arrays in one streaming pass.
     * A missing array or a wrong shape is an error naming the key, the expected and the found shape, raised before any
     * data is read (a hostile header cannot make Zoo allocate); an array holding NaN or infinity is an error naming it;
     * arrays the architecture does not use are reported.
     */
    public static BitResNetV2 load(NetworkSpec spec, Path npz, Device device, Options options)
            throws WeightsFileException, WeightsMismatchException {
        return load(spec, npz, device, options, Precision.FP32);
    }

    /**
     * As {@link #load(NetworkSpec, Path, Device, Options)}, with kernels kept in {@code precision}'s compute type
     * (standardised in float32 first, then rounded once) and GroupNorm parameters in float32.
     */
    public static BitResNetV2 load(NetworkSpec spec, Path npz, Device device, Options options, Precision precision)
            throws WeightsFileException, WeightsMismatchException {
        Map<String, long[]> expected = BitLayout.expected(spec);
        NDManager manager = Engine.getEngine("PyTorch").newBaseManager(device);
        manager.setName("bit-weights");
        Map<String, NDArray> weights = new HashMap<>();
        try (NpzReader reader = new NpzReader(npz)) {
            checkHeaders(reader, spec, expected);
            reader.readAll(expected.keySet(), a -> {
                requireFinite(npz, a);
                weights.put(a.name(), convert(manager, a.name(), a, options, precision));
            });
            List<String> unexpected = reader.names().stream().filter(n -> !expected.containsKey(n)).sorted().toList();
            if (!unexpected.isEmpty()) {
                LOG.log(Level.WARNING, "{0}: {1} array(s) not used by the architecture: {2}", npz, unexpected.size(),
                        unexpected.size() > 5 ? unexpected.subList(0, 5) + "..." : unexpected);
            }
            return new BitResNetV2(spec, options, precision, manager, weights, unexpected);
        } catch (WeightsFileException | WeightsMismatchException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static void checkHeaders(NpzReader reader, NetworkSpec spec, Map<String, long[]> expected)
            throws WeightsFileException, WeightsMismatchException {
        List<String> problems = new ArrayList<>();
        for (var e : expected.entrySet()) {
            if (!reader.contains(e.getKey())) {
                problems.add("missing array '" + e.getKey() + "' (expected shape " + shape(e.getValue()) + ")");
            }
        }
        if (problems.isEmpty()) {
            for (var e : expected.entrySet()) {
                NpyHeader h = reader.header(e.getKey());
                if (!Arrays.equals(h.shape(), e.getValue())) {
                    problems.add("array '" + e.getKey() + "' has shape " + h.shapeText() + ", expected "
                            + shape(e.getValue()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new WeightsMismatchException(describe(reader.file(), spec, problems));
        }
    }

    /** Non-finite weights make every logit NaN; say which array is to blame instead of evaluating garbage. */
    private static void requireFinite(Path npz, Tensor a) throws WeightsFileException {
        float[] data = a.data();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new WeightsFileException(String.format("%s [%s]: holds a non-finite value (%s at element %,d of %s); "
                        + "the weights are damaged", npz, a.name(), data[i], i, a.shapeText()));
            }
        }
    }

    private static String describe(Path npz, NetworkSpec spec, List<String> problems) {
        return npz + " does not fit " + spec.family() + " " + spec.blockUnits() + " x" + spec.widthFactor()
                + " (stem " + spec.stemWidth() + ", " + spec.classes() + " classes): "
                + String.join("; ", problems.size() > 8 ? problems.subList(0, 8) : problems)
                + (problems.size() > 8 ? "; and " + (problems.size() - 8) + " more" : "");
    }

    private static String shape(long[] s) {
        return Arrays.toString(s).replace('[', '(').replace(']', ')');
    }

    private static NDArray convert(NDManager m, String key, Tensor a, Options options, Precision precision) {
        long[] s = a.shape();
        if (key.endsWith("standardized_conv2d/kernel")) {
            int h = (int) s[0];
            int w = (int) s[1];
            int in = (int) s[2];
            int out = (int) s[3];
            float[] oihw = KernelMath.standardizedOihw(a.data(), h, w, in, out, options.weightStdEps());
            return inCompute(m.create(oihw, new Shape(out, in, h, w)), precision);
        }
        if (key.endsWith("head/conv2d/kernel")) {
            return inCompute(m.create(a.data(), new Shape(s[2], s[3])), precision);   // (in, classes): a matmul
        }
        if (key.endsWith("head/conv2d/bias")) {
            return inCompute(m.create(a.data(), new Shape(s)), precision);
        }
        if (key.endsWith("group_norm/gamma") || key.endsWith("group_norm/beta")) {
            return m.create(a.data(), new Shape(s[0], 1, 1));     // float32; broadcasts over (N, C, H, W)
        }
        return m.create(a.data(), new Shape(s));
    }

    private static NDArray inCompute(NDArray float32, Precision precision) {
        if (!precision.isHalf()) {
            return float32;
        }
        NDArray half = float32.toType(precision.compute(), false);
        float32.close();
        return half;
    }

    public NetworkSpec spec() {
        return spec;
    }

    @Override
    public Device device() {
        return manager.getDevice();
    }

    @Override
    public int classes() {
        return spec.classes();
    }

    @Override
    public Precision precision() {
        return precision;
    }

    /** Arrays of the file that the architecture does not use. */
    public List<String> unexpectedKeys() {
        return unexpectedKeys;
    }

    /**
     * Logits (N, classes) for a normalised NCHW float32 batch on this network's device. Every intermediate is closed
     * as soon as it is used, as PyTorch's reference counting would free it: without that, a batch at 480 px holds
     * every activation of the network at once. In a 16-bit precision convolutions and the head's matrix product take
     * their input in the compute type and GroupNorm works in float32, as under PyTorch's autocast; the logits come
     * back in float32.
     */
    @Override
    public NDArray forward(NDArray x) {
        NDArray y = conv(x, BitLayout.PREFIX + "root_block/", 2, 3);
        NDArray padded = y.pad(new Shape(1, 1, 1, 1), 0);
        y.close();
        y = Pool.maxPool2d(padded, new Shape(3, 3), new Shape(2, 2), new Shape(0, 0), false);
        padded.close();
        for (int s = 0; s < spec.blockUnits().size(); s++) {
            for (int u = 0; u < spec.blockUnits().get(s); u++) {
                NDArray next = unit(y, BitLayout.unit(s, u), u == 0 && s > 0 ? 2 : 1, u == 0);
                y.close();
                y = next;
            }
        }
        NDArray head = groupNormRelu(y, BitLayout.PREFIX);
        y.close();
        Shape s4 = head.getShape();
        NDArray flat = head.reshape(s4.get(0), s4.get(1), -1);
        NDArray pooled = flat.mean(new int[]{2});   // one axis at a time on PyTorch
        flat.close();
        head.close();
        NDArray in = toCompute(pooled);
        NDArray logits = in.matMul(weights.get(BitLayout.PREFIX + "head/conv2d/kernel"));
        in.close();
        logits.addi(weights.get(BitLayout.PREFIX + "head/conv2d/bias"));
        if (!precision.isHalf()) {
            return logits;
        }
        NDArray float32 = logits.toType(DataType.FLOAT32, false);
        logits.close();
        return float32;
    }

    /** {@code x} in the compute type: the same array in float32 precisions, a 16-bit copy (x closed) otherwise. */
    private NDArray toCompute(NDArray x) {
        if (x.getDataType() == precision.compute()) {
            return x;
        }
        NDArray converted = x.toType(precision.compute(), false);
        x.close();
        return converted;
    }

    private NDArray unit(NDArray x, String p, int stride, boolean projection) {
        NDArray pre = groupNormRelu(x, p + "a/");
        NDArray residual = projection ? conv(pre, p + "a/proj/", stride, 0) : x;
        NDArray a = conv(pre, p + "a/", 1, 0);
        pre.close();
        NDArray bIn = groupNormRelu(a, p + "b/");
        a.close();
        NDArray b = conv(bIn, p + "b/", stride, 1);
        bIn.close();
        NDArray cIn = groupNormRelu(b, p + "c/");
        b.close();
        NDArray out = conv(cIn, p + "c/", 1, 0);
        cIn.close();
        out.addi(residual);
        if (projection) {
            residual.close();
        }
        return out;
    }

    /** A convolution in the compute type; its input is cast when it is not (never closing the caller's array). */
    private NDArray conv(NDArray x, String prefix, int stride, int pad) {
        NDArray in = x.getDataType() == precision.compute() ? x : x.toType(precision.compute(), false);
        NDArray out = Conv2d.conv2d(in, weights.get(prefix + "standardized_conv2d/kernel"), null,
                new Shape(stride, stride), new Shape(pad, pad), new Shape(1, 1), 1).singletonOrThrow();
        if (in != x) {
            in.close();
        }
        return out;
    }

    /**
     * GroupNorm + ReLU. The normalisation runs as a layer norm over each group (one fused native op instead of
     * separate mean, variance and arithmetic passes), the per-channel affine in place.
     */
    private NDArray groupNormRelu(NDArray x, String prefix) {
        NDArray x32 = x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
        Shape s = x32.getShape();
        long n = s.get(0);
        long groupSize = s.size() / n / spec.normGroups();
        NDArray[] identity = normIdentity.computeIfAbsent(groupSize, k -> {
            NDArray[] pair = {manager.ones(new Shape(k)), manager.zeros(new Shape(k))};
            NDScope.unregister(pair);   // cached with the weights, not freed with the caller's scope
            return pair;
        });
        NDArray grouped = x32.reshape(n, spec.normGroups(), groupSize);
        if (x32 != x) {
            x32.close();
        }
        NDArray normed = LayerNorm.layerNorm(grouped, new Shape(groupSize), identity[0], identity[1],
                options.groupNormEps()).singletonOrThrow();
        grouped.close();
        NDArray back = normed.reshape(s);
        normed.close();
        back.muli(weights.get(prefix + "group_norm/gamma")).addi(weights.get(prefix + "group_norm/beta"));
        NDArray out = Activation.relu(back);
        back.close();
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
