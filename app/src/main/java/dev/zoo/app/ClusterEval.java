package dev.zoo.app;

import dev.zoo.core.ShellWords;
import dev.zoo.evaluator.EvalJob;
import dev.zoo.metadata.Model;
import dev.zoo.core.ZooException;
import dev.zoo.core.Progress;
import dev.zoo.registry.PullResult;
import dev.zoo.core.Sha256;
import dev.zoo.results.Run;
import dev.zoo.results.RunRepository;
import dev.zoo.results.Shard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sharded evaluation on a cluster: the job's script (Slurm array or Kubernetes Indexed Job), its submission with the
 * real {@code sbatch}, and following it to the merged numbers through the shared database (and {@code squeue} for
 * tasks that never started). Zoo schedules nothing itself.
 */
final class ClusterEval {

    /** How long sbatch and squeue may take to answer. */
    static final java.time.Duration SLURM_TIMEOUT = java.time.Duration.ofSeconds(60);

    /** How long a task may be missing from both the queue and the database before it counts as lost. */
    private static final long GRACE_MILLIS = 15_000;
    private static final long POLL_MILLIS = 2_000;

    /**
     * What to run: the plan (checked here before anything is submitted), the options the tasks repeat, where.
     *
     * @param args  the shard tasks' arguments ({@code eval MODEL --shards N ...})
     * @param extra {@code --sbatch} options
     */
    record Job(EvalJob.Plan plan, int shards, List<String> args, String device, List<String> extra, String image) {
    }

    private final ZooContext context;
    private final PrintWriter out;
    private final PrintWriter err;

    ClusterEval(ZooContext context, PrintWriter out, PrintWriter err) {
        this.context = context;
        this.out = out;
        this.err = err;
    }

    /** {@code --on kubernetes --dry-run}: the manifest, on stdout. */
    int kubernetes(Job job) {
        out.print(script(job).kubernetes(job.image() == null ? "zoo:latest" : job.image()));
        out.flush();
        return ExitCode.OK;
    }

