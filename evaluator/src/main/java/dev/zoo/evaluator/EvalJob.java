package dev.zoo.evaluator;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.zoo.evaluator.data.Dataset;
import dev.zoo.evaluator.data.DatasetException;
import dev.zoo.evaluator.data.RealLabels;
import dev.zoo.evaluator.eval.Evaluator;
import dev.zoo.evaluator.eval.Inference;
import dev.zoo.evaluator.eval.Prediction;
import dev.zoo.evaluator.eval.PredictionLog;
import dev.zoo.evaluator.image.Recipe;
import dev.zoo.evaluator.net.BitResNetV2;
import dev.zoo.evaluator.net.WeightError;
import dev.zoo.evaluator.npz.NpzException;
import dev.zoo.metadata.Metric;
import dev.zoo.metadata.Model;
import dev.zoo.metadata.NetworkSpec;
import dev.zoo.registry.DatabaseException;
import dev.zoo.registry.Progress;
import dev.zoo.registry.PullException;
import dev.zoo.registry.PullResult;
import dev.zoo.results.Run;
import dev.zoo.results.RunRepository;
import dev.zoo.registry.Versions;
import dev.zoo.registry.WeightsRegistry;
import dev.zoo.registry.ZooHome;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code zoo eval}: checks the request, pulls and verifies the weights, records a run with its provenance, evaluates
 * and stores the measured metrics. A run killed part-way stays RUNNING (INTERRUPTED when the JVM could still say so);
 * {@code resume} continues the latest such run of the same model, weights, recipe and data from its prediction log.
 */
public final class EvalJob {

    private static final System.Logger LOG = System.getLogger(EvalJob.class.getName());
    public static final String IMAGENET = "ImageNet";
    public static final String IMAGENET_REAL = "ImageNet-ReaL";

    /** What to evaluate and how. {@code limit} and {@code subset} are optional (null). */
    public record Request(Model model, Path data, Path labels, Path realLabels, Path subset, Integer limit,
                          int batchSize, String device, int threads, Path predictions, boolean strict,
                          boolean resume) {

        /** The same request for another model. */
        public Request forModel(Model other) {
            return new Request(other, data, labels, realLabels, subset, limit, batchSize, device, threads, predictions,
                    strict, resume);
        }
    }

    /** A finished evaluation. */
    public record Report(Run run, Recipe recipe, Dataset dataset, Evaluator.Outcome outcome, Path predictionLog,
                         boolean resumed) {
    }

    private final ZooHome home;
    private final WeightsRegistry registry;
    private final RunRepository runs;

    public EvalJob(ZooHome home, WeightsRegistry registry, RunRepository runs) {
        this.home = home;
        this.registry = registry;
        this.runs = runs;
    }

