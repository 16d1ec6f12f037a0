package dev.zoo.app;

import dev.zoo.metadata.Catalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The catalogue options every command that reads the catalogue shares: {@code --catalog PATH} on top of the built-in
 * catalogue and ZOO_CATALOG, {@code --no-builtin-catalog}, and {@code --strict-catalog} for CI that wants all or
 * nothing.
 */
public class CatalogOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--catalog", paramLabel = "PATH", description = "Also load this model-index file (.yml, .yaml, "
            + ".json, .md, .mdx) or folder (its model-index.yml); repeatable. ZOO_CATALOG adds more.")
    List<Path> catalogs = new ArrayList<>();

    @Option(names = "--strict-catalog", description = "Refuse to work with a catalogue that has errors (default: "
            + "leave out the models Zoo cannot represent and say so once). ZOO_STRICT_CATALOG=1 does the same.")
    boolean strict;

    @Option(names = "--no-builtin-catalog", description = "Leave out the built-in BiT catalogue. "
            + "ZOO_BUILTIN_CATALOG=0 does the same.")
    boolean noBuiltin;

    /** What these options ask for. */
    ZooContext.CatalogRequest request() {
        return new ZooContext.CatalogRequest(catalogs, strict, noBuiltin);
    }

    /** These options as a task on another machine repeats them: every path absolute. */
    List<String> passThrough() {
        List<String> out = new ArrayList<>();
        for (Path c : catalogs) {
            out.addAll(List.of("--catalog", c.toAbsolutePath().normalize().toString()));
        }
        if (noBuiltin) {
            out.add("--no-builtin-catalog");
        }
        if (strict) {
            out.add("--strict-catalog");
        }
        return out;
    }

    /** The catalogue this command works with; what was left out is said once on the command's stderr. */
    Catalog load(ZooContext context) {
        return context.catalog(request(), mixee.commandLine().getErr());
    }
}
