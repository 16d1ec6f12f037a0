package dev.zoo.app;

import dev.zoo.core.ZooException;
import dev.zoo.results.Baseline;
import dev.zoo.results.Correctness;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.Model;
import dev.zoo.results.Run;
import dev.zoo.results.RunRepository;
import dev.zoo.core.Versions;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "baseline", description = "Baselines for zoo check --baseline.",
        subcommands = {BaselineCommand.Record.class})
public class BaselineCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.USAGE;
    }

    @Command(name = "record", description = {"Write a baseline from the latest complete runs, with their scope and "
            + "the provenance that makes later comparisons meaningful (data fingerprint, recipe, weights sha256).",
            "Without MODEL, every catalogue model that has one. --partial also takes runs on part of their data "
            + "(--limit, --subset, skipped images), their scope written with them."})
    static class Record implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        CatalogOptions catalogOptions;

        @Parameters(paramLabel = "MODEL", completionCandidates = Completions.ModelIds.class,
                arity = "0..*", description = "Model IDs.")
        List<String> ids = new ArrayList<>();

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the baseline.")
        Path out;

        @Option(names = "--data", paramLabel = "DIR", description = "Only runs on this data folder.")
        Path data;

        @Option(names = "--partial", description = "Also take the latest run that is not complete when it is the "
                + "latest (its scope is recorded, and zoo check compares only runs on the same images).")
        boolean partial;

        @Inject
        ZooContext context;

        @Override
        public Integer call() {
            Catalog catalog = catalogOptions.load(context);
            List<Model> models = ids.isEmpty() ? catalog.models()
                    : ids.stream().map(id -> context.model(catalog, id)).toList();
            RunRepository runs = new RunRepository(context.database());
            List<Run> chosen = new ArrayList<>();
            for (Model m : models) {
                String path = data == null ? null : data.toAbsolutePath().normalize().toString();
                Optional<Run> latest = runs.latestFinished(m.id(), partial, path);
                if (latest.isPresent()) {
                    chosen.add(latest.get());
                } else if (!ids.isEmpty()) {
                    boolean partialOnly = !partial && runs.latestFinished(m.id(), true, path).isPresent();
                    throw new ZooException(ZooException.Kind.USAGE, m.id() + " has no complete run"
                            + (data == null ? "" : " on " + data) + (partialOnly ? "; its latest runs are partial "
                            + "(pass --partial to record one, with its scope)" : " (zoo eval " + m.id()
                            + " first)"));
                }
            }
            if (chosen.isEmpty()) {
                throw new ZooException(ZooException.Kind.USAGE, "no complete runs to record (zoo eval MODEL first; --partial "
                        + "takes partial ones)");
            }
            try {
                Baseline.record(chosen, r -> Correctness.of(runs.predictions(r.id())).orElse(null), Versions.zoo())
                        .write(out);
            } catch (IOException e) {
                throw new ZooException(ZooException.Kind.IO, "cannot write " + out + ": " + e.getMessage(), e);
            }
            PrintWriter w = spec.commandLine().getOut();
            for (Run r : chosen) {
                w.printf("%s: run #%d, %s%n", r.modelId(), r.id(), r.scope().label());
            }
            w.println("baseline written to " + out);
            w.flush();
            return ExitCode.OK;
        }
    }
}
