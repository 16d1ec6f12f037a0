package dev.zoo.evaluator;

import dev.zoo.core.DiskSpace;
import dev.zoo.core.ZooException;
import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.zoo.evaluator.data.ClassMask;
import dev.zoo.evaluator.data.Dataset;
import dev.zoo.evaluator.data.DatasetException;
import dev.zoo.evaluator.data.ImageNetClasses;
import dev.zoo.evaluator.data.ImageNetValidation;
import dev.zoo.evaluator.data.LabelMap;
import dev.zoo.evaluator.data.NetworkLabels;
import dev.zoo.evaluator.data.RealLabels;
import dev.zoo.evaluator.eval.Evaluator;
import dev.zoo.evaluator.eval.Inference;
import dev.zoo.evaluator.eval.Accuracy;
import dev.zoo.evaluator.eval.PredictionLog;
import dev.zoo.evaluator.eval.Scoring;
import dev.zoo.evaluator.image.Recipe;
import dev.zoo.evaluator.eval.BatchProbe;
import dev.zoo.networks.resnetv2.BitResNetV2;
import dev.zoo.networks.Classifier;
import dev.zoo.networks.exported.ExportedClassifier;
import dev.zoo.networks.FormatDetector;
import dev.zoo.networks.Precision;
import dev.zoo.networks.Runtimes;
import dev.zoo.networks.WeightsMismatchException;
import dev.zoo.networks.tensors.WeightsFileException;
import dev.zoo.metadata.EvalRecipe;
import dev.zoo.metadata.KnownDataset;
import dev.zoo.metadata.Metric;
import dev.zoo.metadata.Model;
import dev.zoo.metadata.ModelFormat;
import dev.zoo.metadata.arch.Architecture;
import dev.zoo.networks.NetworkLoader;
import dev.zoo.core.DatabaseException;
import dev.zoo.core.Progress;
import dev.zoo.registry.PullResult;
import dev.zoo.core.Sha256;
import dev.zoo.core.Versions;
import dev.zoo.registry.WeightsRegistry;
import dev.zoo.core.ZooHome;
import dev.zoo.results.EvalSpec;
import dev.zoo.results.EvalSpecJson;
import dev.zoo.results.Origin;
import dev.zoo.results.Prediction;
import dev.zoo.results.Provenance;
import dev.zoo.results.Run;
import dev.zoo.results.RunRepository;
import dev.zoo.results.Scope;
import dev.zoo.results.Shard;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code zoo eval}, as a short sequence of named steps: {@link #plan} (network, recipe, dataset and its identity,
 * labels against the network, the shard, fingerprints: everything decided before an image is read or a weight
 * downloaded), then {@link #run} (pull and verify the weights, record the run, load the network, evaluate, finish the
 * run, and merge a sharded evaluation once its last shard is done). A run killed part-way stays unfinished and is shown
 * as interrupted; {@code resume} (and every shard, by itself) continues it from its predictions in the database.
 */
public final class EvalJob {

    /**
     * What to evaluate and how, and what this invocation does with it.
     *
     * @param spec        the evaluation's settings (a shard task receives them from its submitter)
     * @param predictions where to write each image's prediction as CSV (null: nowhere)
     * @param resume      which interrupted run to continue; null: start a new one (a shard continues its own)
     */
    public record Request(Model model, EvalSpec spec, Path predictions, Resume resume) {

        /** The same request for another model. */
        public Request forModel(Model other) {
            return new Request(other, spec, predictions, resume);
        }

        public EvalSpec.Data data() {
            return spec.data();
        }

        public EvalSpec.Compute compute() {
            return spec.compute();
        }
    }

    /**
     * Which interrupted run to continue: {@link #LATEST}, the latest of the same model, weights, recipe and images
     * ({@code zoo eval MODEL ... --resume}); or one run by its ID ({@code zoo eval --resume 7}), evaluated with the
     * settings it recorded.
     *
     * @param run the run's ID; null for the latest
     */
    public record Resume(Long run) {
        public static final Resume LATEST = new Resume(null);
    }

