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
     * Evaluates {@code samples}, skipping those already in {@code log} ({@code done}: a resumed run), and appends the
     * new predictions to it.
     */
    public Outcome run(List<Sample> samples, RealLabels real, List<Prediction> done, PredictionLog log,
                       Listener listener) throws ImageFailure, IOException, InterruptedException {
        Accuracy accuracy = new Accuracy();
        Set<String> seen = new HashSet<>();
        for (Prediction p : done) {
            if (seen.add(p.name())) {
                accuracy.add(p.label(), p.top(), realOf(real, p.name()));
            }
        }
        List<Sample> todo = samples.stream().filter(s -> !seen.contains(s.name())).toList();
        List<List<Sample>> batches = new ArrayList<>();
        for (int i = 0; i < todo.size(); i += options.batchSize()) {
            batches.add(todo.subList(i, Math.min(todo.size(), i + options.batchSize())));
        }
        listener.started(samples.size(), samples.size() - todo.size());
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
                    forwardLoop(net, ready, real, log, accuracy, failures, evaluated, samples.size() - todo.size(),
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
                             PredictionLog log, Accuracy accuracy, List<String> failures, AtomicInteger evaluated,
                             int alreadyDone, int total, long start, Listener listener) throws Exception {
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
                    int[] top = TopK.indices(logits, i * classes, classes, 5);
                    float[] topLogits = new float[top.length];
                    for (int k = 0; k < top.length; k++) {
                        topLogits[k] = logits[i * classes + top[k]];
                    }
                    predictions.add(new Prediction(s.name(), s.label(), top, topLogits));
                    accuracy.add(s.label(), top, realOf(real, s.name()));
                }
                log.write(predictions);
                int now = evaluated.addAndGet(n);
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
