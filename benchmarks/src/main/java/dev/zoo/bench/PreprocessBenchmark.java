package dev.zoo.bench;

import dev.zoo.evaluator.eval.BatchFeed;
import dev.zoo.evaluator.image.ImageDecoder;
import dev.zoo.evaluator.image.Interpolation;
import dev.zoo.evaluator.image.Recipe;
import dev.zoo.metadata.ResizeMode;
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
 * {@code bench/eval-bench.sh}. Usage: {@code PreprocessBenchmark DIR [N] [SIZE] [THREADS]}.
 */
public final class PreprocessBenchmark {

    private PreprocessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 480;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".JPEG") || p.toString().endsWith(".jpg")).sorted()
                    .limit(n).toList();
        }
        Recipe recipe = new Recipe(size, 1.0, Interpolation.BILINEAR, ResizeMode.CROP, Recipe.HALF, Recipe.HALF);
        run(files.subList(0, Math.min(300, files.size())), recipe, threads);   // JIT warm-up, not timed
        long start = System.nanoTime();
        run(files, recipe, threads);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "preprocess: %d images in %.2fs = %.1f img/s (%d thread(s), size %d)%n",
                files.size(), seconds, files.size() / seconds, threads, size);
    }

    private static void run(List<Path> files, Recipe recipe, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // each worker writes into its own reused buffer, as the evaluator's decode workers do
            BatchFeed feed = new BatchFeed.HostFloats(recipe);
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