    public Report run(Request req, Progress pullProgress, Evaluator.Listener listener) throws EvalException {
        Model model = req.model();
        NetworkSpec spec = model.networkSpec().orElseThrow(() -> new EvalException(EvalException.Kind.USAGE,
                "Zoo cannot tell the architecture of " + model.id() + "; add a Network entry to its catalogue entry"));
        if (!NetworkSpec.RESNETV2.equals(spec.family())) {
            throw new EvalException(EvalException.Kind.USAGE, model.id() + ": Zoo evaluates the resnetv2 family only, "
                    + "not " + spec.family());
        }
        Recipe recipe;
        try {
            recipe = Recipe.forModel(model);
        } catch (IllegalArgumentException e) {
            throw new EvalException(EvalException.Kind.USAGE, model.id() + ": " + e.getMessage());
        }
        Dataset dataset = dataset(req);
        RealLabels real = realLabels(req, dataset);
        String fingerprint = fingerprint(dataset);

        PullResult weights;
        try {
            weights = registry.pull(model, pullProgress);
        } catch (PullException e) {
            throw new EvalException(e.kind() == PullException.Kind.CHECK_FAILED ? EvalException.Kind.CHECK_FAILED
                    : e.kind() == PullException.Kind.INVALID ? EvalException.Kind.USAGE : EvalException.Kind.IO,
                    e.getMessage(), e);
        }
        Inference.setThreads(req.threads());
        List<Device> devices = Devices.parse(req.device());
        String split = req.subset() != null ? "subset" : req.limit() != null ? "first " + dataset.samples().size()
                : "validation";
        String subset = req.subset() != null ? req.subset().toString() : req.limit() != null ? "limit "
                + req.limit() : null;

        Run started = req.resume() ? resumable(model, weights.sha256(), recipe, fingerprint)
                : startRun(new Run(null, model.id(), Run.Status.RUNNING, IMAGENET, split,
                dataset.root().toAbsolutePath().toString(), fingerprint, subset, dataset.samples().size(),
                recipe.describe(), Devices.describe(devices), req.batchSize(), req.threads(), weights.sha256(),
                Versions.zoo(), Engine.getDjlVersion(), Engine.getEngine("PyTorch").getVersion(), host(), null, null,
                null, null, List.of()));
        long runId = started.id();
        Path dir = home.root().resolve("runs").resolve(Long.toString(runId));
        Path logFile = dir.resolve("predictions.csv");
        Thread hook = new Thread(() -> finishQuietly(runId, Run.Status.INTERRUPTED, List.of(), null, null,
                "interrupted"), "zoo-eval-interrupted");
        List<BitResNetV2> replicas = new ArrayList<>();
        try (RunLock lock = RunLock.acquire(dir, runId)) {
            List<Prediction> done = List.of();
            if (req.resume()) {
                runs.markRunning(runId);
                done = PredictionLog.read(logFile);
            }
            for (Device d : devices) {
                replicas.add(BitResNetV2.load(spec, weights.path(), d, BitResNetV2.Options.BIT));
            }
            Runtime.getRuntime().addShutdownHook(hook);
            Evaluator.Outcome outcome;
            try (PredictionLog log = PredictionLog.append(logFile)) {
                Evaluator evaluator = new Evaluator(replicas, recipe, new Evaluator.Options(req.batchSize(),
                        req.threads(), req.strict()));
                outcome = evaluator.run(dataset.samples(), real, done, log, listener);
            }
            List<Run.Measurement> results = measurements(outcome, real != null);
            runs.finish(runId, Run.Status.COMPLETED, results, (int) outcome.accuracy().count(),
                    outcome.imagesPerSecond(), outcome.failures().isEmpty() ? null
                            : outcome.failures().size() + " unreadable image(s), first: " + outcome.failures().get(0));
            if (req.predictions() != null) {
                Files.createDirectories(req.predictions().toAbsolutePath().getParent());
                Files.copy(logFile, req.predictions(), StandardCopyOption.REPLACE_EXISTING);
            }
            Run finished = runs.find(runId).orElseThrow();
            return new Report(finished, recipe, dataset, outcome, logFile, req.resume());
        } catch (Evaluator.ImageFailure e) {
            finishQuietly(runId, Run.Status.FAILED, List.of(), null, null, e.getMessage());
            throw new EvalException(EvalException.Kind.CHECK_FAILED, e.getMessage(), e);
        } catch (NpzException | WeightError e) {
            finishQuietly(runId, Run.Status.FAILED, List.of(), null, null, e.getMessage());
            throw new EvalException(EvalException.Kind.CHECK_FAILED, e.getMessage(), e);
        } catch (IOException | DatabaseException e) {
            finishQuietly(runId, Run.Status.FAILED, List.of(), null, null, e.getMessage());
            throw new EvalException(EvalException.Kind.IO, e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finishQuietly(runId, Run.Status.INTERRUPTED, List.of(), null, null, "interrupted");
            throw new EvalException(EvalException.Kind.IO, "interrupted", e);
        } catch (RuntimeException e) {
            // the engine or a bug: the run must not stay "running" forever
            finishQuietly(runId, Run.Status.FAILED, List.of(), null, null, String.valueOf(e));
            throw new EvalException(EvalException.Kind.IO, "the evaluation failed: " + e, e);
        } finally {
            replicas.forEach(BitResNetV2::close);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException ignored) {
                // the JVM is shutting down (the hook runs) or the hook was never added
            }
        }
    }

    private static Dataset dataset(Request req) throws EvalException {
        try {
            Dataset d = Dataset.open(req.data(), req.labels());
            if (req.subset() != null) {
                d = d.subset(req.subset());
            }
            if (req.limit() != null) {
                d = d.limit(req.limit());
            }
            if (d.samples().isEmpty()) {
                throw new EvalException(EvalException.Kind.USAGE, "no images to evaluate in " + req.data());
            }
            return d;
        } catch (DatasetException e) {
            throw new EvalException(EvalException.Kind.USAGE, e.getMessage(), e);
        }
    }

