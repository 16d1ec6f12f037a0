package dev.zoo.networks.resnetv2;

import dev.zoo.metadata.NetworkSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names and HWIO shapes of every array a BiT {@code .npz} must hold for a given architecture (kernels are
 * height, width, in, out; GroupNorm gamma and beta have one value per channel).
 */
public final class BitLayout {

    public static final String PREFIX = "resnet/";

    private BitLayout() {
    }

    public static String unit(int stage, int unit) {
        return String.format("%sblock%d/unit%02d/", PREFIX, stage + 1, unit + 1);
    }

    /** Every expected array, in the order the network uses them. */
    public static Map<String, long[]> expected(NetworkSpec spec) {
        Map<String, long[]> out = new LinkedHashMap<>();
        long root = spec.rootWidth();
        out.put(PREFIX + "root_block/standardized_conv2d/kernel", new long[]{7, 7, 3, root});
        long in = root;
        for (int s = 0; s < spec.blockUnits().size(); s++) {
            long mid = spec.middleWidth(s);
            long outW = spec.outputWidth(s);
            for (int u = 0; u < spec.blockUnits().get(s); u++) {
                String p = unit(s, u);
                out.put(p + "a/group_norm/gamma", new long[]{in});
                out.put(p + "a/group_norm/beta", new long[]{in});
                if (u == 0) {
                    out.put(p + "a/proj/standardized_conv2d/kernel", new long[]{1, 1, in, outW});
                }
                out.put(p + "a/standardized_conv2d/kernel", new long[]{1, 1, in, mid});
                out.put(p + "b/group_norm/gamma", new long[]{mid});
                out.put(p + "b/group_norm/beta", new long[]{mid});
                out.put(p + "b/standardized_conv2d/kernel", new long[]{3, 3, mid, mid});
                out.put(p + "c/group_norm/gamma", new long[]{mid});
                out.put(p + "c/group_norm/beta", new long[]{mid});
                out.put(p + "c/standardized_conv2d/kernel", new long[]{1, 1, mid, outW});
                in = outW;
            }
        }
        out.put(PREFIX + "group_norm/gamma", new long[]{in});
        out.put(PREFIX + "group_norm/beta", new long[]{in});
        out.put(PREFIX + "head/conv2d/kernel", new long[]{1, 1, in, spec.classes()});
        out.put(PREFIX + "head/conv2d/bias", new long[]{spec.classes()});
        return out;
    }
}
