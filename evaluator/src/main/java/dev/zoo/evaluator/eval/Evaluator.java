package dev.zoo.evaluator.eval;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.zoo.evaluator.data.RealLabels;
import dev.zoo.evaluator.data.Sample;
import dev.zoo.evaluator.image.ImageDecodeException;
import dev.zoo.evaluator.image.ImageDecoder;
import dev.zoo.evaluator.image.PixelBudget;
import dev.zoo.evaluator.image.Recipe;
import dev.zoo.networks.Classifier;
import dev.zoo.results.Prediction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a network over labelled images: decoding and resizing on a worker pool into reused host buffers (8-bit planes
 * for a GPU, which normalises them; normalised float32 for a CPU: see {@link BatchFeed}), overlapped with the forward
 * passes (one thread per device, each with its own network replica); every batch under its own {@link NDScope} so
 * memory stays flat; predictions handed to a sink that a resumed run continues from.
 */
public final class Evaluator {

    /**
     * @param workers threads that decode and preprocess
     * @param strict  an unreadable image fails the run instead of being counted and skipped
     * @param scoring how logits become predictions (a 200-class set's mask) and what they count towards
     */
    public record Options(int batchSize, int workers, boolean strict, Scoring scoring) {
        public Options {
            if (batchSize <= 0 || workers <= 0) {
                throw new IllegalArgumentException("batch size and workers must be positive");
            }
            scoring = scoring == null ? Scoring.PLAIN : scoring;
        }

        public Options(int batchSize, int workers, boolean strict) {
            this(batchSize, workers, strict, Scoring.PLAIN);
        }
    }

    private final BatchFeed feed;

    /** Progress and problems, as they happen. */
    public interface Listener {
        default void started(int total, int alreadyDone) {
        }

        /** {@code scored} and {@code skipped} count the whole run (a resumed run's earlier images included). */
        default void progress(int scored, int skipped, int total, double top1, Rates rates) {
        }

        /** An image that could not be read: it is counted, not scored (the run goes on unless strict). */
        default void imageFailed(String message) {
        }
    }

    /**
     * Where predictions go as they are made: a batch at a time, with the run's counts after it (the run recorder
     * stores both in one transaction). Called from every forward thread.
     */
    public interface PredictionSink {
        void accept(List<Prediction> batch, int scored, int skipped) throws IOException;
    }

    /**
     * The result: accuracy over the images that could be read, and the ones that could not.
     *
     * @param splitBatches batches that ran out of device memory and were computed in halves (no image lost)
     */
    public record Outcome(Accuracy accuracy, int evaluated, List<String> failures, double seconds, Rates rates,
                          int splitBatches) {

        public double imagesPerSecond() {
            return rates.overall();
        }
    }

    /** An image that could not be used in strict mode, or a network whose output is not a number. */
    public static class ImageFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public ImageFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The network's output is not a finite number: the weights or the engine, not the image, are at fault. */
    public static final class NonFiniteOutput extends ImageFailure {
        private static final long serialVersionUID = 1L;

        public NonFiniteOutput(String message) {
            super(message, null);
        }
    }

    /** A decoded batch: its readable images at the start of {@code buffer} (as the feed writes them), in order. */
    private record Prepared(List<Sample> samples, ByteBuffer buffer, List<String> failures) {
    }

    private final List<? extends Classifier> replicas;
    private final Recipe recipe;
    private final Options options;
    /** The decode threads' images in memory, together: one image of the largest size Zoo admits. */
    private final PixelBudget pixels = PixelBudget.oneLargestImage();

    /** @param replicas one network per device, loaded with the same weights */
    public Evaluator(List<? extends Classifier> replicas, Recipe recipe, Options options) {
        this(replicas, recipe, options, replicas.isEmpty() ? null
                : BatchFeed.forDevice(replicas.get(0).device(), recipe));
    }

