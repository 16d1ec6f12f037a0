package dev.zoo.app;

import dev.zoo.core.ZooException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.Model;
import dev.zoo.registry.PullResult;
import dev.zoo.registry.WeightsRegistry;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "pull", description = {"Download models' weights into the cache: resumable, verified against File "
        + "Size and SHA256 (else the sha256 digits a torch.hub-style name carries, name-<hex>.pth, else the sha256 "
        + "pinned at the first download), then moved into place atomically."})
public class PullCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CatalogOptions catalogOptions;

    @ArgGroup(multiplicity = "1")
    Selection selection;

    static class Selection {
        @Parameters(paramLabel = "MODEL", completionCandidates = Completions.ModelIds.class,
                arity = "1..*", description = "Model IDs.")
        List<String> ids;

        @Option(names = "--all", description = "Every model of the catalogue.")
        boolean all;
    }

    @Mixin
    OutputOptions output;

    @Inject
    ZooContext context;

    @Inject
    ObjectMapper mapper;

    /** One model's outcome in {@code zoo pull --json}. */
    public record Outcome(String model, String status, String path, Long size, String sha256, String pin,
                          String source, Boolean resumed, String error) {
    }

    @Override
    public Integer call() throws Exception {
        Catalog catalog = catalogOptions.load(context);
        List<Model> models = selection.all ? catalog.models()
                : selection.ids.stream().map(id -> context.model(catalog, id)).toList();
        WeightsRegistry registry = context.registry();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Outcome> outcomes = new ArrayList<>();
        int exit = ExitCode.OK;
        for (Model m : models) {
            try {
                PullResult r = registry.pull(m, ConsoleProgress.create(!output.progress()));
                outcomes.add(new Outcome(m.id(), r.outcome().name().toLowerCase(Locale.ROOT), r.path().toString(),
                        r.size(), r.sha256(), r.pinSource().label(), r.source().toString(), r.resumed(), null));
                if (!output.json()) {
                    out.printf(Locale.ROOT, "%s: %s, %,d bytes, sha256 %s (pin: %s)%n  %s%n", m.id(),
                            r.outcome() == PullResult.Outcome.CACHED ? "cached" : "downloaded and verified",
                            r.size(), r.sha256(), r.pinSource().label(), r.path());
                }
            } catch (ZooException e) {
                outcomes.add(new Outcome(m.id(), "failed", null, null, null, null, null, null, e.getMessage()));
                if (!output.json()) {
                    err.println("zoo pull: " + m.id() + ": " + e.getMessage());
                }
                exit = Math.max(exit, e.exitCode());
            }
        }
        if (output.json()) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(outcomes));
        }
        out.flush();
        err.flush();
        return exit;
    }
}
