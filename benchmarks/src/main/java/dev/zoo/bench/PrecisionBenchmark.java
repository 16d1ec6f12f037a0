package dev.zoo.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.zoo.evaluator.eval.BatchFeed;
import dev.zoo.evaluator.eval.TopK;
import dev.zoo.evaluator.image.ImageDecoder;
import dev.zoo.evaluator.image.Recipe;
import dev.zoo.networks.resnetv2.BitResNetV2;
import dev.zoo.networks.Precision;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How far a 16-bit forward pass is from float32 on R50x1-layout weights and real images, on this machine's CPU: the
 * largest logit difference (absolute, and relative to the image's logit range), top-1 and top-5 agreement, and the
 * time of each, for {@code bench/precision-bench.sh}. Usage: {@code PrecisionBenchmark DIR WEIGHTS.npz [N=32]
 * [SIZE=480] [BATCH=8]}.
 */
public final class PrecisionBenchmark {

    private PrecisionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        R50x1Bench bench = R50x1Bench.of(args, 32, 8);
        Recipe recipe = bench.recipe();
        List<Path> files = bench.jpegs();
        float[][] logits = new float[2][];
        double[] seconds = new double[2];
        Precision[] precisions = {Precision.FP32, Precision.FP16};
        for (int p = 0; p < 2; p++) {
            try (BitResNetV2 net = BitResNetV2.load(R50x1Bench.NETWORK, bench.weights(), Device.cpu(),
                    BitResNetV2.Options.BIT, precisions[p])) {
                long t0 = System.nanoTime();
                logits[p] = run(net, recipe, files, bench.batch());
                seconds[p] = (System.nanoTime() - t0) / 1e9;
            }
        }
        int classes = R50x1Bench.NETWORK.classes();
        double worstAbs = 0;
        double worstRel = 0;
        int top1 = 0;
        int top5 = 0;
        for (int i = 0; i < files.size(); i++) {
            float[] a = Arrays.copyOfRange(logits[0], i * classes, (i + 1) * classes);
            float[] b = Arrays.copyOfRange(logits[1], i * classes, (i + 1) * classes);
            double range = 0;
            double abs = 0;
            for (int k = 0; k < classes; k++) {
                range = Math.max(range, Math.abs(a[k]));
                abs = Math.max(abs, Math.abs(a[k] - b[k]));
            }
            worstAbs = Math.max(worstAbs, abs);
            worstRel = Math.max(worstRel, abs / range);
            int[] ta = TopK.indices(a, 0, classes, 5);
            int[] tb = TopK.indices(b, 0, classes, 5);
            top1 += ta[0] == tb[0] ? 1 : 0;
            top5 += Arrays.equals(ta, tb) ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "fp16 vs fp32 on %d images (R50x1 layout, %d px): max |logit difference| %.4g "
                        + "(%.3g of the image's largest |logit|); top-1 equal %d/%d, top-5 equal (same order) %d/%d; "
                        + "time fp16/fp32 %.2fx on this CPU%n", files.size(), bench.size(), worstAbs, worstRel, top1,
                files.size(), top5, files.size(), seconds[1] / seconds[0]);
    }

    private static float[] run(BitResNetV2 net, Recipe recipe, List<Path> files, int batch) throws Exception {
        BatchFeed feed = new BatchFeed.HostFloats(recipe);
        ByteBuffer buffer = ByteBuffer.allocateDirect(batch * feed.imageBytes()).order(ByteOrder.nativeOrder());
        byte[] scratch = new byte[recipe.planeBytes()];
        float[] out = new float[files.size() * net.classes()];
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            for (int from = 0; from < files.size(); from += batch) {
                int k = Math.min(batch, files.size() - from);
                for (int i = 0; i < k; i++) {
                    feed.write(ImageDecoder.decode(files.get(from + i)), buffer, i, scratch);
                }
                try (NDScope scope = new NDScope()) {
                    float[] l = net.forward(feed.tensor(m, buffer, 0, k)).toFloatArray();
                    System.arraycopy(l, 0, out, from * net.classes(), l.length);
                }
            }
        }
        return out;
    }
}
