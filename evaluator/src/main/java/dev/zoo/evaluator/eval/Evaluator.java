package dev.zoo.evaluator.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.zoo.evaluator.data.RealLabels;
import dev.zoo.evaluator.data.Sample;
import dev.zoo.evaluator.image.ImageDecodeException;
import dev.zoo.evaluator.image.ImageDecoder;
import dev.zoo.evaluator.image.Recipe;
import dev.zoo.evaluator.net.BitResNetV2;
import dev.zoo.results.Prediction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a network over labelled images: decoding and preprocessing on a worker pool, overlapped with the forward passes
 * (one thread per device, each with its own network replica), every batch under its own {@link NDScope} so memory stays
 * flat, predictions appended to a log that a resumed run continues from.
 */
public final class Evaluator {

    /**
     * @param workers threads that decode and preprocess
     * @param strict  an unreadable image fails the run instead of being counted and skipped
     */
    public record Options(int batchSize, int workers, boolean strict) {
        public Options {
            if (batchSize <= 0 || workers <= 0) {
                throw new IllegalArgumentException("batch size and workers must be positive");
            }
        }
    }

    /** Progress and problems, as they happen. */
    public interface Listener {
        default void started(int total, int alreadyDone) {
        }

        /** {@code scored} and {@code skipped} count the whole run (a resumed run's earlier images included). */
        default void progress(int scored, int skipped, int total, double top1, double imagesPerSecond) {
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

    /** The result: accuracy over the images that could be read, and the ones that could not. */
    public record Outcome(Accuracy accuracy, int evaluated, List<String> failures, double seconds,
                          double imagesPerSecond) {
    }

    /** An image that could not be used in strict mode, or a network whose output is not a number. */
    public static final class ImageFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public ImageFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Prepared(List<Sample> samples, float[] data, List<String> failures) {
    }

    private final List<BitResNetV2> replicas;
    private final Recipe recipe;
    private final Options options;

    /** @param replicas one network per device, loaded with the same weights */
    public Evaluator(List<BitResNetV2> replicas, Recipe recipe, Options options) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("no network to evaluate");
        }
        this.replicas = List.copyOf(replicas);
        this.recipe = recipe;
        this.options = options;
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
        Accuracy accuracy = new Accuracy();
        Set<String> seen = new HashSet<>();
        for (Prediction p : done) {
            if (seen.add(p.name())) {
                accuracy.add(p.label(), p.top(), realOf(real, p.name()));
            }
        }
        List<List<Sample>> batches = new ArrayList<>();
        for (int i = 0; i < samples.size(); i += options.batchSize()) {
            List<Sample> b = samples.subList(i, Math.min(samples.size(), i + options.batchSize()));
            if (!b.stream().allMatch(x -> seen.contains(x.name()))) {
                batches.add(b);
            }
        }
        int alreadyDone = seen.size();
        listener.started(samples.size(), alreadyDone);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        AtomicInteger evaluated = new AtomicInteger();
        ExecutorService decoders = Executors.newFixedThreadPool(options.workers(), daemon("zoo-decode"));
        // prepared batches wait here for a forward thread; the bound keeps memory flat
        BlockingQueue<Future<Prepared>> ready = new ArrayBlockingQueue<>(options.workers() + replicas.size() + 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread feeder = new Thread(() -> {
            try {
                for (List<Sample> b : batches) {
                    ready.put(CompletableFuture.supplyAsync(() -> prepare(b), decoders));
                }
                for (int i = 0; i < replicas.size(); i++) {
                    ready.put(CompletableFuture.completedFuture(null));   // one end marker per forward thread
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "zoo-feeder");
        feeder.setDaemon(true);
        feeder.start();
        List<Thread> forwards = Collections.synchronizedList(new ArrayList<>());
        for (BitResNetV2 net : replicas) {
            Thread t = new Thread(() -> {
                try {
                    forwardLoop(net, ready, real, sink, accuracy, failures, evaluated, seen, alreadyDone,
                            samples.size(), start, listener);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    feeder.interrupt();
                    forwards.forEach(Thread::interrupt);   // the others would wait for batches that never come
                }
            }, "zoo-forward-" + net.device());
            forwards.add(t);
        }
        forwards.forEach(Thread::start);
        try {
            for (Thread t : forwards) {
                t.join();
            }
        } finally {
            feeder.interrupt();
            decoders.shutdownNow();
        }
        Throwable f = failure.get();
        if (f instanceof ImageFailure e) {
            throw e;
        }
        if (f instanceof IOException e) {
            throw e;
        }
        if (f instanceof InterruptedException e) {
            throw e;
        }
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(accuracy, evaluated.get(), List.copyOf(failures), seconds,
                evaluated.get() / Math.max(seconds, 1e-9));
    }

    private void forwardLoop(BitResNetV2 net, BlockingQueue<Future<Prepared>> ready, RealLabels real,
                             PredictionSink sink, Accuracy accuracy, List<String> failures, AtomicInteger evaluated,
                             Set<String> seen, int alreadyDone, int total, long start, Listener listener)
            throws Exception {
        Inference.disableGradients();
        int size = recipe.imageSize();
        int classes = net.spec().classes();
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
                for (String f : batch.failures()) {
                    failures.add(f);
                    listener.imageFailed(f);
                }
                if (options.strict() && !batch.failures().isEmpty()) {
                    throw new ImageFailure(batch.failures().get(0) + " (--strict)", null);
                }
                int n = batch.samples().size();
                if (n == 0) {
                    sink.accept(List.of(), alreadyDone + evaluated.get(), failures.size());
                    listener.progress(alreadyDone + evaluated.get(), failures.size(), total, accuracy.top1(), 0);
                    continue;
                }
                float[] logits;
                try (NDScope scope = new NDScope()) {
                    NDArray x = inputs.create(batch.data(), new Shape(n, 3, size, size));
                    logits = net.forward(x).toFloatArray();
                }
                for (int i = 0; i < logits.length; i++) {
                    if (!Float.isFinite(logits[i])) {
                        throw new ImageFailure("the network's output for " + batch.samples().get(i / classes).name()
                                + " is not finite (" + logits[i] + " for class " + (i % classes) + "): the weights "
                                + "or the engine are broken, no number can be trusted", null);
                    }
                }
                List<Prediction> predictions = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    Sample s = batch.samples().get(i);
                    if (seen.contains(s.name())) {
                        continue;   // predicted before: computed again only to keep the batch as it was
                    }
                    int[] top = TopK.indices(logits, i * classes, classes, 5);
                    float[] topLogits = new float[top.length];
                    for (int k = 0; k < top.length; k++) {
                        topLogits[k] = logits[i * classes + top[k]];
                    }
                    predictions.add(new Prediction(s.ordinal(), s.name(), s.label(), top, topLogits));
                    accuracy.add(s.label(), top, realOf(real, s.name()));
                }
                int now = evaluated.addAndGet(predictions.size());
                sink.accept(predictions, alreadyDone + now, failures.size());
                double seconds = (System.nanoTime() - start) / 1e9;
                listener.progress(alreadyDone + now, failures.size(), total, accuracy.top1(),
                        now / Math.max(seconds, 1e-9));
            }
        }
    }

    private static int[] realOf(RealLabels real, String name) {
        return real == null ? null : real.forImage(name).orElse(null);
    }

    /** Decodes and preprocesses one batch into a contiguous NCHW float array; unreadable images are set aside. */
    private Prepared prepare(List<Sample> batch) {
        int plane = 3 * recipe.imageSize() * recipe.imageSize();
        float[] data = new float[batch.size() * plane];
        List<Sample> ok = new ArrayList<>(batch.size());
        List<String> failures = new ArrayList<>();
        for (Sample s : batch) {
            try {
                recipe.toTensor(ImageDecoder.decode(s.file()), data, ok.size() * plane);
                ok.add(s);
            } catch (ImageDecodeException e) {
                failures.add(e.getMessage());
            }
        }
        if (ok.size() < batch.size()) {
            float[] shrunk = new float[ok.size() * plane];
            System.arraycopy(data, 0, shrunk, 0, shrunk.length);
            data = shrunk;
        }
        return new Prepared(ok, data, failures);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