    /**
     * The request that continues {@code run} with the settings it recorded: refused, saying why, for a run that is not
     * interrupted (completed, failed, or running on another machine) or that kept no evaluation spec.
     */
    public static Request resuming(Run run, Model model, Path predictions) throws ZooException {
        String which = "--resume " + run.id() + ": run " + run.id() + " of " + run.modelId();
        switch (run.status()) {
            case COMPLETED -> throw ZooException.usage(which + " is completed (" + run.scopeLabel() + "): nothing "
                    + "to resume");
            case FAILED -> throw ZooException.usage(which + " failed (" + run.error() + "); only an interrupted "
                    + "run is resumed: evaluate it again");
            case RUNNING -> {
                if (!host().equals(run.provenance().host())) {
                    throw ZooException.usage(which + " is running on " + run.provenance().host() + " (last sign "
                            + "of life " + run.heartbeatAt() + "); it can be resumed once its heartbeat is "
                            + RunRepository.STALE_AFTER.toSeconds() + " s old");
                }
            }
            case INTERRUPTED -> {
            }
        }
        if (run.shard() != null && run.shard().merged()) {
            throw ZooException.usage(which + " is the merged run of a sharded evaluation: resume its shards");
        }
        if (run.provenance().spec() == null) {
            throw ZooException.usage(which + " was recorded without its evaluation spec (by an older Zoo, or "
                    + "uploaded): continue it with " + run.resumeCommand() + " and the options it was made with");
        }
        EvalSpec spec = EvalSpecJson.read(run.provenance().spec(), "run " + run.id() + "'s provenance.spec");
        return new Request(model, spec, predictions, new Resume(run.id()));
    }

    /**
     * Everything decided before the evaluation: the network to build, the preprocessing, the images with labels the
     * network's outputs stand for, and what they are. For a shard, {@code dataset} is its slice and {@code whole} the
     * evaluation's images; otherwise both are the same.
     *
     * @param network the network Zoo builds from the weights (BiT's ResNetV2 from an {@code .npz}, timm's families
     *                from a checkpoint or safetensors); null for a model the catalogue declares TorchScript or ONNX,
     *                or whose network only its file can say
     */
    public record Plan(Request request, Architecture network, Recipe recipe, Precision precision, Dataset dataset,
                       Dataset whole, LabelMap labelMap, RealLabels real, String fingerprint,
                       String wholeFingerprint) {

        public Model model() {
            return request.model();
        }

        /** How its logits are scored: a 200-class set's mask, and an ImageNet-1k run's clean counterparts. */
        public Scoring scoring() {
            return Scoring.of(dataset.identity().kind());
        }

        /** The evaluation's settings as its run records them: paths absolute, the precision decided. */
        public String spec() {
            return EvalSpecJson.write(decided());
        }

        /**
         * What each shard task of this evaluation receives: these settings without a shard (each task takes its own
         * from the scheduler), expecting the images this machine sees.
         */
        public EvalSpec taskSpec() {
            return decided().forShard(null, wholeFingerprint);
        }

        private EvalSpec decided() {
            return request.spec().absolute().withPrecision(precision.label());
        }

        /**
         * What decides whether two runs' numbers may be compared, as runs and baselines record it: the
         * preprocessing, and the precision when it is not plain float32 (a precision change is a recipe change).
         */
        public String runRecipe() {
            return recipe.describe() + (precision == Precision.FP32 ? "" : ", precision " + precision.label());
        }

        /** The scope of this run before a single image is scored. */
        public Scope scope() {
            return scopeOf(dataset, fingerprint);
        }

        /** The scope of the whole evaluation (what a merged run covers). */
        public Scope wholeScope() {
            return scopeOf(whole, wholeFingerprint);
        }

        private static Scope scopeOf(Dataset d, String fingerprint) {
            return new Scope(d.identity().kind().label(), d.root().toAbsolutePath().normalize().toString(),
                    fingerprint, d.selection(), d.subsetFile() == null ? null : d.subsetFile().toString(),
                    d.identity().images(), d.samples().size(), 0, 0, false, d.identity().note());
        }

        /**
         * The sharded evaluation this run belongs to: its key names the model, weights, recipe, the whole data, the
         * number of shards and the batch size (which decides where the shards are cut); null when not sharded.
         */
        public Shard shard(String weightsSha256) {
            EvalSpec.ShardSpec s = request.spec().shard();
            if (s == null) {
                return null;
            }
            String key = Sha256.hex((model().id() + "\n" + weightsSha256 + "\n" + runRecipe() + "\n"
                    + wholeFingerprint + "\n" + s.count() + "\n" + request.compute().batch())
                    .getBytes(StandardCharsets.UTF_8));
            return new Shard(key, s.index(), s.count());
        }
    }

