package dev.zoo.app;

import dev.zoo.core.ZooException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.CatalogSource;
import dev.zoo.metadata.DefaultCatalog;
import dev.zoo.metadata.Diagnostic;
import dev.zoo.metadata.Severity;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "lint", description = {"Check model-index files: YAML syntax, required fields, duplicate IDs, "
        + "collections, numbers, URLs, and metadata against the architecture (parameter count, .npz size).",
        "Without FILE, checks the configured catalogue (built-in + ZOO_CATALOG)."})
public class LintCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Model-index files (.yml, .yaml, .json, .md, "
            + ".mdx) or folders (their model-index.yml).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--strict", description = "Fail (exit 1) on warnings too.")
    boolean strict;

    @Mixin
    JsonOption json;

    @Inject
    ZooContext context;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        List<CatalogSource> sources = new ArrayList<>();
        if (files.isEmpty()) {
            if (context.settings().catalog().builtin()) {
                sources.add(DefaultCatalog.source());
            }
            context.settings().catalog().files().forEach(p -> sources.add(new CatalogSource.File(p)));
        } else {
            for (Path p : files) {
                if (!Files.isDirectory(p) && (!Files.isRegularFile(p) || !Files.isReadable(p))) {
                    // nothing to lint is an I/O error (3), not a lint failure (1)
                    throw new ZooException(ZooException.Kind.IO, "cannot read " + p + ": " + (!Files.exists(p)
                            ? "no such file" : !Files.isRegularFile(p) ? "not a regular file" : "not readable"));
                }
                sources.add(new CatalogSource.File(p));
            }
        }
        Catalog catalog = context.catalogLoader().load(sources);
        long errors = catalog.count(Severity.ERROR);
        long warnings = catalog.count(Severity.WARNING);
        PrintWriter out = spec.commandLine().getOut();
        if (json.on()) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of(
                    "files", catalog.files(), "models", catalog.models().size(), "skipped", catalog.skipped(), "errors", errors,
                    "warnings", warnings, "diagnostics", catalog.diagnostics())));
        } else {
            catalog.diagnostics().stream().map(Diagnostic::toString).forEach(out::println);
            out.printf("%d error(s), %d warning(s), %d note(s); %d model(s) in %d file(s)%s%n", errors, warnings,
                    catalog.count(Severity.INFO), catalog.models().size(), catalog.files().size(),
                    catalog.skipped().isEmpty() ? "" : "; " + catalog.skipped().size() + " left out for errors");
        }
        out.flush();
        return errors > 0 || (strict && warnings > 0) ? ExitCode.CHECK_FAILED : ExitCode.OK;
    }
}
