package dev.zoo.evaluator;

import dev.zoo.metadata.ZooException;
import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.zoo.evaluator.data.Dataset;
import dev.zoo.evaluator.data.DatasetException;
import dev.zoo.evaluator.data.ImageNetValidation;
import dev.zoo.evaluator.data.LabelMap;
import dev.zoo.evaluator.data.NetworkLabels;
import dev.zoo.evaluator.data.RealLabels;
import dev.zoo.evaluator.eval.Evaluator;
import dev.zoo.evaluator.eval.Inference;
import dev.zoo.evaluator.eval.Prediction;
import dev.zoo.evaluator.eval.PredictionLog;
import dev.zoo.evaluator.image.Recipe;
import dev.zoo.evaluator.net.BitResNetV2;
import dev.zoo.evaluator.net.WeightsMismatchException;
import dev.zoo.evaluator.npz.NpzException;
import dev.zoo.metadata.KnownDataset;
import dev.zoo.metadata.Metric;
import dev.zoo.metadata.Model;
import dev.zoo.metadata.NetworkSpec;
import dev.zoo.registry.DatabaseException;
import dev.zoo.registry.Progress;
import dev.zoo.registry.PullResult;
import dev.zoo.registry.Versions;
import dev.zoo.registry.WeightsRegistry;
import dev.zoo.registry.ZooHome;
import dev.zoo.results.Provenance;
import dev.zoo.results.Run;
import dev.zoo.results.RunRepository;
import dev.zoo.results.Scope;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code zoo eval}, as a short sequence of named steps: {@link #plan} (network, recipe, dataset and its identity,
 * labels against the network, fingerprint: everything decided before an image is read or a weight downloaded), then
 * {@link #run} (pull and verify the weights, record the run, load the network, evaluate, finish the run). A run killed
 * part-way stays unfinished and is shown as interrupted; {@code resume} continues it from its prediction log.
 */
public final class EvalJob {

    /**
     * What to evaluate and how. {@code dataset} (declared identity), {@code labelMap}, {@code realLabels},
     * {@code subset} and {@code limit} are optional (null).
     */
    public record Request(Model model, Path data, Path labels, KnownDataset dataset, Path labelMap, Path realLabels,
                          Path subset, Integer limit, int batchSize, String device, int threads, Path predictions,
                          boolean strict, boolean resume) {

        /** The same request for another model. */
        public Request forModel(Model other) {
            return new Request(other, data, labels, dataset, labelMap, realLabels, subset, limit, batchSize, device,
                    threads, predictions, strict, resume);
        }
    }

    /**
     * Everything decided before the evaluation: the network to build, the preprocessing, the images with labels the
     * network's outputs stand for, and what they are.
     */
    public record Plan(Request request, NetworkSpec network, Recipe recipe, Dataset dataset, LabelMap labelMap,
                       RealLabels real, String fingerprint) {

        public Model model() {
            return request.model();
        }

        /** The scope before a single image is scored. */
        public Scope scope() {
            Dataset d = dataset;
            return new Scope(d.identity().kind().label(), d.root().toAbsolutePath().normalize().toString(),
                    fingerprint, d.selection(), d.subsetFile() == null ? null : d.subsetFile().toString(),
                    d.identity().images(), d.samples().size(), 0, 0, false);
        }
    }

    /** A finished evaluation. */
    public record Report(Run run, Plan plan, Evaluator.Outcome outcome, Path predictionLog, boolean resumed) {
    }

    private final ZooHome home;
    private final WeightsRegistry registry;
    private final RunRepository runs;

    public EvalJob(ZooHome home, WeightsRegistry registry, RunRepository runs) {
        this.home = home;
        this.registry = registry;
        this.runs = runs;
    }

    /** Plans and runs. */
    public Report run(Request req, Progress pullProgress, Evaluator.Listener listener) throws ZooException {
        return run(plan(req), pullProgress, listener);
    }

    /** Step 1: resolve the network and recipe, open and identify the data, check its labels, fingerprint it. */
    public Plan plan(Request req) throws ZooException {
        Model model = req.model();
        NetworkSpec spec = network(model);
        Recipe recipe;
        try {
            recipe = Recipe.forModel(model);
        } catch (IllegalArgumentException e) {
            throw new ZooException(ZooException.Kind.USAGE, model.id() + ": " + e.getMessage());
        }
        try {
            Dataset dataset = dataset(req);
            LabelMap map = req.labelMap() == null ? null : LabelMap.read(req.labelMap());
            dataset = NetworkLabels.fit(dataset, model.id(), spec.classes(), map);
            RealLabels real = realLabels(req, dataset);
            return new Plan(req, spec, recipe, dataset, map, real, dataset.fingerprint());
        } catch (DatasetException e) {
            throw new ZooException(ZooException.Kind.USAGE, e.getMessage(), e);
        }
    }

    /** Step 2: pull, record, load, evaluate, finish. */
    public Report run(Plan plan, Progress pullProgress, Evaluator.Listener listener) throws ZooException {
        Request req = plan.request();
        PullResult weights = registry.pull(plan.model(), pullProgress);
        Inference.setThreads(req.threads());
        List<Device> devices = Devices.parse(req.device());
        List<BitResNetV2> replicas = new ArrayList<>();
        try (RunRecorder recorder = req.resume()
                ? RunRecorder.resume(home, runs, plan.model().id(), weights.sha256(), plan.recipe().describe(),
                plan.fingerprint())
                : RunRecorder.start(home, runs, newRun(plan, weights, devices))) {
            try {
                List<Prediction> done = recorder.previousPredictions();
                for (Device d : devices) {
                    replicas.add(BitResNetV2.load(plan.network(), weights.path(), d, BitResNetV2.Options.BIT));
                }
                Evaluator.Outcome outcome;
                try (PredictionLog log = PredictionLog.append(recorder.predictionLog())) {
                    Evaluator evaluator = new Evaluator(replicas, plan.recipe(), new Evaluator.Options(req.batchSize(),
                            req.threads(), req.strict()));
                    outcome = evaluator.run(plan.dataset().samples(), plan.real(), done, log,
                            recorder.tracking(listener));
                }
                if (outcome.accuracy().count() == 0) {
                    throw new Evaluator.ImageFailure("none of the " + plan.dataset().samples().size() + " images "
                            + "could be read, e.g. " + outcome.failures().get(0), null);
                }
                Scope scope = plan.scope().finished((int) outcome.accuracy().count(), outcome.failures().size());
                Run finished = recorder.completed(scope, measurements(plan, outcome), outcome.imagesPerSecond(),
                        outcome.failures().isEmpty() ? null : outcome.failures().size() + " unreadable image(s) "
                                + "skipped, first: " + outcome.failures().get(0));
                if (req.predictions() != null) {
                    Files.createDirectories(req.predictions().toAbsolutePath().getParent());
                    Files.copy(recorder.predictionLog(), req.predictions(), StandardCopyOption.REPLACE_EXISTING);
                }
                return new Report(finished, plan, outcome, recorder.predictionLog(), recorder.resumed());
            } catch (Evaluator.ImageFailure | NpzException | WeightsMismatchException e) {
                recorder.failed(Run.Status.FAILED, e.getMessage());
                throw new ZooException(ZooException.Kind.CHECK_FAILED, e.getMessage(), e);
            } catch (IOException e) {
                recorder.failed(Run.Status.FAILED, e.getMessage());
                throw new ZooException(ZooException.Kind.IO, e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                recorder.failed(Run.Status.INTERRUPTED, "interrupted");
                throw new ZooException(ZooException.Kind.IO, "interrupted", e);
            } catch (RuntimeException e) {
                // the engine or a bug: the run must not stay "running" forever
                recorder.failed(Run.Status.FAILED, String.valueOf(e));
                throw new ZooException(ZooException.Kind.IO, "the evaluation failed: " + e, e);
            }
        } finally {
            replicas.forEach(BitResNetV2::close);
        }
    }

    private static NetworkSpec network(Model model) throws ZooException {
        NetworkSpec spec = model.networkSpec().orElseThrow(() -> new ZooException(ZooException.Kind.USAGE,
                "Zoo cannot tell the architecture of " + model.id() + "; add a Network entry to its catalogue entry"));
        if (!NetworkSpec.RESNETV2.equals(spec.family())) {
            throw new ZooException(ZooException.Kind.USAGE, model.id() + ": Zoo evaluates the resnetv2 family only, "
                    + "not " + spec.family());
        }
        return spec;
    }

    private static Dataset dataset(Request req) throws DatasetException, ZooException {
        Dataset d = Dataset.open(req.data(), req.labels(), req.dataset());
        if (req.subset() != null) {
            d = d.subset(req.subset());
        }
        if (req.limit() != null) {
            d = d.limit(req.limit());
        }
        if (d.samples().isEmpty()) {
            throw new ZooException(ZooException.Kind.USAGE, "no images to evaluate in " + req.data());
        }
        return d;
    }

    /** ReaL labels belong to ImageNet-1k validation: refused for any other data. */
    private static RealLabels realLabels(Request req, Dataset dataset) throws DatasetException {
        if (req.realLabels() == null) {
            return null;
        }
        if (dataset.identity().kind() != KnownDataset.IMAGENET) {
            throw new DatasetException("--real-labels: ImageNet-ReaL relabels the ImageNet-1k validation images, and "
                    + req.data() + " is not them (" + dataset.identity().note() + ")");
        }
        RealLabels real = RealLabels.read(req.realLabels());
        if (real.size() != ImageNetValidation.IMAGES) {
            throw new DatasetException(req.realLabels() + " holds " + real.size() + " label lists; ImageNet-ReaL has "
                    + "one for each of the " + ImageNetValidation.IMAGES + " validation images");
        }
        return real;
    }

    private static Run newRun(Plan plan, PullResult weights, List<Device> devices) {
        Request req = plan.request();
        Provenance provenance = new Provenance(plan.recipe().describe(), weights.sha256(),
                plan.labelMap() == null ? null : plan.labelMap().describe(), Devices.describe(devices),
                req.batchSize(), req.threads(), Versions.zoo(), Engine.getDjlVersion(),
                Engine.getEngine("PyTorch").getVersion(), host());
        return new Run(null, plan.model().id(), Run.Status.RUNNING, plan.scope(), provenance, null, null, null, null,
                null, List.of());
    }

    /** Top-1/top-5 on the dataset the images are (and ReaL beside ImageNet). */
    private static List<Run.Measurement> measurements(Plan plan, Evaluator.Outcome outcome) {
        String dataset = plan.dataset().identity().kind().label();
        List<Run.Measurement> out = new ArrayList<>();
        out.add(new Run.Measurement(dataset, Metric.TOP1, outcome.accuracy().top1()));
        out.add(new Run.Measurement(dataset, Metric.TOP5, outcome.accuracy().top5()));
        if (plan.real() != null && outcome.accuracy().realCount() > 0) {
            String real = KnownDataset.IMAGENET_REAL.label();
            out.add(new Run.Measurement(real, Metric.TOP1, outcome.accuracy().realTop1()));
            out.add(new Run.Measurement(real, Metric.TOP5, outcome.accuracy().realTop5()));
        }
        return out;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
