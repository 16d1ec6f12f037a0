package dev.zoo.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.sun.management.ThreadMXBean;
import dev.zoo.evaluator.eval.BatchFeed;
import dev.zoo.evaluator.eval.TopK;
import dev.zoo.evaluator.image.ImageDecoder;
import dev.zoo.evaluator.image.Recipe;
import dev.zoo.evaluator.image.RgbImage;
import dev.zoo.networks.resnetv2.BitResNetV2;
import dev.zoo.networks.Precision;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The host side of feeding a batch, before (float32 tensors built on the host, a new array per batch) and after
 * (8-bit planes into a reused buffer, normalised by the engine), and the harness's overhead over a bare forward pass,
 * for {@code bench/feeding-bench.sh}. One thread, the same decoded images for both paths, so only the feeding
 * differs. Usage: {@code FeedingBenchmark DIR WEIGHTS.npz [N=64] [SIZE=480] [BATCH=16]}.
 */
public final class FeedingBenchmark {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private FeedingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        R50x1Bench bench = R50x1Bench.of(args, 64, 16);
        Recipe recipe = bench.recipe();
        int batch = bench.batch();
        List<RgbImage> images = new ArrayList<>();
        for (Path f : bench.jpegs()) {
            images.add(ImageDecoder.decode(f));
        }
        try (NDManager m = NDManager.newBaseManager(Device.cpu());
             BitResNetV2 net = BitResNetV2.load(R50x1Bench.NETWORK, bench.weights(), Device.cpu(),
                     BitResNetV2.Options.BIT, Precision.FP32)) {
            BatchFeed planes = new BatchFeed.Planes(recipe);
            BatchFeed floats = new BatchFeed.HostFloats(recipe);
            for (int round = 0; round < 2; round++) {   // the first round warms the JIT and libtorch up
                Feeding before = copiedFloats(m, recipe, images, batch);
                Feeding gpu = pooled(m, planes, recipe, images, batch);
                Feeding cpu = pooled(m, floats, recipe, images, batch);
                if (round == 1) {
                    report("before: a float32 array per batch, copied by DJL", before, images.size(), batch);
                    report("GPU feed: 8-bit planes in a reused buffer, normalised by the engine", gpu, images.size(),
                            batch);
                    report("CPU feed: float32 in a reused buffer, wrapped by libtorch", cpu, images.size(), batch);
                    System.out.printf(Locale.ROOT, "host time ratio to before: GPU feed %.2f, CPU feed %.2f; bytes to "
                            + "the engine per image: %,d before, %,d with the GPU feed (%.2fx fewer)%n",
                            gpu.seconds / before.seconds, cpu.seconds / before.seconds,
                            before.engineBytes / images.size(), gpu.engineBytes / images.size(),
                            (double) before.engineBytes / gpu.engineBytes);
                }
            }
            overhead(m, net, floats, recipe, images, batch);
        }
    }

    /** Time, heap allocated by this thread, direct memory made, and bytes handed to the engine, over all batches. */
    private record Feeding(double seconds, long heapBytes, long directBytes, long engineBytes) {
    }

    /** Before: a new float array per batch, ToTensor + Normalize per image on the host, copied into the engine. */
    private static Feeding copiedFloats(NDManager m, Recipe recipe, List<RgbImage> images, int batch) {
        long heap0 = THREADS.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        long direct = 0;
        long engine = 0;
        for (int from = 0; from < images.size(); from += batch) {
            int k = Math.min(batch, images.size() - from);
            float[] data = new float[k * recipe.planeBytes()];
            for (int i = 0; i < k; i++) {
                recipe.toTensor(images.get(from + i), data, i * recipe.planeBytes());
            }
            try (NDScope scope = new NDScope()) {
                // DJL copies a heap array into a new direct buffer of the same size before the engine sees it
                m.create(data, new Shape(k, 3, recipe.imageSize(), recipe.imageSize())).getShape();
            }
            direct += 4L * data.length;
            engine += 4L * data.length;
        }
        return new Feeding((System.nanoTime() - t0) / 1e9, THREADS.getCurrentThreadAllocatedBytes() - heap0, direct,
                engine);
    }

    /** Zoo's feeds: one reused direct buffer, written image by image, turned into the tensor by the feed. */
    private static Feeding pooled(NDManager m, BatchFeed feed, Recipe recipe, List<RgbImage> images, int batch) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(batch * feed.imageBytes()).order(ByteOrder.nativeOrder());
        byte[] scratch = new byte[recipe.planeBytes()];
        long heap0 = THREADS.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        long engine = 0;
        for (int from = 0; from < images.size(); from += batch) {
            int k = Math.min(batch, images.size() - from);
            for (int i = 0; i < k; i++) {
                feed.write(images.get(from + i), buffer, i, scratch);
            }
            try (NDScope scope = new NDScope()) {
                feed.tensor(m, buffer, 0, k).getShape();
            }
            engine += (long) k * feed.imageBytes();
        }
        return new Feeding((System.nanoTime() - t0) / 1e9, THREADS.getCurrentThreadAllocatedBytes() - heap0, 0,
                engine);
    }

    private static void report(String what, Feeding f, int images, int batch) {
        int batches = (images + batch - 1) / batch;
        System.out.printf(Locale.ROOT, "%s: %.2f ms/image host time; per batch of %d: %,d heap bytes and %,d direct "
                        + "bytes allocated, %,d bytes to the engine%n", what, 1000 * f.seconds / images, batch,
                f.heapBytes / batches, f.directBytes / batches, f.engineBytes / batches);
    }

    /**
     * The device side of one batch in Zoo's loop (the buffer to a tensor, forward, logits out, top-5 per image)
     * against DJL's bare forward pass on the same, already normalised batch.
     */
    private static void overhead(NDManager m, BitResNetV2 net, BatchFeed feed, Recipe recipe,
                                 List<RgbImage> images, int batch) {
        int k = Math.min(batch, images.size());
        ByteBuffer buffer = ByteBuffer.allocateDirect(k * feed.imageBytes()).order(ByteOrder.nativeOrder());
        byte[] scratch = new byte[recipe.planeBytes()];
        for (int i = 0; i < k; i++) {
            feed.write(images.get(i), buffer, i, scratch);
        }
        int repeats = 4;
        double bare = 0;
        double harness = 0;
        try (NDScope outer = new NDScope()) {
            NDArray x = feed.tensor(m, buffer, 0, k).duplicate();
            for (int r = -1; r < repeats; r++) {   // r = -1 warms up
                long t0 = System.nanoTime();
                try (NDScope scope = new NDScope()) {
                    net.forward(x).close();
                }
                long t1 = System.nanoTime();
                try (NDScope scope = new NDScope()) {
                    float[] logits = net.forward(feed.tensor(m, buffer, 0, k)).toFloatArray();
                    for (int i = 0; i < k; i++) {
                        TopK.indices(logits, i * net.classes(), net.classes(), 5);
                    }
                }
                long t2 = System.nanoTime();
                if (r >= 0) {
                    bare += (t1 - t0) / 1e9;
                    harness += (t2 - t1) / 1e9;
                }
            }
        }
        System.out.printf(Locale.ROOT, "device side of a batch of %d (CPU feed): bare forward %.3f s, Zoo's loop "
                + "%.3f s: overhead %.1f%%%n", k, bare / repeats, harness / repeats, 100 * (harness / bare - 1));
    }
}
