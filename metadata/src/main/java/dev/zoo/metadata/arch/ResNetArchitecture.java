package dev.zoo.metadata.arch;

import dev.zoo.metadata.arch.ResNetLayout.Attention;
import dev.zoo.metadata.arch.ResNetLayout.Block;
import dev.zoo.metadata.arch.ResNetLayout.ConvBn;
import dev.zoo.metadata.arch.ResNetLayout.Eca;
import dev.zoo.metadata.arch.ResNetLayout.Projection;
import dev.zoo.metadata.arch.ResNetLayout.SqueezeExcite;
import dev.zoo.metadata.arch.ResNetLayout.StemPool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * timm's {@code ResNet} (resnet.py and gluon_resnet.py: ResNet, ResNeXt, wide; basic and bottleneck blocks; deep and
 * tiered stems; average-pool downsampling; SE and ECA attention; pruned widths) and its legacy {@code SENet}
 * (senet.py), from the configuration their entry points hand the class, laid out exactly as the class builds them
 * (widths, strides, paddings, groups, the attention's reduction and kernel). An option the class has that Zoo does not
 * build is refused by name ({@link UnsupportedConfig}), never ignored.
 */
public record ResNetArchitecture(String family, String variant, ResNetLayout layout) implements Architecture {

    public static final String RESNET = "resnet";
    public static final String SENET = "senet";

    @Override
    public String title() {
        return family.equals(SENET) ? "legacy SENet" : "ResNet";
    }

    @Override
    public String describe() {
        return variant;
    }

    @Override
    public int classes() {
        return layout.classes();
    }

    @Override
    public long parameterCount() {
        return layout.parameterCount();
    }

    @Override
    public long multiplyAdds(int size) {
        return layout.multiplyAdds(size);
    }

    /** Options of timm's ResNet that change nothing at evaluation (dropout and stochastic depth rates). */
    private static final Set<String> TRAINING_ONLY = Set.of("drop_rate", "drop_path_rate", "drop_block_rate",
            "zero_init_last_bn", "zero_init_last");

    /** timm 0.4.3's {@code ResNet(**config)}, {@code classes} outputs. */
    public static ResNetArchitecture timm(Map<String, Object> config, Map<String, List<Long>> pruned, int classes)
            throws UnsupportedConfig {
        Config c = new Config("ResNet", config);
        String block = c.text("block", null);
        boolean bottleneck = switch (String.valueOf(block)) {
            case "Bottleneck" -> true;
            case "BasicBlock" -> false;
            default -> throw c.unsupported("block", block);
        };
        List<Integer> layers = c.ints("layers");
        int cardinality = c.integer("cardinality", 1);
        int baseWidth = c.integer("base_width", 64);
        int stemWidth = c.integer("stem_width", 64);
        String stemType = c.text("stem_type", "");
        int reduceFirst = c.integer("block_reduce_first", 1);
        int downKernel = c.integer("down_kernel_size", 1);
        boolean avgDown = c.bool("avg_down", false);
        c.expect("output_stride", 32);
        c.expect("in_chans", 3);
        c.expect("global_pool", "avg");
        c.expect("act_layer", "ReLU");
        c.expect("norm_layer", "BatchNorm2d");
        boolean blur = switch (String.valueOf(c.text("aa_layer", null))) {
            case "null" -> false;
            case "BlurPool2d" -> true;
            default -> throw c.unsupported("aa_layer", config.get("aa_layer"));
        };
        String attn = null;
        if (config.get("block_args") instanceof Map<?, ?> blockArgs) {
            for (Map.Entry<?, ?> e : blockArgs.entrySet()) {
                if (!"attn_layer".equals(e.getKey())) {
                    throw c.unsupported("block_args." + e.getKey(), e.getValue());
                }
                attn = switch (String.valueOf(e.getValue()).toLowerCase(Locale.ROOT)) {
                    case "se", "semodule" -> "se";
                    case "eca", "ecamodule" -> "eca";
                    case "null" -> null;
                    default -> throw c.unsupported("block_args.attn_layer", e.getValue());
                };
            }
        } else if (config.containsKey("block_args") && config.get("block_args") != null) {
            throw c.unsupported("block_args", config.get("block_args"));
        }
        c.consumed("block", "layers", "cardinality", "base_width", "stem_width", "stem_type", "block_reduce_first",
                "down_kernel_size", "avg_down", "block_args", "aa_layer");
        c.rejectOthers();
        if (layers.size() != 4) {
            throw c.unsupported("layers", layers);
        }
        if (!bottleneck && (cardinality != 1 || baseWidth != 64)) {
            throw new UnsupportedConfig("timm's BasicBlock has no cardinality or base width (" + cardinality + ", "
                    + baseWidth + ")");
        }
        Widths w = new Widths(pruned);
        List<ConvBn> stem = new ArrayList<>();
        boolean deep = stemType.contains("deep");
        int inplanes = deep ? stemWidth * 2 : 64;
        if (deep) {
            int first = stemType.contains("tiered") ? 3 * (stemWidth / 4) : stemWidth;
            int a = w.out("conv1.0", first);
            int b = w.out("conv1.3", stemWidth);
            inplanes = w.out("conv1.6", inplanes);
            stem.add(new ConvBn("conv1.0", "conv1.1", 3, a, 3, 2, 1, 1));
            stem.add(new ConvBn("conv1.3", "conv1.4", a, b, 3, 1, 1, 1));
            stem.add(new ConvBn("conv1.6", "bn1", b, inplanes, 3, 1, 1, 1));
        } else if (stemType.isEmpty()) {
            inplanes = w.out("conv1", inplanes);
            stem.add(new ConvBn("conv1", "bn1", 3, inplanes, 7, 2, 3, 1));
        } else {
            throw c.unsupported("stem_type", stemType);
        }
        int expansion = bottleneck ? 4 : 1;
        List<Block> blocks = new ArrayList<>();
        int[] planes = {64, 128, 256, 512};
        for (int s = 0; s < 4; s++) {
            int stride = s == 0 ? 1 : 2;
            for (int i = 0; i < layers.get(s); i++) {
                String p = "layer" + (s + 1) + "." + i + ".";
                int blockStride = i == 0 ? stride : 1;
                int outplanes = planes[s] * expansion;
                List<ConvBn> convs = new ArrayList<>();
                int out;
                if (bottleneck) {
                    int width = (int) Math.floor(planes[s] * (baseWidth / 64.0)) * cardinality;
                    int first = w.out(p + "conv1", width / reduceFirst);
                    int mid = w.out(p + "conv2", width);
                    out = w.out(p + "conv3", outplanes);
                    convs.add(new ConvBn(p + "conv1", p + "bn1", inplanes, first, 1, 1, 0, 1));
                    // timm's use_aa: a blur pool downsamples in place of the strided 3x3
                    boolean blurred = blur && blockStride == 2;
                    convs.add(new ConvBn(p + "conv2", p + "bn2", first, mid, 3, blurred ? 1 : blockStride, 1,
                            w.groups(p + "conv2", cardinality), blurred));
                    convs.add(new ConvBn(p + "conv3", p + "bn3", mid, out, 1, 1, 0, 1));
                } else {
                    int first = w.out(p + "conv1", planes[s] / reduceFirst);
                    out = w.out(p + "conv2", outplanes);
                    boolean blurred = blur && blockStride == 2;
                    convs.add(new ConvBn(p + "conv1", p + "bn1", inplanes, first, 3, blurred ? 1 : blockStride, 1, 1,
                            blurred));
                    convs.add(new ConvBn(p + "conv2", p + "bn2", first, out, 3, 1, 1, 1));
                }
                Projection shortcut = null;
                if (i == 0 && (stride != 1 || inplanes != outplanes)) {
                    if (avgDown) {
                        shortcut = new Projection(stride != 1, new ConvBn(p + "downsample.1", p + "downsample.2",
                                inplanes, w.out(p + "downsample.1", out), 1, 1, 0, 1));
                    } else {
                        int k = stride == 1 ? 1 : downKernel;
                        shortcut = new Projection(false, new ConvBn(p + "downsample.0", p + "downsample.1", inplanes,
                                w.out(p + "downsample.0", out), k, stride, ((stride - 1) + (k - 1)) / 2, 1));
                    }
                }
                blocks.add(new Block(p.substring(0, p.length() - 1), convs, false, attention(attn, p + "se",
                        outplanes, out, w), shortcut));
                inplanes = out;
            }
        }
        String variant = describeTimm(bottleneck, layers, cardinality, baseWidth, stemType, stemWidth, avgDown, attn,
                blur, !pruned.isEmpty());
        return new ResNetArchitecture(RESNET, variant, new ResNetLayout(stem,
                blur ? StemPool.BLURRED : StemPool.PADDED, blocks, "fc", inplanes, classes));
    }

    /**
     * timm's attention on a block's output: SE with reduction 16 rounded as {@code make_divisible(c // 16, 1, 8)};
     * ECA with the kernel its channel count gives (a pruned model's from timm's table).
     */
    private static Attention attention(String attn, String name, int unprunedChannels, int channels, Widths w) {
        if (attn == null) {
            return null;
        }
        if (attn.equals("se")) {
            int reduced = w.out(name + ".fc1", makeDivisible(channels / 16, 1, 8));
            return new SqueezeExcite(name + ".fc1", name + ".fc2", channels, reduced);
        }
        int t = (int) (Math.abs(Math.log(unprunedChannels) / Math.log(2) + 1) / 2);
        int kernel = Math.max(t % 2 == 1 ? t : t + 1, 3);
        return new Eca(name + ".conv", channels, w.kernel(name + ".conv", kernel));
    }

    /** timm's {@code make_divisible}: rounded to the divisor, at least {@code min}, never down by more than 10 %. */
    static int makeDivisible(double v, int divisor, int min) {
        int rounded = Math.max(min, (int) (v + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * v ? rounded + divisor : rounded;
    }

    private static String describeTimm(boolean bottleneck, List<Integer> layers, int cardinality, int baseWidth,
                                       String stemType, int stemWidth, boolean avgDown, String attn, boolean blur,
                                       boolean pruned) {
        StringBuilder sb = new StringBuilder(bottleneck ? "bottleneck " : "basic ").append("blocks ").append(layers);
        if (cardinality != 1 || baseWidth != 64) {
            sb.append(", ").append(cardinality).append("x").append(baseWidth).append("d");
        }
        sb.append(stemType.isEmpty() ? ", 7x7 stem" : ", " + stemType.replace('_', ' ') + " stem " + stemWidth);
        if (avgDown) {
            sb.append(", average-pool downsampling");
        }
        if (attn != null) {
            sb.append(", ").append(attn.toUpperCase(Locale.ROOT)).append(" attention");
        }
        if (blur) {
            sb.append(", blur-pool downsampling");
        }
        return pruned ? sb.append(", pruned").toString() : sb.toString();
    }

    /** timm's legacy {@code SENet(**config)} of senet.py, {@code classes} outputs. */
    public static ResNetArchitecture legacySenet(Map<String, Object> config, int classes) throws UnsupportedConfig {
        Config c = new Config("SENet", config);
        String block = c.text("block", null);
        List<Integer> layers = c.ints("layers");
        int groups = c.integer("groups", 1);
        int reduction = c.integer("reduction", 16);
        int inplanes = c.integer("inplanes", 64);
        boolean input3x3 = c.bool("input_3x3", false);
        int downKernel = c.integer("downsample_kernel_size", 1);
        int downPadding = c.integer("downsample_padding", 0);
        c.expect("in_chans", 3);
        c.expect("global_pool", "avg");
        c.consumed("block", "layers", "groups", "reduction", "inplanes", "input_3x3", "downsample_kernel_size",
                "downsample_padding");
        c.rejectOthers();
        int expansion = switch (String.valueOf(block)) {
            case "SEResNetBlock" -> 1;
            case "SEResNetBottleneck", "SEResNeXtBottleneck", "SEBottleneck" -> 4;
            default -> throw c.unsupported("block", block);
        };
        if (layers.size() != 4) {
            throw c.unsupported("layers", layers);
        }
        List<ConvBn> stem = new ArrayList<>();
        if (input3x3) {
            stem.add(new ConvBn("layer0.conv1", "layer0.bn1", 3, 64, 3, 2, 1, 1));
            stem.add(new ConvBn("layer0.conv2", "layer0.bn2", 64, 64, 3, 1, 1, 1));
            stem.add(new ConvBn("layer0.conv3", "layer0.bn3", 64, inplanes, 3, 1, 1, 1));
        } else {
            stem.add(new ConvBn("layer0.conv1", "layer0.bn1", 3, inplanes, 7, 2, 3, 1));
        }
        int[] planes = {64, 128, 256, 512};
        List<Block> blocks = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            int stride = s == 0 ? 1 : 2;
            for (int i = 0; i < layers.get(s); i++) {
                String p = "layer" + (s + 1) + "." + i + ".";
                int st = i == 0 ? stride : 1;
                int pl = planes[s];
                int out = pl * expansion;
                List<ConvBn> convs = new ArrayList<>();
                switch (block) {
                    case "SEResNetBlock" -> {
                        convs.add(new ConvBn(p + "conv1", p + "bn1", inplanes, pl, 3, st, 1, 1));
                        convs.add(new ConvBn(p + "conv2", p + "bn2", pl, pl, 3, 1, 1, groups));
                    }
                    case "SEResNetBottleneck" -> {   // Caffe's: the stride on the first 1x1
                        convs.add(new ConvBn(p + "conv1", p + "bn1", inplanes, pl, 1, st, 0, 1));
                        convs.add(new ConvBn(p + "conv2", p + "bn2", pl, pl, 3, 1, 1, groups));
                        convs.add(new ConvBn(p + "conv3", p + "bn3", pl, out, 1, 1, 0, 1));
                    }
                    case "SEResNeXtBottleneck" -> {
                        int width = (int) Math.floor(pl * (4 / 64.0)) * groups;
                        convs.add(new ConvBn(p + "conv1", p + "bn1", inplanes, width, 1, 1, 0, 1));
                        convs.add(new ConvBn(p + "conv2", p + "bn2", width, width, 3, st, 1, groups));
                        convs.add(new ConvBn(p + "conv3", p + "bn3", width, out, 1, 1, 0, 1));
                    }
                    default -> {                    // SEBottleneck: SENet-154's doubled widths
                        convs.add(new ConvBn(p + "conv1", p + "bn1", inplanes, pl * 2, 1, 1, 0, 1));
                        convs.add(new ConvBn(p + "conv2", p + "bn2", pl * 2, pl * 4, 3, st, 1, groups));
                        convs.add(new ConvBn(p + "conv3", p + "bn3", pl * 4, out, 1, 1, 0, 1));
                    }
                }
                Projection shortcut = null;
                if (i == 0 && (stride != 1 || inplanes != out)) {
                    int k = s == 0 ? 1 : downKernel;
                    shortcut = new Projection(false, new ConvBn(p + "downsample.0", p + "downsample.1", inplanes, out,
                            k, stride, s == 0 ? 0 : downPadding, 1));
                }
                // senet.py's basic block applies a ReLU after its second batch norm as well, before the SE
                blocks.add(new Block(p.substring(0, p.length() - 1), convs, expansion == 1,
                        new SqueezeExcite(p + "se_module.fc1", p + "se_module.fc2", out, out / reduction), shortcut));
                inplanes = out;
            }
        }
        String variant = "legacy " + block + " blocks " + layers + (groups > 1 ? ", " + groups + " groups" : "")
                + (input3x3 ? ", 3x3 stem" : ", 7x7 stem") + ", SE attention";
        return new ResNetArchitecture(SENET, variant, new ResNetLayout(stem, StemPool.CEIL, blocks, "last_linear", inplanes,
                classes));
    }

    /** Widths as the class computes them, or as a pruned model's table gives them. */
    private record Widths(Map<String, List<Long>> pruned) {
        int out(String conv, int computed) {
            List<Long> shape = pruned.get(conv);
            return shape == null ? computed : Math.toIntExact(shape.get(0));
        }

        int kernel(String conv, int computed) {
            List<Long> shape = pruned.get(conv);
            return shape == null ? computed : Math.toIntExact(shape.get(shape.size() - 1));
        }

        /** A pruned grouped conv has as many groups as timm's adaptation gives it: one per output channel. */
        int groups(String conv, int computed) {
            return pruned.containsKey(conv) && computed > 1 ? out(conv, computed) : computed;
        }
    }

    /** A configuration map read key by key, so that whatever is left is an option Zoo does not build. */
    private static final class Config {
        private final String cls;
        private final Map<String, Object> values;
        private final Set<String> seen = new HashSet<>();

        Config(String cls, Map<String, Object> values) {
            this.cls = cls;
            this.values = values;
        }

        UnsupportedConfig unsupported(String key, Object value) {
            return new UnsupportedConfig("timm's " + cls + " with " + key + "=" + value + " is not implemented");
        }

        String text(String key, String otherwise) throws UnsupportedConfig {
            seen.add(key);
            Object v = values.get(key);
            if (v == null) {
                return otherwise;
            }
            if (v instanceof String s) {
                return s;
            }
            throw unsupported(key, v);
        }

        int integer(String key, int otherwise) throws UnsupportedConfig {
            seen.add(key);
            Object v = values.get(key);
            if (v == null) {
                return otherwise;
            }
            if (v instanceof Number n && n.doubleValue() == n.intValue()) {
                return n.intValue();
            }
            throw unsupported(key, v);
        }

        boolean bool(String key, boolean otherwise) throws UnsupportedConfig {
            seen.add(key);
            Object v = values.get(key);
            if (v == null) {
                return otherwise;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            throw unsupported(key, v);
        }

        List<Integer> ints(String key) throws UnsupportedConfig {
            seen.add(key);
            if (values.get(key) instanceof List<?> l && l.stream().allMatch(x -> x instanceof Number)) {
                return l.stream().map(x -> ((Number) x).intValue()).toList();
            }
            throw unsupported(key, values.get(key));
        }

        /** A key whose only value Zoo builds is {@code expected} (absent means the class's default, which it is). */
        void expect(String key, Object expected) throws UnsupportedConfig {
            seen.add(key);
            if (!values.containsKey(key)) {
                return;
            }
            Object v = values.get(key);
            boolean same = expected == null ? v == null : expected instanceof Number e
                    ? v instanceof Number n && n.doubleValue() == e.doubleValue() : expected.equals(v);
            if (!same) {
                throw unsupported(key, v);
            }
        }

        void consumed(String... keys) {
            seen.addAll(List.of(keys));
        }

        void rejectOthers() throws UnsupportedConfig {
            for (Map.Entry<String, Object> e : values.entrySet()) {
                if (!seen.contains(e.getKey()) && !TRAINING_ONLY.contains(e.getKey())
                        && !e.getKey().equals("num_classes")) {
                    throw unsupported(e.getKey(), e.getValue());
                }
            }
        }
    }
}
