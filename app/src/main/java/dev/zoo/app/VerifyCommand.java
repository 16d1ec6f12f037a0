package dev.zoo.app;

import dev.zoo.core.ZooException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.Model;
import dev.zoo.registry.CacheEntry;
import dev.zoo.core.Progress;
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

@Command(name = "verify", description = {"Re-hash cached weights against their pins (the catalogue's SHA256 or the "
        + "first download's) and the sha256 digits of a torch.hub-style file name. A file that does not match is "
        + "reported (exit 1) and moved to ZOO_HOME/quarantine, never used. A file nothing vouches for (no recorded "
        + "download, no SHA256 in the catalogue) is reported as of unknown provenance (exit 1), never pinned.",
        "Without MODEL, verifies every file in the cache, also those of models no loaded catalogue names."})
public class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CatalogOptions catalogOptions;

    @Parameters(paramLabel = "MODEL", completionCandidates = Completions.ModelIds.class,
            arity = "0..*", description = "Model IDs.")
    List<String> ids = new ArrayList<>();

    @Mixin
    OutputOptions output;

    @Inject
    ZooContext context;

    @Inject
    ObjectMapper mapper;

    /** A cached file to verify: of a catalogue model, or of a model no loaded catalogue names. */
    private record Target(String id, Model model, java.nio.file.Path file) {
    }

    @Override
    public Integer call() throws Exception {
        Catalog catalog = catalogOptions.load(context);
        WeightsRegistry registry = context.registry();
        PrintWriter out = spec.commandLine().getOut();
        List<VerifyResult> results = new ArrayList<>();
        int exit = ExitCode.OK;
        List<Target> targets = new ArrayList<>();
        if (ids.isEmpty()) {
            catalog.models().stream().filter(registry::isCached).forEach(m -> targets.add(new Target(m.id(), m, null)));
            for (CacheEntry e : registry.list()) {
                if (!e.partial() && catalog.find(e.modelId()).isEmpty()) {
                    targets.add(new Target(e.modelId(), null, e.path()));
                }
            }
        } else {
            ids.forEach(id -> targets.add(new Target(id, context.model(catalog, id), null)));
        }
        for (Target t : targets) {
            try {
                Progress progress = ConsoleProgress.create(!output.progress());
                VerifyResult r = t.model() != null ? registry.verify(t.model(), progress)
                        : registry.verifyOrphan(t.id(), t.file(), progress);
                results.add(r);
                if (r.failed()) {
                    exit = Math.max(exit, ExitCode.CHECK_FAILED);
                }
                if (!output.json()) {
                    out.printf(Locale.ROOT, "%-24s %-18s %s%n", t.id(), r.status().name().toLowerCase(Locale.ROOT)
                            .replace('_', ' '), r.status() == VerifyResult.Status.OK ? "sha256 " + r.actualSha256()
                            + (t.model() == null ? " (not in any loaded catalogue)" : "") : r.message());
                }
            } catch (ZooException e) {
                spec.commandLine().getErr().println("zoo verify: " + t.id() + ": " + e.getMessage());
                exit = Math.max(exit, e.exitCode());
            }
        }
        if (output.json()) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        } else if (targets.isEmpty()) {
            out.println("nothing cached to verify (zoo pull MODEL first)");
        }
        out.flush();
        return exit;
    }
}