    private static RealLabels realLabels(Request req, Dataset dataset) throws EvalException {
        if (req.realLabels() == null) {
            return null;
        }
        try {
            RealLabels real = RealLabels.read(req.realLabels());
            if (dataset.samples().stream().noneMatch(s -> RealLabels.hasValidationNumber(s.name()))) {
                throw new EvalException(EvalException.Kind.USAGE, "--real-labels: no image of " + req.data()
                        + " is named like ILSVRC2012_val_00000001.JPEG, so none can be matched to " + req.realLabels());
            }
            return real;
        } catch (DatasetException e) {
            throw new EvalException(EvalException.Kind.USAGE, e.getMessage(), e);
        }
    }

    private static String fingerprint(Dataset dataset) throws EvalException {
        try {
            return dataset.fingerprint();
        } catch (DatasetException e) {
            throw new EvalException(EvalException.Kind.IO, e.getMessage(), e);
        }
    }

    private Run startRun(Run run) throws EvalException {
        try {
            return runs.find(runs.start(run)).orElseThrow();
        } catch (DatabaseException e) {
            throw new EvalException(EvalException.Kind.IO, e.getMessage(), e);
        }
    }

    /** The latest unfinished run of the same model, weights, recipe and images whose process is gone. */
    private Run resumable(Model model, String weightsSha, Recipe recipe, String fingerprint) throws EvalException {
        try {
            Optional<Run> run = runs.forModel(model.id()).stream()
                    .filter(r -> r.status() == Run.Status.RUNNING || r.status() == Run.Status.INTERRUPTED)
                    .filter(r -> weightsSha.equals(r.weightsSha256()) && recipe.describe().equals(r.recipe())
                            && fingerprint.equals(r.dataFingerprint()))
                    .filter(r -> !RunLock.isHeld(home.root().resolve("runs").resolve(Long.toString(r.id()))))
                    .findFirst();
            return run.orElseThrow(() -> new EvalException(EvalException.Kind.USAGE, "--resume: no interrupted run of "
                    + model.id() + " with these weights, recipe and images (zoo show " + model.id() + " lists runs)"));
        } catch (DatabaseException e) {
            throw new EvalException(EvalException.Kind.IO, e.getMessage(), e);
        }
    }

    private static List<Run.Measurement> measurements(Evaluator.Outcome outcome, boolean real) {
        List<Run.Measurement> out = new ArrayList<>();
        out.add(new Run.Measurement(IMAGENET, Metric.TOP1, outcome.accuracy().top1()));
        out.add(new Run.Measurement(IMAGENET, Metric.TOP5, outcome.accuracy().top5()));
        if (real && outcome.accuracy().realCount() > 0) {
            out.add(new Run.Measurement(IMAGENET_REAL, Metric.TOP1, outcome.accuracy().realTop1()));
            out.add(new Run.Measurement(IMAGENET_REAL, Metric.TOP5, outcome.accuracy().realTop5()));
        }
        return out;
    }

    private void finishQuietly(long runId, Run.Status status, List<Run.Measurement> results, Integer images,
                               Double rate, String error) {
        try {
            runs.finish(runId, status, results, images, rate, error);
        } catch (DatabaseException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not mark run {0} {1}: {2}", runId, status.label(), e.getMessage());
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Held while a run is evaluated; a run whose lock is free belongs to no live process and may be resumed. */
    static final class RunLock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private RunLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static RunLock acquire(Path dir, long runId) throws IOException, EvalException {
            Files.createDirectories(dir);
            FileChannel ch = FileChannel.open(dir.resolve("run.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock l = ch.tryLock();
            if (l == null) {
                ch.close();
                throw new EvalException(EvalException.Kind.USAGE, "run " + runId + " is being evaluated by another "
                        + "process");
            }
            return new RunLock(ch, l);
        }

        static boolean isHeld(Path dir) {
            Path file = dir.resolve("run.lock");
            if (!Files.exists(file)) {
                return false;
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                FileLock l = ch.tryLock();
                if (l == null) {
                    return true;
                }
                l.release();
                return false;
            } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            lock.release();
            channel.close();
        }
    }
}
