package dev.zoo.app;

import dev.zoo.core.ZooException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.evaluator.EvalJob;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.Metric;
import dev.zoo.metadata.Model;
import dev.zoo.results.EvalSpec;
import dev.zoo.results.EvalSpecJson;
import dev.zoo.results.Run;
import dev.zoo.results.ResultsTable;
import dev.zoo.results.RunRepository;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "eval", description = {"Evaluate a model on ImageNet validation images: top-1/top-5 (and ImageNet-ReaL "
        + "with --real-labels), throughput, and a run with its scope and provenance in the database.",
        "Pulls and verifies the weights first when they are not cached.",
        "Sharded: --shard K/N evaluates the K-th (0-based) of N slices of the sorted images as part of one evaluation "
                + "(with --shards N alone, K comes from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX); the last shard "
                + "to finish merges them. --shards N --on slurm submits the N shards as a Slurm array job."})
public class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CatalogOptions catalogOptions;

    @Parameters(paramLabel = "MODEL", arity = "0..1", completionCandidates = Completions.ModelIds.class,
            description = "Model ID (not needed with --resume RUN).")
    String id;

    @Mixin
    EvalOptions evalOptions;

    @Option(names = "--predictions", paramLabel = "FILE", description = "Write each image's label, top-5 classes and "
            + "logits as CSV.")
    Path predictions;

    @Option(names = "--resume", arity = "0..1", paramLabel = "RUN", fallbackValue = "", description = "Continue "
            + "interrupted run RUN with the settings it recorded (what Zoo prints when a run stops: zoo eval --resume "
            + "7); without RUN, the latest interrupted run of MODEL with the same weights, recipe and images.")
    String resume;

    @ArgGroup(exclusive = true)
    Sharding sharding = new Sharding();

    /** --shard K/N or --shards N: two ways to name a shard, exclusive. */
    static class Sharding {
        @Option(names = "--shard", paramLabel = "K/N", converter = ShardConverter.class, description = "Evaluate "
                + "shard K (0-based) of N, as part of one sharded evaluation; resumes that shard's interrupted run if "
                + "any.")
        EvalSpec.ShardSpec shard;

        @Option(names = "--shards", paramLabel = "N", converter = Numbers.Positive.class, description = "N shards: "
                + "with --on, submit them; alone, evaluate the shard whose index the scheduler gives "
                + "(SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX).")
        Integer shards;
    }

    /** Where {@code --on} runs the shards. */
    enum Cluster {
        SLURM, KUBERNETES;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Option(names = "--on", paramLabel = "slurm|kubernetes", converter = ClusterConverter.class,
            completionCandidates = Completions.Clusters.class, description = "Run "
            + "the --shards on a cluster: slurm submits an sbatch array job (needs a PostgreSQL ZOO_DB_URL); "
            + "kubernetes prints an Indexed Job (with --dry-run).")
    Cluster on;

    @Option(names = "--spec", paramLabel = "JSON|FILE", description = "The evaluation's settings as JSON (data, "
            + "selection, compute: what --on hands each shard task, and what zoo runs --json shows as "
            + "provenance.spec), inline or in a file; instead of the options above.")
    String specText;

    @Option(names = "--sbatch", paramLabel = "ARG", description = "An #SBATCH option for the job (repeatable), e.g. "
            + "--sbatch=--partition=gpu --sbatch=--time=2:00:00.")
    List<String> sbatch = new ArrayList<>();

    @Option(names = "--wait", description = "With --on slurm: follow the shards until they are merged (exit 1 if one "
            + "fails, naming it).")
    boolean wait;

    @Option(names = "--dry-run", description = "With --on: print the job (sbatch script, Kubernetes manifest) "
            + "instead of submitting it.")
    boolean dryRun;

    @Option(names = "--image", paramLabel = "IMAGE", description = "With --on kubernetes: the container image with "
            + "Zoo (default zoo:latest).")
    String image;

    @Mixin
    OutputOptions output;

    @Inject
    ZooContext context;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        Long resumeRun = resumeRun();
        Catalog catalog = catalogOptions.load(context);
        RunRepository runs = new RunRepository(context.database());
        EvalJob job = new EvalJob(context.settings().home(), context.registry(), runs);
        EvalJob.Request request;
        Model model;
        if (resumeRun != null) {
            request = resuming(resumeRun, runs, catalog);
            model = request.model();
        } else {
            if (id == null) {
                throw ZooException.usage("which model? zoo eval MODEL (or zoo eval --resume RUN to continue a run)");
            }
            model = context.model(catalog, id);
            EvalSpec evalSpec = evalSpec();
            if (on != null) {
                return onCluster(model, evalSpec, job);
            }
            request = new EvalJob.Request(model, evalSpec.forShard(shard(), evalSpec.selection().expectFingerprint()),
                    predictions, resume == null ? null : EvalJob.Resume.LATEST);
        }
        EvalProgress progress = new EvalProgress(output.quiet(), output.json());
        EvalJob.Report report;
        try {
            report = job.run(request, ConsoleProgress.create(!output.progress()), progress);
        } finally {
            progress.close();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            Run run = report.run();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("run", run);
            Map<String, Double> claimed = new LinkedHashMap<>();   // null when the catalogue claims nothing
            String dataset = run.scope().dataset();
            claimed.put("top1", ResultsTable.claimed(model, dataset, Metric.TOP1));
            claimed.put("top5", ResultsTable.claimed(model, dataset, Metric.TOP5));
            doc.put("scope", run.scopeLabel());
            doc.put("comparableWithClaims", RunPrinter.comparable(run));
            doc.put("claimed", claimed);
            doc.put("failures", report.outcome().failures());
            doc.put("seconds", report.outcome().seconds());
            doc.put("predictions", predictions == null ? null : predictions.toString());
            doc.put("merged", report.merged());
            doc.put("missingShards", report.missingShards());
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        } else {
            new RunPrinter(out).report(model, report, predictions);
        }
        out.flush();
        return ExitCode.OK;
    }

    /**
     * The run {@code --resume RUN} names; null for a plain {@code --resume} (the latest matching run) or none. A word
     * that is no run's ID where MODEL is missing is the model ({@code zoo eval --resume MODEL --data DIR}).
     */
    private Long resumeRun() {
        if (resume == null || resume.isEmpty()) {
            return null;
        }
        String word = resume.strip();
        if (word.matches("#?[0-9]{1,18}")) {
            return Long.parseLong(word.replace("#", ""));
        }
        if (id == null) {
            id = resume;
            resume = "";
            return null;
        }
        throw ZooException.usage("--resume takes a run's ID (zoo runs lists them), found '" + resume + "'");
    }

    /**
     * The request that continues run {@code runId} with the settings it recorded: nothing else may be given beside it
     * but where to write its predictions and what to print.
     */
    private EvalJob.Request resuming(long runId, RunRepository runs, Catalog catalog) {
        List<String> beside = new ArrayList<>(evaluationOptionsGiven());
        if (specText != null) {
            beside.add("--spec");
        }
        if (sharding.shard != null || sharding.shards != null) {
            beside.add(sharding.shard != null ? "--shard" : "--shards");
        }
        if (!beside.isEmpty()) {
            throw ZooException.usage("--resume " + runId + " continues the run with the settings it recorded: drop "
                    + String.join(", ", beside));
        }
        Run run = runs.find(runId).orElseThrow(() -> ZooException.usage("--resume " + runId + ": no run " + runId
                + " (zoo runs lists the runs)"));
        if (id != null && !id.equals(run.modelId())) {
            throw ZooException.usage("--resume " + runId + ": run " + runId + " is of " + run.modelId() + ", not "
                    + id);
        }
        Model model;
        try {
            model = context.model(catalog, run.modelId());
        } catch (ZooException e) {
            String catalogue = run.provenance().catalogue();
            throw ZooException.usage("--resume " + runId + ": run " + runId + " is of " + run.modelId() + ", which "
                    + "the loaded catalogues do not define" + (catalogue == null ? " (" + e.getMessage() + ")"
                    : "; it was defined by " + catalogue + ": add --catalog " + dev.zoo.core.ShellWords.quote(
                    catalogue)));
        }
        return EvalJob.resuming(run, model, predictions);
    }

    /** The evaluation options given on the command line (what --spec and --resume RUN hold themselves). */
    private List<String> evaluationOptionsGiven() {
        return spec.commandLine().getParseResult().matchedOptions().stream()
                .filter(o -> o.userObject() instanceof java.lang.reflect.Field f
                        && f.getDeclaringClass().getName().startsWith(EvalOptions.class.getName()))
                .map(o -> o.longestName()).toList();
    }

    private void checkOptions() {
        if (on != null && sharding.shards == null) {
            throw ZooException.usage("--on " + on.label() + " needs --shards N: how many shards to run");
        }
        if (on == null && (wait || dryRun || !sbatch.isEmpty() || image != null)) {
            throw ZooException.usage("--wait, --dry-run, --sbatch and --image go with --on slurm|kubernetes");
        }
        if (on != null && (resume != null || predictions != null || sharding.shard != null)) {
            throw ZooException.usage("--on submits whole sharded evaluations: --resume, --predictions and --shard "
                    + "belong to a single shard's zoo eval");
        }
    }

    /** The evaluation's settings: --spec, or the evaluation options (never both: one would silently lose). */
    private EvalSpec evalSpec() {
        if (specText == null) {
            return evalOptions.spec(context.imagenet(evalOptions.data));
        }
        List<String> beside = evaluationOptionsGiven();
        if (!beside.isEmpty()) {
            throw ZooException.usage("--spec holds every evaluation setting: drop " + String.join(", ", beside)
                    + " (or drop --spec)");
        }
        String text = specText.strip();
        if (!text.startsWith("{")) {
            try {
                text = java.nio.file.Files.readString(Path.of(text));
            } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
                throw ZooException.usage("--spec: " + specText + " is neither JSON nor a readable file ("
                        + e.getMessage() + ")");
            }
        }
        return EvalSpecJson.read(text, "--spec");
    }

    /** --shard K/N, or --shards N with the index the scheduler put in the environment. */
    private EvalSpec.ShardSpec shard() {
        Integer shards = sharding.shards;
        if (sharding.shard != null || shards == null) {
            return sharding.shard;
        }
        for (String variable : List.of("SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX")) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                try {
                    return new EvalSpec.ShardSpec(Integer.parseInt(value.trim()), shards);
                } catch (NumberFormatException e) {
                    throw ZooException.usage(variable + " is '" + value + "', not a shard index");
                }
            }
        }
        throw ZooException.usage("--shards " + shards + " without --on needs this shard's index: give --shard K/"
                + shards + ", or run it as a Slurm array task (SLURM_ARRAY_TASK_ID) or a Kubernetes Indexed Job pod "
                + "(JOB_COMPLETION_INDEX)");
    }

    /** Plans the whole evaluation here (a mistake costs seconds, not a cluster job), then hands it to the cluster. */
    private int onCluster(Model model, EvalSpec evalSpec, EvalJob job) {
        int shards = sharding.shards;
        EvalJob.Plan plan = job.plan(new EvalJob.Request(model, evalSpec.forShard(new EvalSpec.ShardSpec(0, shards),
                null), null, null));
        // each task takes its shard from the scheduler and the rest from the spec: nothing rebuilt as options
        List<String> args = new ArrayList<>(List.of("eval", model.id(), "--shards", Integer.toString(shards),
                "--spec", EvalSpecJson.write(plan.taskSpec()), "-q"));
        args.addAll(catalogOptions.passThrough());
        ClusterEval cluster = new ClusterEval(context, spec.commandLine().getOut(), spec.commandLine().getErr());
        ClusterEval.Job clusterJob = new ClusterEval.Job(plan, shards, args, evalSpec.compute().device(), sbatch,
                image);
        if (on == Cluster.KUBERNETES) {
            if (!dryRun) {
                throw ZooException.usage("Zoo does not talk to Kubernetes itself: --on kubernetes --dry-run prints "
                        + "the Indexed Job to apply with kubectl");
            }
            return cluster.kubernetes(clusterJob);
        }
        return cluster.slurm(clusterJob, dryRun, wait, output.quiet());
    }

    /** {@code --on}: slurm or kubernetes. */
    static final class ClusterConverter implements ITypeConverter<Cluster> {
        @Override
        public Cluster convert(String value) {
            for (Cluster c : Cluster.values()) {
                if (c.label().equalsIgnoreCase(value.strip())) {
                    return c;
                }
            }
            throw new TypeConversionException("expected slurm or kubernetes, found '" + value + "'");
        }
    }

    /** {@code --shard K/N}. */
    static final class ShardConverter implements ITypeConverter<EvalSpec.ShardSpec> {
        @Override
        public EvalSpec.ShardSpec convert(String value) {
            String[] parts = value.trim().split("/");
            if (parts.length != 2) {
                throw new TypeConversionException("expected K/N (shard K, 0-based, of N), found '" + value + "'");
            }
            int k = Numbers.parseInt(parts[0]);
            int n = Numbers.parseInt(parts[1]);
            if (n < 1 || k < 0 || k >= n) {
                throw new TypeConversionException("expected K/N with 0 <= K < N, found '" + value + "'");
            }
            return new EvalSpec.ShardSpec(k, n);
        }
    }
}