    /**
     * A finished evaluation.
     *
     * @param merged        the merged run of a sharded evaluation, when this run was its last shard; else null
     * @param missingShards the shards of a sharded evaluation still to be done
     */
    public record Report(Run run, Plan plan, Evaluator.Outcome outcome, Run merged, List<Integer> missingShards,
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

    /** Plans and runs. */
    public Report run(Request req, Progress pullProgress, Evaluator.Listener listener) throws ZooException {
        return run(plan(req), pullProgress, listener);
    }

    /** Step 1: resolve the network and recipe, open and identify the data, check its labels, fingerprint it. */
    public Plan plan(Request req) throws ZooException {
        Model model = req.model();
        // known from the card, before anything is downloaded
        Optional<String> refusal = model.notEvaluable();
        if (refusal.isPresent()) {
            throw ZooException.usage(model.id() + " cannot be evaluated: " + refusal.get());
        }
        Architecture spec = network(model);
        Precision asked = req.compute().precision() == null ? null : Precision.parse(req.compute().precision())
                .orElseThrow();
        if (spec == null && asked == Precision.FP16) {
            throw noFp16(model, model.format().orElse(null));
        }
        Recipe recipe;
        try {
            EvalSpec.Transform t = req.spec().transform();
            recipe = Recipe.of(EvalRecipe.of(model).at(t.imageSize(), t.cropPct()));
        } catch (IllegalArgumentException e) {
            throw new ZooException(ZooException.Kind.USAGE, model.id() + ": " + e.getMessage());
        }
        // the precision is decided now (it is part of the recipe); the devices where the run runs (a shard runs on
        // another machine than the one submitting it)
        Precision precision = ComputeSetup.precisionFor(req.compute().device(), asked);
        try {
            Dataset whole = dataset(req.spec());
            LabelMap map = req.data().labelMap() == null ? null : LabelMap.read(req.data().labelMap());
            // a TorchScript or ONNX model's classes are read from its output when it is loaded; until then only a
            // label map is applied
            whole = spec != null ? NetworkLabels.fit(whole, model.id(), spec.classes(), map)
                    : map == null ? whole : NetworkLabels.fit(whole, model.id(), Integer.MAX_VALUE, map);
            checkMask(model, spec, whole, map);
            RealLabels real = realLabels(req.data(), whole);
            String wholeFingerprint = whole.fingerprint();
            String expected = req.spec().selection().expectFingerprint();
            if (expected != null && !expected.equals(wholeFingerprint)) {
                throw new ZooException(ZooException.Kind.USAGE, "this machine (" + host() + ") sees other images in "
                        + req.data().folder() + " than the evaluation was submitted with (data fingerprint "
                        + Sha256.abbreviate(wholeFingerprint) + " here, " + Sha256.abbreviate(expected)
                        + " expected): refusing to evaluate a shard of other data");
            }
            EvalSpec.ShardSpec shard = req.spec().shard();
            Dataset dataset = shard == null ? whole : whole.shard(shard.index(), shard.count(),
                    req.compute().batch());
            return new Plan(req, spec, recipe, precision, dataset, whole, map, real,
                    dataset == whole ? wholeFingerprint : dataset.fingerprint(), wholeFingerprint);
        } catch (DatasetException e) {
            throw new ZooException(ZooException.Kind.USAGE, e.getMessage(), e);
        }
    }

    /** Marks this process's open runs interrupted: the application calls it on shutdown, before the pool closes. */
    public static List<String> interruptOpenRuns() {
        return RunRecorder.interruptAll();
    }


    /** Step 2: pull, record, load, evaluate, finish (and merge a sharded evaluation whose last shard this is). */
    public Report run(Plan plan, Progress pullProgress, Evaluator.Listener listener) throws ZooException {
        Request req = plan.request();
        PullResult weights = registry.pull(plan.model(), pullProgress);
        Shard shard = plan.shard(weights.sha256());
        int threads = req.compute().threadsHere();
        Inference.setThreads(threads);
        ComputeSetup compute = ComputeSetup.resolve(req.compute().device(), plan.precision(),
                req.compute().cudnnBenchmark(),
                System.getenv());
        if (compute.onGpu()) {
            Inference.setCudnnBenchmark(compute.cudnnBenchmark());
        }
        // told before a run is recorded: a file that is not what the card says is refused like a wrong checksum
        ModelFormat format = format(plan, weights.path());
        if (!format.weightsOnly() && plan.precision() == Precision.FP16) {
            throw noFp16(plan.model(), format);   // its ID named a network Zoo builds, but the file is an export
        }
        List<Classifier> replicas = new ArrayList<>();
        try (RunRecorder recorder = recorder(plan, weights, format, shard, compute)) {
            recorder.expecting(plan.dataset().samples().size());
            try {
                List<Prediction> done = recorder.predictions();
                for (Device d : compute.devices()) {
                    replicas.add(load(plan, format, weights.path(), d, compute.precision()));
                }
                checkClasses(plan, format, replicas.get(0).classes());
                // a resumed run keeps its batch size: each image stays in its batch, its logits bit for bit the same
                int batch = recorder.batchSize(req.compute().batch(), () -> compute.onGpu()
                        ? replicas.stream().mapToInt(r -> BatchProbe.largest(r, plan.recipe(), BatchProbe.GPU_START))
                        .min().orElseThrow() : BatchProbe.CPU_BATCH);
                Evaluator evaluator = new Evaluator(replicas, plan.recipe(), new Evaluator.Options(batch,
                        threads, req.data().strict(), plan.scoring()));
                Evaluator.Outcome outcome = evaluator.run(plan.dataset().samples(), plan.real(), done,
                        recorder.sink(), recorder.tracking(listener));
                if (outcome.accuracy().count() == 0 && !outcome.failures().isEmpty()) {
                    throw new Evaluator.ImageFailure("none of the " + plan.dataset().samples().size() + " images "
                            + "could be read, e.g. " + outcome.failures().get(0), null);
                }
                Scope scope = plan.scope().finished((int) outcome.accuracy().count(), outcome.failures().size());
                Run finished = recorder.completed(scope, measurements(plan, outcome.accuracy()),
                        outcome.imagesPerSecond(), new Run.Throughput(outcome.rates().decode(),
                                outcome.rates().device()), note(outcome));
                if (req.predictions() != null) {
                    PredictionLog.write(req.predictions(), recorder.predictions());
                }
                RunRepository.Merge merge = shard == null ? null : merge(plan, shard);
                return new Report(finished, plan, outcome, merge == null ? null : merge.merged(),
                        merge == null ? List.of() : merge.missing(), recorder.resumed());
            } catch (Evaluator.ImageFailure | WeightsFileException | WeightsMismatchException
                     | ExportedClassifier.LoadException e) {
                // a network that computes no number: name the model and the weights, the image is innocent
                String message = e instanceof Evaluator.NonFiniteOutput ? plan.model().id() + " with "
                        + weights.path() + ": " + e.getMessage() : e.getMessage();
                recorder.failed(Run.Status.FAILED, message);
                throw new ZooException(ZooException.Kind.CHECK_FAILED, message, e);
            } catch (DiskSpace.NoSpaceLeft e) {
                throw new ZooException(ZooException.Kind.IO, recorder.outOfSpace(e.dir()), e);
            } catch (RunRecorder.Ended e) {
                throw new ZooException(ZooException.Kind.IO, e.getMessage(), e);   // said when it was ended
            } catch (IOException e) {
                recorder.failed(Run.Status.FAILED, e.getMessage());
                throw new ZooException(ZooException.Kind.IO, e.getMessage(), e);
            } catch (InterruptedException e) {
                recorder.failed(Run.Status.INTERRUPTED, "interrupted");   // before the flag: H2 refuses I/O after it
                Thread.currentThread().interrupt();
                throw new ZooException(ZooException.Kind.IO, "interrupted", e);
            } catch (ZooException e) {
                recorder.failed(Run.Status.FAILED, e.getMessage());
                throw e;
            } catch (RuntimeException e) {
                // the engine or a bug: the run must not stay "running" forever
                recorder.failed(Run.Status.FAILED, String.valueOf(e));
                throw new ZooException(ZooException.Kind.IO, "the evaluation failed: " + e, e);
            } catch (OutOfMemoryError e) {
                recorder.failed(Run.Status.FAILED, "out of memory");
                throw new ZooException(ZooException.Kind.IO, "the evaluation ran out of memory (" + e.getMessage()
                        + "); try a smaller --batch, or more heap with ZOO_JAVA_OPTS=-Xmx16g", e);
            }
        } finally {
            replicas.forEach(Classifier::close);
        }
    }

    /**
     * The weights' format, read from the file, which must be what the catalogue declares. A file whose content says
     * nothing (damaged) is handed to the declared format's loader, whose error is the precise one.
     */
    private static ModelFormat format(Plan plan, Path file) throws ZooException {
        Optional<ModelFormat> detected;
        try {
            detected = FormatDetector.detect(file);
        } catch (IOException e) {
            throw new ZooException(ZooException.Kind.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (detected.isEmpty() && plan.model().format().isPresent()) {
            return plan.model().format().get();
        }
        if (detected.isEmpty() && plan.network() != null && NetworkLoader.builtFrom(plan.network())
                .contains(ModelFormat.CHECKPOINT)) {
            // a network Zoo builds from a checkpoint: the reader says what is wrong with the file
            return ModelFormat.CHECKPOINT;
        }
        ModelFormat found = detected.orElseThrow(() -> new ZooException(ZooException.Kind.CHECK_FAILED, file
                + " is none of the formats Zoo evaluates (a BiT .npz, a PyTorch checkpoint, safetensors, a TorchScript "
                + "archive, an ONNX model)"));
        ModelFormat declared = plan.model().format().orElse(found);
        if (declared != found) {
            throw new ZooException(ZooException.Kind.CHECK_FAILED, file + " is " + found.withArticle()
                    + " file, but the catalogue's Network.Format of " + plan.model().id() + " says "
                    + declared.label());
        }
        if (found.weightsOnly() && plan.network() == null) {
            // weights without their network, under a card that names none Zoo builds
            throw new ZooException(ZooException.Kind.CHECK_FAILED, file + " is " + found.withArticle() + " file: "
                    + "weights without their network, and Zoo does not know " + plan.model().id() + "'s (give the "
                    + "card timm's model name as its ID, a Network entry for a BiT .npz, or export the model to "
                    + "TorchScript or ONNX)");
        }
        return found;
    }

    /** fp16 is refused for an exported model (before the download when the catalogue says it is one). */
    private static ZooException noFp16(Model model, ModelFormat format) {
        return ZooException.usage("--precision fp16: " + model.id() + " is " + (format == null ? "an exported"
                : format.withArticle()) + " model, run as it was exported (fp32, tf32 on a GPU); DJL cannot cast its "
                + "weights");
    }

    private static Classifier load(Plan plan, ModelFormat format, Path file, Device device, Precision precision)
            throws WeightsFileException, WeightsMismatchException, ExportedClassifier.LoadException {
        if (!format.weightsOnly()) {
            return ExportedClassifier.load(format, file, device, plan.recipe().imageSize(), precision);
        }
        Architecture arch = plan.network();
        return NetworkLoader.load(arch, plan.model().id() + " (" + arch.describe() + ", " + arch.classes()
                + " classes)", file, format, device, precision);
    }

    /** A 200-class set is scored on ImageNet-1k outputs: a network with other classes, or a label map, cannot be. */
    private static void checkMask(Model model, Architecture spec, Dataset data, LabelMap map) throws ZooException {
        KnownDataset kind = data.identity().kind();
        if (ClassMask.of(kind).isEmpty()) {
            return;
        }
        if (map != null) {
            throw ZooException.usage("--label-map: " + kind.label() + " is scored on 200 of the ImageNet-1k "
                    + "classes, picked from a network's 1,000 ImageNet-1k outputs; a label map cannot say which");
        }
        if (spec != null && spec.classes() != ImageNetClasses.get().size()) {
            throw ZooException.usage(model.id() + " has " + spec.classes() + " outputs; " + kind.label() + " is "
                    + "scored on 200 of the 1,000 ImageNet-1k outputs");
        }
    }

    /**
     * A model whose classes the catalogue could not say is checked against the data's labels as soon as its output
     * is known, still before any image is read.
     */
    private static void checkClasses(Plan plan, ModelFormat format, int classes) throws ZooException {
        if (ClassMask.of(plan.dataset().identity().kind()).isPresent()
                && classes != ImageNetClasses.get().size()) {
            throw ZooException.usage(plan.model().id() + " has " + classes + " outputs; "
                    + plan.dataset().identity().kind().label() + " is scored on 200 of the 1,000 ImageNet-1k outputs");
        }
        if (format.weightsOnly()) {
            return;   // the network Zoo built: checked when planned
        }
        try {
            if (plan.labelMap() == null) {
                NetworkLabels.fit(plan.dataset(), plan.model().id(), classes, null);
            } else {
                NetworkLabels.checkOutputs(plan.dataset(), plan.model().id(), classes);
            }
        } catch (DatasetException e) {
            throw ZooException.usage(e.getMessage());
        }
    }

    /** What a completed run says beside its numbers: skipped images, batches that had to be split. */
    private static String note(Evaluator.Outcome outcome) {
        List<String> notes = new ArrayList<>(cleanNotes(outcome.accuracy()));
        if (!outcome.failures().isEmpty()) {
            notes.add(outcome.failures().size() + " unreadable image(s) skipped, first: " + outcome.failures().get(0));
        }
        if (outcome.splitBatches() > 0) {
            notes.add(outcome.splitBatches() + " batch(es) ran out of device memory and were computed in halves");
        }
        return notes.isEmpty() ? null : String.join("; ", notes);
    }

    /**
     * The run to record into: with {@code --resume} the interrupted one, for a shard the interrupted run of that
     * shard if there is one (a retried array task goes on where the last attempt stopped), else a new run.
     */
    private RunRecorder recorder(Plan plan, PullResult weights, ModelFormat format, Shard shard,
                                 ComputeSetup compute) {
        String model = plan.model().id();
        String recipe = plan.runRecipe();
        Resume resume = plan.request().resume();
        if (resume != null && resume.run() != null) {
            return takeOver(resume.run(), weights.sha256(), recipe, plan.fingerprint());
        }
        if (resume != null) {
            return RunRecorder.resume(home, runs, model, weights.sha256(), recipe, plan.fingerprint());
        }
        if (shard != null) {
            runs.ensureEvaluation(shard, model, plan.wholeFingerprint());
            RunRecorder resumed = RunRecorder.resumeIfAny(home, runs, model, weights.sha256(), recipe,
                    plan.fingerprint());
            if (resumed != null) {
                return resumed;
            }
        }
        return RunRecorder.start(home, runs, newRun(plan, weights, format, shard, compute));
    }

    /**
     * Takes over run {@code id} to continue it, once sure it is what this plan evaluates: the same weights (the
     * catalogue may since name others), recipe and images (the folder may have changed); else refused naming what
     * differs, as mixing two of them would make a number of neither.
     */
    private RunRecorder takeOver(long id, String weightsSha256, String recipe, String fingerprint) {
        Run run = runs.find(id).orElseThrow(() -> ZooException.usage("--resume " + id + ": no run " + id));
        String which = "--resume " + id + ": run " + id;
        if (!weightsSha256.equals(run.provenance().weightsSha256())) {
            throw ZooException.usage(which + " was made with weights " + Sha256.abbreviate(run.provenance()
                    .weightsSha256()) + ", and " + run.modelId() + "'s are now " + Sha256.abbreviate(weightsSha256)
                    + ": its predictions cannot be continued with other weights");
        }
        if (!recipe.equals(run.provenance().recipe())) {
            throw ZooException.usage(which + " was made with the recipe '" + run.provenance().recipe() + "', and "
                    + run.modelId() + "'s is now '" + recipe + "' (its catalogue entry changed)");
        }
        if (!fingerprint.equals(run.scope().fingerprint())) {
            throw ZooException.usage(which + " scored other images than " + run.scope().dataPath() + " holds now "
                    + "(data fingerprint " + Sha256.abbreviate(run.scope().fingerprint()) + " then, "
                    + Sha256.abbreviate(fingerprint) + " now): its predictions cannot be continued on other data");
        }
        RunRecorder taken = RunRecorder.takeOver(home, runs, run);
        if (taken == null) {
            throw ZooException.usage(which + " is being evaluated by another process");
        }
        return taken;
    }

    /** Merges the evaluation if every shard is now done: top-1/top-5 from all the per-image predictions. */
    private RunRepository.Merge merge(Plan plan, Shard shard) {
        try {
            return runs.mergeIfComplete(shard.evaluation(), (shards, predictions) ->
                    ShardMerge.merged(plan, shard, shards, predictions, measurements(plan,
                            ShardMerge.accuracy(plan, predictions))));
        } catch (DatabaseException e) {
            throw new ZooException(ZooException.Kind.IO, "the shard is stored, but merging the evaluation failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The network Zoo builds for the model's weights (its card's {@code Network} entry, or the timm architecture its
     * ID names); null for a model whose file carries its network (TorchScript, ONNX, or a format the file will tell).
     */
    private static Architecture network(Model model) {
        if (model.format().isPresent() && !model.format().get().weightsOnly()) {
            return null;
        }
        return model.architecture().orElse(null);
    }

    private static Dataset dataset(EvalSpec spec) throws DatasetException, ZooException {
        EvalSpec.Data data = spec.data();
        EvalSpec.Selection selection = spec.selection();
        Dataset d = Dataset.open(data.folder(), data.labels(), data.dataset());
        if (selection.subset() != null) {
            d = d.subset(selection.subset());
        }
        if (selection.limit() != null) {
            d = d.limit(selection.limit());
        }
        if (d.samples().isEmpty()) {
            throw new ZooException(ZooException.Kind.USAGE, "no images to evaluate in " + data.folder());
        }
        if (spec.shard() != null && spec.shard().count() > d.samples().size()) {
            throw new ZooException(ZooException.Kind.USAGE, "--shard: " + spec.shard().count() + " shards for "
                    + d.samples().size() + " images: at most one shard per image");
        }
        return d;
    }

    /** ReaL labels belong to ImageNet-1k validation: refused for any other data. */
    private static RealLabels realLabels(EvalSpec.Data data, Dataset dataset) throws DatasetException {
        if (data.realLabels() == null) {
            return null;
        }
        if (dataset.identity().kind() != KnownDataset.IMAGENET) {
            throw new DatasetException("--real-labels: ImageNet-ReaL relabels the ImageNet-1k validation images, and "
                    + data.folder() + " is not them (" + dataset.identity().note() + ")");
        }
        RealLabels real = RealLabels.read(data.realLabels());
        if (real.size() != ImageNetValidation.IMAGES) {
            throw new DatasetException(data.realLabels() + " holds " + real.size() + " label lists; ImageNet-ReaL has "
                    + "one for each of the " + ImageNetValidation.IMAGES + " validation images");
        }
        return real;
    }

    private static Run newRun(Plan plan, PullResult weights, ModelFormat format, Shard shard, ComputeSetup c) {
        Request req = plan.request();
        Provenance provenance = new Provenance(plan.runRecipe(), weights.sha256(),
                plan.labelMap() == null ? null : plan.labelMap().describe(), Devices.describe(c.devices()),
                c.precision().label(), c.tf32(), c.cudnnBenchmark(), c.gpu(),
                req.compute().batch() == EvalSpec.AUTO_BATCH ? null : req.compute().batch(),
                req.compute().threadsHere(), Runtimes.describe(format, format.weightsOnly() ? plan.network() : null),
                Versions.zoo(), Engine.getDjlVersion(),
                Engine.getEngine("PyTorch").getVersion(), host(), plan.spec(),
                Origin.MEASURED.label(), catalogue(plan.model()), recipeChange(plan));
        return new Run(null, plan.model().id(), Run.Status.RUNNING, plan.scope(), provenance, shard, null, null, null,
                null, null, null, List.of());
    }

    /** Clean counterparts left out because predictions stored without them cannot decide some images. */
    public static List<String> cleanNotes(Accuracy accuracy) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < Prediction.CLEAN.size(); k++) {
            if (accuracy.cleanUndecided(k) > 0) {
                out.add(String.format(Locale.ROOT, "%s left out: %,d of its images were predicted before "
                        + "Zoo scored it, and their stored top-5 cannot tell (evaluate ImageNet again for it)",
                        Prediction.CLEAN.get(k).label(), accuracy.cleanUndecided(k)));
            }
        }
        return out;
    }

    /** Top-1/top-5 on the dataset the images are (and ReaL beside ImageNet). */
    static List<Run.Measurement> measurements(Plan plan, Accuracy accuracy) {
        String dataset = plan.dataset().identity().kind().label();
        List<Run.Measurement> out = new ArrayList<>();
        if (accuracy.count() == 0) {
            return out;   // an empty shard measured nothing (a percentage of nothing is not a number)
        }
        int n = (int) accuracy.count();
        out.add(new Run.Measurement(dataset, Metric.TOP1, accuracy.top1(), n));
        out.add(new Run.Measurement(dataset, Metric.TOP5, accuracy.top5(), n));
        if (plan.real() != null && accuracy.realCount() > 0) {
            String real = KnownDataset.IMAGENET_REAL.label();
            int labelled = (int) accuracy.realCount();   // ReaL scores the images its relabelling kept
            out.add(new Run.Measurement(real, Metric.TOP1, accuracy.realTop1(), labelled));
            out.add(new Run.Measurement(real, Metric.TOP5, accuracy.realTop5(), labelled));
        }
        for (int k = 0; k < Prediction.CLEAN.size(); k++) {
            // the images of the counterpart's 200 classes, with its mask; none left out, or no number at all
            if (plan.scoring().clean() && accuracy.cleanCount(k) > 0 && accuracy.cleanUndecided(k) == 0) {
                String clean = Prediction.CLEAN.get(k).label();
                int images = (int) accuracy.cleanCount(k);
                out.add(new Run.Measurement(clean, Metric.TOP1, accuracy.cleanTop1(k), images));
                out.add(new Run.Measurement(clean, Metric.TOP5, accuracy.cleanTop5(k), images));
            }
        }
        return out;
    }

    /**
     * How the run's input differs from its card's recipe ("image size 288 (the card's 224)"); null when it does not,
     * even when the options were given with the card's own values.
     */
    static String recipeChange(Plan plan) {
        EvalRecipe card = EvalRecipe.of(plan.model());
        List<String> changes = new ArrayList<>();
        if (plan.recipe().imageSize() != card.imageSize()) {
            changes.add("image size " + plan.recipe().imageSize() + " (the card's " + card.imageSize() + ")");
        }
        if (plan.recipe().cropPct() != card.cropPct()) {
            changes.add("crop pct " + plan.recipe().cropPct() + " (the card's " + card.cropPct() + ")");
        }
        return changes.isEmpty() ? null : String.join(", ", changes);
    }

    /** The catalogue file that defines {@code model}, absolute; null for the built-in catalogue. */
    private static String catalogue(Model model) {
        if (model.origin() == null || model.origin().builtin()) {
            return null;
        }
        try {
            return Path.of(model.origin().catalogue()).toAbsolutePath().normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
            return model.origin().catalogue();
        }
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
