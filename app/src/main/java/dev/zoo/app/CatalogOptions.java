package dev.zoo.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --catalog PATH}: more model-index files on top of the built-in catalogue and ZOO_CATALOG. */
public class CatalogOptions {

    @Option(names = "--catalog", paramLabel = "PATH",
            description = "Also load this model-index file (.yml, .yaml or .md); repeatable. ZOO_CATALOG adds more.")
    List<Path> catalogs = new ArrayList<>();
}
