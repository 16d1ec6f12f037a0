package dev.zoo.app;

import dev.zoo.evaluator.EvalJob;
import dev.zoo.core.ZooException;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.CatalogLoader;
import dev.zoo.metadata.CatalogSource;
import dev.zoo.metadata.DefaultCatalog;
import dev.zoo.metadata.Diagnostic;
import dev.zoo.metadata.Model;
import dev.zoo.registry.ArtifactRepository;
import dev.zoo.core.Database;
import dev.zoo.registry.Downloader;
import dev.zoo.registry.WeightsRegistry;
import dev.zoo.web.ZooBackend;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What every command shares: settings, the loaded catalogue, and (opened only by the commands that need it) the
 * database and weights registry.
 */
@ApplicationScoped
public class ZooContext implements ZooBackend {

    @Inject
    ZooConfig config;

    private ZooSettings settings;
    private Database database;
    private WeightsRegistry registry;
    private CatalogRequest serverCatalogs = CatalogRequest.none();
    private Catalog serverCatalog;

    public synchronized ZooSettings settings() {
        if (settings == null) {
            settings = ZooSettings.from(config);
        }
        return settings;
    }

    /** Which catalogue a command asked for: extra files, strictness, and whether the built-in one is left out. */
    public record CatalogRequest(List<Path> files, boolean strict, boolean noBuiltin) {
        public CatalogRequest {
            files = List.copyOf(files);
        }

        static CatalogRequest none() {
            return new CatalogRequest(List.of(), false, false);
        }
    }

    /** The built-in catalogue, then ZOO_CATALOG, then {@code --catalog} files, with whatever errors they have. */
    public Catalog catalogWithErrors(CatalogRequest request) {
        List<CatalogSource> sources = new ArrayList<>();
        if (settings().catalog().builtin() && !request.noBuiltin()) {
            sources.add(DefaultCatalog.source());
        }
        settings().catalog().files().forEach(p -> sources.add(new CatalogSource.File(p)));
        request.files().forEach(p -> sources.add(new CatalogSource.File(p)));
        return catalogLoader().load(sources);
    }

    /** A loader whose references may reach the folders of ZOO_IMPORT_ROOTS besides each catalogue's own. */
    public CatalogLoader catalogLoader() {
        return new CatalogLoader(settings().catalog().importRoots());
    }

    /** True when the command or ZOO_STRICT_CATALOG asks for all or nothing. */
    public boolean strict(CatalogRequest request) {
        return request.strict() || settings().catalog().strict();
    }

    /**
     * The configured catalogue. What Zoo cannot represent is left out and said once on {@code err} (how many, the
     * first reasons, and the {@code zoo lint} that shows all); with {@code --strict-catalog} any error ends the command.
     */
    public Catalog catalog(CatalogRequest request, PrintWriter err) {
        Catalog catalog = catalogWithErrors(request);
        if (strict(request) && catalog.hasErrors()) {
            String errors = catalog.diagnostics().stream().filter(Diagnostic::isError).limit(20)
                    .map(Diagnostic::toString).collect(Collectors.joining("\n"));
            throw ZooException.usage("the catalogue has errors and --strict-catalog (or ZOO_STRICT_CATALOG) asks for "
                    + "all or nothing (zoo lint shows them all):\n" + errors);
        }
        sayWhatWasLeftOut(catalog, err);
        return catalog;
    }

    /** How many models (collections, files) were left out and the first reasons, once, on stderr. */
    public static void sayWhatWasLeftOut(Catalog catalog, PrintWriter err) {
        catalog.skippedSummary(3).ifPresent(summary -> {
            err.println("zoo: " + summary);
            err.flush();
        });
    }

    /** The catalogue {@code zoo serve} shows: loaded once, with the serve command's catalogue options. */
    @Override
    public synchronized Catalog catalog() {
        if (serverCatalog == null) {
            serverCatalog = catalog(serverCatalogs, new PrintWriter(System.err, true));
        }
        return serverCatalog;
    }

    synchronized void serveCatalogs(CatalogRequest request) {
        serverCatalogs = request;
        serverCatalog = null;
    }

    @Override
    public Optional<String> apiToken() {
        return settings().apiToken();
    }

    /**
     * The model of that ID, or a usage error: why it was left out of the catalogue if it was, else the nearest IDs.
     */
    public Model model(Catalog catalog, String id) {
        return catalog.find(id).orElseThrow(() -> new ZooException(ZooException.Kind.USAGE, catalog.skipped().stream()
                .filter(s -> id.equals(s.name())).findFirst()
                .map(s -> "model '" + id + "' is left out of the catalogue: " + s.describe())
                .orElseGet(() -> "unknown model '" + id + "'; did you mean " + String.join(", ",
                        catalog.nearestIds(id, 3)) + "? (zoo list shows all " + catalog.models().size() + ")")));
    }

    /** {@code --data}, else ZOO_IMAGENET, else a usage error that says how to point Zoo at ImageNet. */
    public Path imagenet(Path data) {
        if (data != null) {
            return data;
        }
        return settings().imagenet().orElseThrow(() -> ZooException.usage("no ImageNet validation "
                + "folder: pass --data DIR or set ZOO_IMAGENET=DIR. Zoo cannot download ImageNet for you (its terms "
                + "require you to get it from image-net.org); it reads the 50,000 ILSVRC2012 validation images as one "
                + "folder per wnid, or as a flat folder with the devkit's ILSVRC2012_validation_ground_truth.txt or a "
                + "val.txt."));
    }

    @Override
    public Database database() {
        return database(Database::open);
    }

    /** The database for a command that only reads: it opens read-only when ZOO_HOME's disk is full. */
    public Database databaseForReading() {
        return database(Database::openForReading);
    }

    /** How the first caller opens the database; later callers share what it opened. */
    private interface Opener {
        Database open(String url, String user, String password);
    }

    private synchronized Database database(Opener opener) {
        if (database == null) {
            ZooSettings s = settings();
            database = opener.open(s.databaseUrl(), s.databaseUser(), s.databasePassword());
        }
        return database;
    }

    @Override
    public synchronized WeightsRegistry registry() {
        // one registry (and one HTTP client) per process: the web asks for it on every model of every request
        if (registry == null) {
            registry = new WeightsRegistry(settings().home(), new ArtifactRepository(database()),
                    new Downloader(settings().download()), settings().registry());
        }
        return registry;
    }

    @PreDestroy
    synchronized void close() {
        EvalJob.interruptOpenRuns();   // SIGTERM or Ctrl-C mid-run: record it while the pool is still open
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