    /** As the other constructor, with the way batches travel to the network chosen (for tests and benchmarks). */
    public Evaluator(List<? extends Classifier> replicas, Recipe recipe, Options options, BatchFeed feed) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("no network to evaluate");
        }
        this.replicas = List.copyOf(replicas);
        this.recipe = recipe;
        this.options = options;
        this.feed = feed;
    }

    /**
     * Evaluates {@code samples}, skipping those already predicted ({@code done}: a resumed run), and hands the new
     * predictions to {@code sink}.
     *
     * <p>Batches are fixed slices of {@code samples} ({@code batchSize} each, in order), whatever was done before: a
     * batch whose every image was predicted is skipped, any other is computed whole and only its missing predictions
     * recorded. So every image is always computed in the same batch, and a resumed run (or one shard of several, cut
     * at batch boundaries) gives logits equal bit for bit to an uninterrupted one.
     */
    public Outcome run(List<Sample> samples, RealLabels real, List<Prediction> done, PredictionSink sink,
                       Listener listener) throws ImageFailure, IOException, InterruptedException {
        Pass pass = new Pass(samples.size(), real, sink, listener);
        for (Prediction p : done) {
            if (pass.seen.add(p.name())) {
                options.scoring().tally(pass.accuracy, p, realOf(real, p.name()));
            }
        }
        List<List<Sample>> batches = new ArrayList<>();
        for (int i = 0; i < samples.size(); i += options.batchSize()) {
            List<Sample> b = samples.subList(i, Math.min(samples.size(), i + options.batchSize()));
            if (!b.stream().allMatch(x -> pass.seen.contains(x.name()))) {
                batches.add(b);
            }
        }
        pass.alreadyDone = pass.seen.size();
        listener.started(samples.size(), pass.alreadyDone);
        ExecutorService decoders = Executors.newFixedThreadPool(options.workers(), daemon("zoo-decode"));
        // the feeder and one forward thread per device; the first to fail stops the others (shutdownNow)
        ExecutorService forwards = Executors.newFixedThreadPool(replicas.size() + 1, daemon("zoo-forward"));
        try {
            forwards.submit(() -> pass.feed(batches, decoders));
            ExecutorCompletionService<Void> finished = new ExecutorCompletionService<>(forwards);
            for (Classifier net : replicas) {
                finished.submit(() -> {
                    pass.forward(net);
                    return null;
                });
            }
            for (int i = 0; i < replicas.size(); i++) {
                try {
                    finished.take().get();
                } catch (ExecutionException e) {
                    throw rethrown(e.getCause());
                }
            }
        } finally {
            forwards.shutdownNow();
            decoders.shutdownNow();
        }
        double seconds = (System.nanoTime() - pass.meter.start) / 1e9;
        return new Outcome(pass.accuracy, pass.evaluated.get(), List.copyOf(pass.failures), seconds,
                pass.meter.rates(), pass.meter.splitBatches.get());
    }

    /** A forward thread's failure as what {@link #run} declares; anything else unchecked. */
    private static IOException rethrown(Throwable f) throws ImageFailure, IOException, InterruptedException {
        if (f instanceof ImageFailure e) {
            throw e;
        }
        if (f instanceof InterruptedException e) {
            throw e;
        }
        if (f instanceof IOException e) {
            return e;
        }
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(f);
    }

    /**
     * One evaluation in progress: what the feeder, the decode workers and the forward threads share. Prepared batches
     * wait in {@code ready} for a forward thread (the bound keeps memory flat); every batch in flight (queued,
     * decoding, or being sent by a forward thread) holds one of the pooled buffers.
     */
    private final class Pass {
        final int total;
        final RealLabels real;
        final PredictionSink sink;
        final Listener listener;
        final Accuracy accuracy = new Accuracy();
        final Set<String> seen = new HashSet<>();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger evaluated = new AtomicInteger();
        final BlockingQueue<Future<Prepared>> ready;
        final BatchBuffers buffers;
        final Meter meter;
        int alreadyDone;

        Pass(int total, RealLabels real, PredictionSink sink, Listener listener) {
            this.total = total;
            this.real = real;
            this.sink = sink;
            this.listener = listener;
            int slots = options.workers() + replicas.size() + 1;
            this.ready = new ArrayBlockingQueue<>(slots);
            this.buffers = new BatchBuffers(options.batchSize(), feed.imageBytes(),
                    slots + options.workers() + replicas.size());
            this.meter = new Meter(System.nanoTime(), options.workers(), replicas.size());
        }

        /** Queues every batch for decoding, then one end marker per forward thread. */
        Void feed(List<List<Sample>> batches, ExecutorService decoders) throws InterruptedException {
            for (List<Sample> b : batches) {
                ready.put(CompletableFuture.supplyAsync(() -> prepare(b, buffers, meter), decoders));
            }
            for (int i = 0; i < replicas.size(); i++) {
                ready.put(CompletableFuture.completedFuture(null));
            }
            return null;
        }

        /** Takes prepared batches until the end marker, runs them through {@code net} and scores them. */
        void forward(Classifier net) throws Exception {
            Inference.disableGradients();
            try (NDManager inputs = Engine.getEngine("PyTorch").newBaseManager(net.device())) {
                while (true) {
                    Prepared batch;
                    try {
                        batch = ready.take().get();
                    } catch (ExecutionException e) {
                        throw e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
                    }
                    if (batch == null) {
                        return;
                    }
                    skip(batch);
                    if (batch.samples().isEmpty()) {
                        buffers.give(batch.buffer());
                        report(List.of());
                        continue;
                    }
                    long t0 = System.nanoTime();
                    float[] logits;
                    try {
                        logits = logits(net, inputs, feed, batch.buffer(), 0, batch.samples().size(), meter);
                    } finally {
                        buffers.give(batch.buffer());
                    }
                    meter.device(batch.samples().size(), System.nanoTime() - t0);
                    report(score(batch.samples(), logits, net.classes()));
                }
            }
        }

        /** The batch's unreadable images: counted and reported, or the end of a strict run. */
        private void skip(Prepared batch) throws ImageFailure {
            for (String f : batch.failures()) {
                failures.add(f);
                listener.imageFailed(f);
            }
            if (options.strict() && !batch.failures().isEmpty()) {
                buffers.give(batch.buffer());
                throw new ImageFailure(batch.failures().get(0) + " (--strict)", null);
            }
        }

        /** Each new image's prediction from its logits (refused when not finite), counted in the accuracy. */
        private List<Prediction> score(List<Sample> samples, float[] logits, int classes) throws ImageFailure {
            for (int i = 0; i < logits.length; i++) {
                if (!Float.isFinite(logits[i])) {
                    throw new NonFiniteOutput("the network's output for " + samples.get(i / classes).name()
                            + " is not finite (" + logits[i] + " for class " + (i % classes) + "): the weights "
                            + "or the engine are broken, no number can be trusted");
                }
            }
            List<Prediction> predictions = new ArrayList<>(samples.size());
            for (int i = 0; i < samples.size(); i++) {
                Sample s = samples.get(i);
                if (seen.contains(s.name())) {
                    continue;   // predicted before: computed again only to keep the batch as it was
                }
                Prediction p = options.scoring().predict(logits, i, classes, s.ordinal(), s.name(), s.label());
                predictions.add(p);
                options.scoring().tally(accuracy, p, realOf(real, s.name()));
            }
            return predictions;
        }

        /** Hands the predictions to the sink and tells the listener how far the run is. */
        private void report(List<Prediction> predictions) throws IOException {
            int now = evaluated.addAndGet(predictions.size());
            meter.scored(predictions.size());
            sink.accept(predictions, alreadyDone + now, failures.size());
            listener.progress(alreadyDone + now, failures.size(), total, accuracy.top1(), meter.rates());
        }
    }

    /**
     * The logits of images {@code [from, from + n)} of a batch's buffer. A batch that runs out of device memory is
     * computed in two halves (and so on down to one image): slower, and no image lost.
     */
    private static float[] logits(Classifier net, NDManager inputs, BatchFeed feed, ByteBuffer buffer,
                                  int from, int n, Meter meter) throws ImageFailure {
        try (NDScope scope = new NDScope()) {
            NDArray x = feed.tensor(inputs, buffer, from, n);
            return net.forward(x).toFloatArray();
        } catch (EngineException e) {
            if (!OutOfMemory.is(e)) {
                throw e;
            }
            OutOfMemory.release(net.device());
            if (n == 1) {
                throw new ImageFailure("one image does not fit in the memory of " + net.device() + ": "
                        + OutOfMemory.firstLine(e), e);
            }
            meter.splitBatches.incrementAndGet();
            int half = n / 2;
            float[] a = logits(net, inputs, feed, buffer, from, half, meter);
            float[] b = logits(net, inputs, feed, buffer, from + half, n - half, meter);
            float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }
    }

    /** Busy time of the decode workers and the devices, and what it means in images per second. */
    private static final class Meter {
        private final long start;
        private final int workers;
        private final int devices;
        private final AtomicLong decodeNanos = new AtomicLong();
        private final AtomicLong decoded = new AtomicLong();
        private final AtomicLong deviceNanos = new AtomicLong();
        private final AtomicLong computed = new AtomicLong();
        private final AtomicLong scored = new AtomicLong();
        final AtomicInteger splitBatches = new AtomicInteger();

        Meter(long start, int workers, int devices) {
            this.start = start;
            this.workers = workers;
            this.devices = devices;
        }

        void decode(int images, long nanos) {
            decoded.addAndGet(images);
            decodeNanos.addAndGet(nanos);
        }

        void device(int images, long nanos) {
            computed.addAndGet(images);
            deviceNanos.addAndGet(nanos);
        }

        void scored(int images) {
            scored.addAndGet(images);
        }

        Rates rates() {
            double wall = Math.max((System.nanoTime() - start) / 1e9, 1e-9);
            return new Rates(scored.get() / wall, perSecond(decoded.get(), decodeNanos.get(), workers),
                    perSecond(computed.get(), deviceNanos.get(), devices));
        }

        private static double perSecond(long images, long busyNanos, int parallel) {
            return busyNanos == 0 ? 0 : images * 1e9 * parallel / busyNanos;
        }
    }

    private static int[] realOf(RealLabels real, String name) {
        return real == null ? null : real.forImage(name).orElse(null);
    }

    /**
     * Decodes, resizes and crops one batch into a pooled buffer, image after image, as the feed writes them;
     * unreadable images are set aside (the readable ones stay contiguous, in order).
     */
    private Prepared prepare(List<Sample> batch, BatchBuffers buffers, Meter meter) {
        long t0 = System.nanoTime();
        ByteBuffer buffer;
        try {
            buffer = buffers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        }
        byte[] scratch = SCRATCH.get();
        if (scratch.length != recipe.planeBytes()) {
            scratch = new byte[recipe.planeBytes()];
            SCRATCH.set(scratch);
        }
        List<Sample> ok = new ArrayList<>(batch.size());
        List<String> failures = new ArrayList<>();
        byte[] planes = scratch;
        for (Sample s : batch) {
            try {
                int at = ok.size();
                ImageDecoder.decode(s.file(), pixels, image -> feed.write(image, buffer, at, planes));
                ok.add(s);
            } catch (ImageDecodeException e) {
                failures.add(e.getMessage());
            }
        }
        meter.decode(batch.size(), System.nanoTime() - t0);
        return new Prepared(ok, buffer, failures);
    }

    /** One image's planes per decode thread, reused from image to image. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
