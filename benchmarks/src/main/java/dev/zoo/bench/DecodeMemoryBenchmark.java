package dev.zoo.bench;

import dev.zoo.evaluator.eval.BatchFeed;
import dev.zoo.evaluator.image.ImageDecodeException;
import dev.zoo.evaluator.image.ImageDecoder;
import dev.zoo.evaluator.image.PixelBudget;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Peak memory of decoding and preprocessing (timm's 224 px bicubic recipe) a folder of images on THREADS decode
 * threads, as the evaluator's workers do, with the evaluator's pixel budget or without any, for
 * {@code bench/decode-memory-bench.sh}. Usage: {@code DecodeMemoryBenchmark DIR THREADS budget|unbounded}.
 * Prints the peak resident set (VmHWM), the decoded and refused counts and the wall time.
 */
public final class DecodeMemoryBenchmark {

    private DecodeMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        PixelBudget budget = args[2].equals("budget") ? PixelBudget.oneLargestImage() : null;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        Recipe recipe = BenchRecipes.timm();
        BatchFeed feed = new BatchFeed.HostFloats(recipe);
        ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(feed.imageBytes())
                .order(ByteOrder.nativeOrder()));
        ThreadLocal<byte[]> scratch = ThreadLocal.withInitial(() -> new byte[recipe.planeBytes()]);
        AtomicInteger decoded = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> all = files.stream().<Future<?>>map(f -> pool.submit(() -> {
                try {
                    ImageDecoder.decode(f, budget, image -> feed.write(image, buffers.get(), 0, scratch.get()));
                    decoded.incrementAndGet();
                } catch (ImageDecodeException e) {
                    refused.incrementAndGet();
                    System.err.println("refused: " + e.getMessage());
                }
            })).toList();
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "Zoo (%s, %d threads): peak RSS %d MB, %d decoded, %d refused, %.1f s%n",
                budget == null ? "no pixel budget" : "pixel budget " + budget.bytes() / (1 << 20) + " MB", threads,
                peakRssKb() / 1024, decoded.get(), refused.get(), seconds);
    }

    /** VmHWM: the most memory this process has held resident. */
    private static long peakRssKb() throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1);
    }
}
