package dev.zoo.bench;

import dev.zoo.evaluator.eval.BatchFeed;
import dev.zoo.evaluator.image.ImageDecoder;
import dev.zoo.evaluator.image.Recipe;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Preprocessing throughput (decode, resize, centre crop, normalise to float32 CHW) over the JPEGs of a folder, as a
 * decode worker does it for a CPU (into its reused buffer, {@link BatchFeed.HostFloats}), for
 * {@code bench/eval-bench.sh} and {@code bench/preprocess-bench.sh}. Usage:
 * {@code PreprocessBenchmark DIR [N] [SIZE|timm] [THREADS|scaling] [cpu|gpu|stages] [ROUNDS]}: SIZE is BiT's recipe
 * at that size (bilinear, crop 1.0), {@code timm} timm's usual one (224 px, bicubic, crop 0.875);
 * {@code stages} prints, on one thread, the time of decoding and of resizing and normalising apart; {@code gpu}
 * measures what a GPU is fed instead ({@link BatchFeed.Planes}: 8-bit planes, normalised on the device);
 * {@code scaling} in place of THREADS alternates one and two threads ROUNDS times (default 5) in one process.
 */
public final class PreprocessBenchmark {

    private PreprocessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String recipeName = args.length > 2 ? args[2] : "480";
        String threadsArg = args.length > 3 ? args[3] : "1";
        boolean scaling = threadsArg.equals("scaling");
        int threads = scaling ? 2 : Integer.parseInt(threadsArg);
        boolean stages = args.length > 4 && args[4].equals("stages");
        boolean gpu = args.length > 4 && args[4].equals("gpu");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".JPEG") || p.toString().endsWith(".jpg")).sorted()
                    .limit(n).toList();
        }
        Recipe recipe = BenchRecipes.named(recipeName);
        int size = recipe.imageSize();
        BatchFeed feed = gpu ? new BatchFeed.Planes(recipe) : new BatchFeed.HostFloats(recipe);
        for (int pass = 0; pass < 3; pass++) {
            // warm-up, not timed: the JIT, the file cache, the buffers. After one pass a fresh process ran ~20 % below
            // the rate the same code keeps later in a process; a 50,000-image evaluation runs at the later one
            run(files, feed, threads);
        }
        if (stages) {
            stages(files, recipe);
            return;
        }
        if (scaling) {
            scaling(files, feed, args.length > 5 ? Integer.parseInt(args[5]) : 5);
            return;
        }
        long start = System.nanoTime();
        run(files, feed, threads);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "preprocess: %d images in %.2fs = %.1f img/s (%d thread(s), size %d, %s)%n",
                files.size(), seconds, files.size() / seconds, threads, size, gpu ? "uint8 planes for a GPU"
                        : "float32 for a CPU");
    }

    /**
     * One thread: reading the file, decoding it, resizing and normalising, each timed apart in this thread's CPU time
     * (on a shared machine, time the hypervisor gives to others does not count), best of three passes.
     */
    private static void stages(List<Path> files, Recipe recipe) throws Exception {
        BatchFeed feed = new BatchFeed.HostFloats(recipe);
        ByteBuffer b = ByteBuffer.allocateDirect(feed.imageBytes()).order(ByteOrder.nativeOrder());
        byte[] scratch = new byte[recipe.planeBytes()];
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        for (int pass = 0; pass < 3; pass++) {
            long read = 0;
            long decode = 0;
            long resize = 0;
            for (Path f : files) {
                long t0 = cpu.getCurrentThreadCpuTime();
                Files.readAllBytes(f);
                long t1 = cpu.getCurrentThreadCpuTime();
                var image = ImageDecoder.decode(f);
                long t2 = cpu.getCurrentThreadCpuTime();
                feed.write(image, b, 0, scratch);
                long t3 = cpu.getCurrentThreadCpuTime();
                read += t1 - t0;
                decode += t2 - t1;
                resize += t3 - t2;
            }
            double n = files.size() * 1e6;
            best[0] = Math.min(best[0], read / n);
            best[1] = Math.min(best[1], decode / n);
            best[2] = Math.min(best[2], resize / n);
        }
        System.out.printf(Locale.ROOT, "stages per image (CPU time, best of 3): read %.2f ms, decode (read included) "
                + "%.2f ms, resize + crop + normalise %.2f ms%n", best[0], best[1], best[2]);
    }

    /**
     * One thread, then two, in turn {@code rounds} times in this one process: the two rates are measured moments
     * apart, so a shared machine's slow spells fall on both alike. Prints the medians and the scaling.
     */
    private static void scaling(List<Path> files, BatchFeed feed, int rounds) throws Exception {
        double[][] rates = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int t = 1; t <= 2; t++) {
                long start = System.nanoTime();
                run(files, feed, t);
                rates[t - 1][r] = files.size() / ((System.nanoTime() - start) / 1e9);
            }
        }
        double one = median(rates[0]);
        double two = median(rates[1]);
        System.out.printf(Locale.ROOT, "scaling: 1 thread %.1f img/s, 2 threads %.1f img/s = %.0f %% scaling "
                + "(one process, in turn, medians of %d)%n", one, two, 50 * two / one, rounds);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void run(List<Path> files, BatchFeed feed, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // each worker writes into its own reused buffer, as the evaluator's decode workers do
            Recipe recipe = feed.recipe();
            ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(
                    feed.imageBytes()).order(ByteOrder.nativeOrder()));
            ThreadLocal<byte[]> scratch = ThreadLocal.withInitial(() -> new byte[recipe.planeBytes()]);
            List<Future<Float>> out = files.stream().map(f -> pool.submit(() -> {
                ByteBuffer b = buffers.get();
                feed.write(ImageDecoder.decode(f), b, 0, scratch.get());
                return b.getFloat(b.capacity() / 2);
            })).toList();
            for (Future<Float> f : out) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
