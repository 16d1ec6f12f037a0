package dev.zoo.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.Model;
import dev.zoo.registry.PullException;
import dev.zoo.registry.VerifyResult;
import dev.zoo.registry.WeightsRegistry;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", description = {"Re-hash cached weights against their pins. A file that does not match is "
        + "reported (exit 1) and moved to ZOO_HOME/quarantine, never used.",
        "Without MODEL, verifies every cached model of the catalogue."})
public class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CatalogOptions catalogOptions;

    @Parameters(paramLabel = "MODEL", arity = "0..*", description = "Model IDs.")
    List<String> ids = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Inject
    ZooContext context;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        Catalog catalog = context.catalog(catalogOptions.catalogs);
        WeightsRegistry registry = context.registry();
        List<Model> models = ids.isEmpty()
                ? catalog.models().stream().filter(registry::isCached).toList()
                : ids.stream().map(id -> context.model(catalog, id)).toList();
        PrintWriter out = spec.commandLine().getOut();
        List<VerifyResult> results = new ArrayList<>();
        int exit = ExitCode.OK;
        for (Model m : models) {
            try {
                VerifyResult r = registry.verify(m, ConsoleProgress.create(quiet || json));
                results.add(r);
                if (r.failed()) {
                    exit = Math.max(exit, ExitCode.CHECK_FAILED);
                }
                if (!json) {
                    out.printf(Locale.ROOT, "%-24s %-10s %s%n", m.id(), r.status().name().toLowerCase(Locale.ROOT)
                            .replace('_', ' '), r.status() == VerifyResult.Status.OK ? "sha256 " + r.actualSha256()
                            : r.message());
                }
            } catch (PullException e) {
                spec.commandLine().getErr().println("zoo verify: " + m.id() + ": " + e.getMessage());
                exit = Math.max(exit, PullCommand.exitCode(e));
            }
        }
        if (json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        } else if (models.isEmpty()) {
            out.println("nothing cached to verify (zoo pull MODEL first)");
        }
        out.flush();
        return exit;
    }
}
