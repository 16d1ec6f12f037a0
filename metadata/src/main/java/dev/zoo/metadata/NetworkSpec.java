package dev.zoo.metadata;

import dev.zoo.metadata.arch.Architecture;
import dev.zoo.metadata.arch.UnsupportedConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shape of a pre-activation ResNetV2 as BiT builds it: a 7x7 stem of {@code stemWidth * widthFactor} channels, four
 * stages of bottleneck units whose middle width doubles per stage, GroupNorm with {@code normGroups} groups and a 1x1
 * conv head with {@code classes} outputs.
 */
public record NetworkSpec(String family, List<Integer> blockUnits, int widthFactor, int stemWidth, int normGroups,
                          int classes) implements Architecture {

    public static final String RESNETV2 = "resnetv2";

    public NetworkSpec {
        blockUnits = List.copyOf(blockUnits);
    }

    /**
     * timm's {@code ResNetV2} as the BiT entry points configure it ({@code layers}, {@code width_factor},
     * {@code stem_type='fixed'}: BiT's 7x7 stem, zero padding and max pool), with {@code classes} outputs; any other
     * option of the class (today's variants: other stems, convolution epsilons, no pre-activation) is refused by
     * name.
     */
    public static NetworkSpec ofTimm(Map<String, Object> config, int classes)
            throws UnsupportedConfig {
        for (var e : config.entrySet()) {
            boolean known = switch (e.getKey()) {
                case "layers" -> e.getValue() instanceof List<?> l && l.size() == 4
                        && l.stream().allMatch(x -> x instanceof Number);
                case "width_factor" -> e.getValue() instanceof Number;
                case "stem_type" -> "fixed".equals(e.getValue());
                case "num_classes" -> true;
                default -> false;
            };
            if (!known) {
                throw new UnsupportedConfig("timm's ResNetV2 with " + e.getKey() + "="
                        + e.getValue() + " is not implemented (Zoo builds BiT's: fixed stem, pre-activation, "
                        + "weight-standardised convolutions)");
            }
        }
        if (!(config.get("layers") instanceof List<?> layers) || !(config.get("width_factor") instanceof Number w)) {
            throw new UnsupportedConfig("timm's ResNetV2 without layers and width_factor");
        }
        return new NetworkSpec(RESNETV2, layers.stream().map(x -> ((Number) x).intValue()).toList(), w.intValue(),
                64, 32, classes);
    }

    @Override
    public String title() {
        return "BiT ResNetV2";
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "BiT ResNetV2 %s, width x%d, stem %d, %d GroupNorm groups", blockUnits,
                widthFactor, stemWidth, normGroups);
    }

    public int rootWidth() {
        return stemWidth * widthFactor;
    }

    /** Middle (bottleneck) width of stage {@code stage} (0-based); the unit's output is four times as wide. */
    public int middleWidth(int stage) {
        return rootWidth() << stage;
    }

    public int outputWidth(int stage) {
        return middleWidth(stage) * 4;
    }

    /** Exact number of weights, counting every kernel, GroupNorm gamma/beta and the head bias. */
    public long parameterCount() {
        long count = 7L * 7 * 3 * rootWidth();
        long in = rootWidth();
        for (int stage = 0; stage < blockUnits.size(); stage++) {
            long mid = middleWidth(stage);
            long out = outputWidth(stage);
            for (int unit = 0; unit < blockUnits.get(stage); unit++) {
                count += 2 * in + in * mid;          // GroupNorm a, conv a (1x1)
                count += 2 * mid + 9 * mid * mid;    // GroupNorm b, conv b (3x3)
                count += 2 * mid + mid * out;        // GroupNorm c, conv c (1x1)
                if (unit == 0) {
                    count += in * out;               // projection shortcut
                }
                in = out;
            }
        }
        return count + 2 * in + in * classes + classes;
    }

    /**
     * Multiply-adds of one forward pass at {@code size} x {@code size} pixels (MACs; FLOPs are about twice as many):
     * every convolution's output positions times its kernel's weights, and the head. The stem and the first unit of
     * stages 2-4 halve the resolution (rounding up, as their padding does), and so does the max pool.
     */
    public long multiplyAdds(int size) {
        long res = half(size);
        long count = res * res * 7 * 7 * 3 * rootWidth();
        res = half(res);   // 3x3 max pool, stride 2
        long in = rootWidth();
        for (int stage = 0; stage < blockUnits.size(); stage++) {
            long mid = middleWidth(stage);
            long out = outputWidth(stage);
            for (int unit = 0; unit < blockUnits.get(stage); unit++) {
                long before = res * res;
                if (unit == 0 && stage > 0) {
                    res = half(res);   // the 3x3 conv and the projection stride 2
                }
                long after = res * res;
                count += before * in * mid + after * 9 * mid * mid + after * mid * out;
                if (unit == 0) {
                    count += after * in * out;
                }
                in = out;
            }
        }
        return count + in * classes;   // the head: a 1x1 conv on the pooled features
    }

    private static long half(long size) {
        return (size + 1) / 2;
    }

    /** Number of arrays in a BiT {@code .npz}: 9 per unit, 1 per projection, stem, final norm (2) and head (2). */
    public int weightArrayCount() {
        int units = blockUnits.stream().mapToInt(Integer::intValue).sum();
        return 1 + units * 9 + blockUnits.size() + 2 + 2;
    }

    /**
     * Expected size of the uncompressed float32 {@code .npz}: 4 bytes per weight plus the zip and npy headers of each
     * array (about 300 bytes: BiT's array names are long).
     */
    public long expectedNpzSize() {
        return 4 * parameterCount() + NPZ_BYTES_PER_ARRAY * weightArrayCount();
    }

    static final long NPZ_BYTES_PER_ARRAY = 296;
}