    /** {@code --on slurm}: the script (printed with {@code --dry-run}), submitted; with {@code wait}, followed. */
    int slurm(Job job, boolean dryRun, boolean wait, boolean quiet) {
        ShardScript script = script(job);
        if (dryRun) {
            out.print(script.sbatch());
            out.flush();
            return ExitCode.OK;
        }
        if (!context.settings().databaseUrl().toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
            throw ZooException.usage("a sharded evaluation on Slurm needs a database every node reaches: set "
                    + "ZOO_DB_URL=jdbc:postgresql://HOST:5432/DB (with ZOO_DB_USER and ZOO_DB_PASSWORD); the default "
                    + "H2 file in ZOO_HOME belongs to one machine (--dry-run prints the script anyway)");
        }
        Model model = job.plan().model();
        // pulled once here, into ZOO_HOME (shared or not): the tasks find it cached or verify against the same pin
        PullResult weights = context.registry().pull(model, ConsoleProgress.create(quiet));
        Shard shard = job.plan().shard(weights.sha256());
        RunRepository runs = new RunRepository(context.database());
        Path file;
        try {
            runs.ensureEvaluation(shard, model.id(), job.plan().wholeFingerprint());
            Path dir = Files.createDirectories(context.settings().home().root().resolve("slurm"));
            file = dir.resolve("zoo-" + model.id().replaceAll("[^A-Za-z0-9_.-]", "_") + "-"
                    + Sha256.abbreviate(shard.evaluation()) + ".sbatch");
            Files.writeString(file, script.sbatch(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ZooException(ZooException.Kind.IO, "cannot write the job script: " + e.getMessage(), e);
        }
        String jobId = run(List.of("sbatch", "--parsable", file.toString()), "submitting " + file).strip();
        jobId = jobId.contains(";") ? jobId.substring(0, jobId.indexOf(';')) : jobId;
        out.printf(Locale.ROOT, "submitted Slurm job %s: %d shards of %s (evaluation %s)%n  script: %s%n"
                        + "  follow: zoo runs %s%n", jobId, job.shards(), model.id(),
                Sha256.abbreviate(shard.evaluation()), file, model.id());
        out.flush();
        return wait ? follow(job, shard, jobId, file, quiet) : ExitCode.OK;
    }

    private ShardScript script(Job job) {
        int gpus = job.device() == null || !job.device().startsWith("gpu") ? 0
                : job.device().contains(":") ? job.device().substring(job.device().indexOf(':') + 1).split(",").length
                : 1;
        Path home = context.settings().home().root();
        return new ShardScript(job.plan().model().id(), job.shards(), launcher(), job.args(), gpus,
                home.resolve("slurm").toString(), home.toString(), job.extra());
    }

    /** How a task starts Zoo: the {@code zoo} launcher this one was started by, else this Java on this jar. */
    static List<String> launcher() {
        String zoo = System.getenv("ZOO_LAUNCHER");
        if (zoo != null && !zoo.isBlank()) {
            return List.of(zoo);
        }
        try {
            Path jar = Path.of(ZooMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // quarkus-app/app/zoo-app.jar -> quarkus-app/quarkus-run.jar
            Path runner = jar.getParent().getParent().resolve("quarkus-run.jar");
            return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                    "-jar", (Files.exists(runner) ? runner : jar).toString());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            throw new ZooException(ZooException.Kind.IO, "cannot tell where Zoo is installed (set ZOO_LAUNCHER to "
                    + "the zoo launcher's path)", e);
        }
    }

    /**
     * Follows the evaluation until it is merged (exit 0) or a shard failed (exit 1, naming it and how to rerun it):
     * progress from the shards' runs in the database, tasks that never started from {@code squeue}.
     */
    private int follow(Job job, Shard shard, String jobId, Path script, boolean quiet) {
        RunRepository runs = new RunRepository(context.database());
        int total = job.plan().whole().samples().size();
        Progress progress = ConsoleProgress.images(quiet);
        progress.start("shards of " + job.plan().model().id(), total, 0);
        long lastDone = 0;
        long since = System.currentTimeMillis();
        Map<Integer, Long> missingSince = new HashMap<>();
        try {
            while (true) {
                List<Run> all = runs.ofEvaluation(shard.evaluation());
                Map<Integer, Run> latest = new TreeMap<>();
                Run merged = null;
                for (Run r : all) {   // newest first
                    if (r.shard().merged()) {
                        merged = merged == null ? r : merged;
                    } else {
                        latest.putIfAbsent(r.shard().index(), r);
                    }
                }
                long done = latest.values().stream().mapToLong(r -> (r.scope().scored() == null ? 0
                        : r.scope().scored()) + (r.scope().skipped() == null ? 0 : r.scope().skipped())).sum();
                progress.advance(done - lastDone);
                lastDone = done;
                boolean allDone = latest.size() == job.shards()
                        && latest.values().stream().allMatch(r -> r.status() == Run.Status.COMPLETED);
                if (merged != null && allDone) {
                    progress.finish();
                    new RunPrinter(out).merged(job.plan().model(), merged, latest.values());
                    return ExitCode.OK;
                }
                Map<Integer, String> queued = squeue(jobId);
                List<String> failed = new ArrayList<>();
                long now = System.currentTimeMillis();
                for (int k = 0; k < job.shards(); k++) {
                    Run r = latest.get(k);
                    boolean inQueue = queued.containsKey(k);
                    if (r != null && (r.status() == Run.Status.FAILED
                            || r.status() == Run.Status.INTERRUPTED) && !inQueue) {
                        failed.add("shard " + k + "/" + job.shards() + " " + r.status().label() + " (run #" + r.id()
                                + ": " + r.error() + ")");
                    } else if (r == null && !inQueue && now - since > GRACE_MILLIS) {
                        long first = missingSince.computeIfAbsent(k, x -> now);
                        if (now - first > GRACE_MILLIS) {
                            failed.add("shard " + k + "/" + job.shards() + " left the queue without starting (see "
                                    + script.getParent() + "/zoo-*-" + jobId + "_" + k + ".out)");
                        }
                    }
                }
                if (!failed.isEmpty()) {
                    progress.finish();
                    failed.forEach(f -> err.println("zoo eval: " + f));
                    err.println("zoo eval: rerun a shard with: sbatch --array=K " + script + "  (or, here: zoo eval "
                            + String.join(" ", job.args().stream().map(ShellWords::quote).toList())
                            .replace("--shards " + job.shards(), "--shard K/" + job.shards()) + ")");
                    err.flush();
                    return ExitCode.CHECK_FAILED;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZooException(ZooException.Kind.IO, "stopped waiting; the job goes on (zoo runs "
                    + job.plan().model().id() + " follows it)", e);
        }
    }

    /** Array tasks still pending or running: index to state; empty when the job has left the queue. */
    private Map<Integer, String> squeue(String jobId) {
        Map<Integer, String> out = new HashMap<>();
        String listing;
        try {
            listing = run(List.of("squeue", "-h", "-r", "-j", jobId, "-o", "%K|%T"), "asking squeue");
        } catch (ZooException gone) {
            return out;   // squeue refuses a job it no longer knows
        }
        for (String line : listing.split("\n")) {
            String[] parts = line.strip().split("\\|");
            if (parts.length == 2 && parts[0].matches("\\d+")) {
                out.put(Integer.parseInt(parts[0]), parts[1]);
            }
        }
        return out;
    }

    /** Runs a Slurm command and returns its output; failing to is an I/O error that says what was tried. */
    private static String run(List<String> command, String what) {
        return ChildProcess.run(command, SLURM_TIMEOUT, what, ": is this a Slurm login node? (--dry-run prints the "
                + "script)");
    }
}
