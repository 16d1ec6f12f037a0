package dev.zoo.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.Metric;
import dev.zoo.core.ZooException;
import dev.zoo.core.Sha256;
import dev.zoo.results.Run;
import dev.zoo.results.RunChanges;
import dev.zoo.results.RunRepository;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "runs", description = {"List evaluations, newest first: each run's status and scope, and sharded "
        + "evaluations with their shards (done, running, failed, interrupted; images; throughput) and merged result.",
        "Reads the database, so a sharded evaluation on a cluster is followed from any machine that shares it.",
        "zoo runs remove ID and zoo runs relabel ID change a run, each change kept with its reason."},
        subcommands = {RunsCommand.Remove.class, RunsCommand.Relabel.class})
public class RunsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CatalogOptions catalogOptions;

    @Parameters(paramLabel = "MODEL", completionCandidates = Completions.ModelIds.class,
            arity = "0..1", description = "Only this model's runs.")
    String id;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "30", converter = Numbers.Positive.class,
            description = "At most N runs (default 30).")
    int limit;

    @Mixin
    JsonOption json;

    @Inject
    ZooContext context;

    @Inject
    ObjectMapper mapper;

    /** A sharded evaluation in {@code --json}: its merged run (or null) and the latest run of each shard. */
    public record Evaluation(String key, int shards, Run merged, List<Run> shardRuns) {
    }

    @Override
    public Integer call() throws Exception {
        if (id != null) {
            Catalog catalog = catalogOptions.load(context);
            context.model(catalog, id);
        }
        RunRepository repo = new RunRepository(context.databaseForReading());
        List<Run> runs;
        Map<String, Evaluation> evaluations = new LinkedHashMap<>();
        runs = id == null ? repo.recent(limit) : repo.forModel(id).stream().limit(limit).toList();
        for (Run r : runs) {
            if (r.shard() != null && !evaluations.containsKey(r.shard().evaluation())) {
                evaluations.put(r.shard().evaluation(), evaluation(repo, r.shard().evaluation(),
                        r.shard().count()));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.on()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("runs", runs.stream().filter(r -> r.shard() == null).toList());
            doc.put("evaluations", evaluations.values());
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            out.flush();
            return ExitCode.OK;
        }
        if (runs.isEmpty()) {
            out.println("no runs yet (zoo eval MODEL)");
            out.flush();
            return ExitCode.OK;
        }
        Table t = new Table(List.of("RUN", "MODEL", "STATUS", "SCOPE", "TOP-1", "TOP-5", "IMG/S", "STARTED"),
                false, false, false, false, true, true, true, false);
        List<String> shown = new ArrayList<>();
        for (Run r : runs) {
            if (r.shard() == null) {
                row(t, r, "#" + r.id());
                continue;
            }
            Evaluation e = evaluations.get(r.shard().evaluation());
            if (shown.contains(e.key())) {
                continue;
            }
            shown.add(e.key());
            if (e.merged() != null) {
                row(t, e.merged(), "#" + e.merged().id());
            } else {
                t.add(List.of("", r.modelId(), "in progress", "evaluation " + Sha256.abbreviate(e.key()) + " in "
                        + e.shards() + " shards, " + e.shardRuns().stream().filter(s -> s.status()
                        == Run.Status.COMPLETED).count() + " done", "", "", "", ""));
            }
            for (int k = 0; k < e.shards(); k++) {
                int index = k;
                Run s = e.shardRuns().stream().filter(x -> x.shard().index() == index).findFirst().orElse(null);
                if (s == null) {
                    t.add(List.of("", "", "not started", "  shard " + k + "/" + e.shards(), "", "", "", ""));
                } else {
                    row(t, s, "  #" + s.id());
                }
            }
        }
        t.print(out);
        return ExitCode.OK;
    }

    private static Evaluation evaluation(RunRepository repo, String key, int shards) {
        Run merged = null;
        Map<Integer, Run> latest = new LinkedHashMap<>();
        for (Run r : repo.ofEvaluation(key)) {   // newest first
            if (r.shard().merged()) {
                merged = merged == null ? r : merged;
            } else {
                latest.putIfAbsent(r.shard().index(), r);
            }
        }
        return new Evaluation(key, shards, merged, new ArrayList<>(latest.values()));
    }

    private static void row(Table t, Run r, String label) {
        String d = r.scope().dataset();
        String scope = (r.shard() != null && r.shard().merged() ? r.shard().label() + ": " : "") + r.scopeLabel();
        t.add(List.of(label, r.modelId(), r.status().label(), scope, Formats.measured(r.measurement(d, Metric.TOP1)),
                Formats.measured(r.measurement(d, Metric.TOP5)), num(r.imagesPerSecond()),
                r.startedAt() == null ? "" : r.startedAt().toString().substring(0, 16).replace('T', ' ')));
    }

    private static String num(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Who changes a run from this machine, as the audit records it. */
    static String changedBy() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown";
        }
        return "zoo runs: " + System.getProperty("user.name", "unknown") + "@" + host;
    }

    @Command(name = "remove", description = {"Remove a run with its results and predictions; what it said, who "
            + "removed it, when and why stay in the database (its page answers 410 Gone with them)."})
    static class Remove implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", converter = Numbers.Positive.class, description = "The run's number.")
        int runId;

        @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why (kept with the change).")
        String reason;

        @Inject
        ZooContext context;

        @Override
        public Integer call() {
            RunChanges.Change c = new RunChanges(context.database()).remove(runId, reason, changedBy());
            spec.commandLine().getOut().println("removed " + c.detail());
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "relabel", description = {"Mark a run reported, not reproduced: its numbers leave the measured "
            + "columns, exports, baselines and the gate, and stay on its page. Zoo never promotes a run it cannot "
            + "reproduce, so this is the only relabelling there is."})
    static class Relabel implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", converter = Numbers.Positive.class, description = "The run's number.")
        int runId;

        @Option(names = "--reported", required = true, description = "Mark it reported, not reproduced.")
        boolean reported;

        @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why (kept with the change).")
        String reason;

        @Inject
        ZooContext context;

        @Override
        public Integer call() {
            RunChanges.Change c = new RunChanges(context.database()).markReported(runId, reason, changedBy());
            spec.commandLine().getOut().println("run #" + c.runId() + " of " + c.modelId() + ": " + c.detail());
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }
}
