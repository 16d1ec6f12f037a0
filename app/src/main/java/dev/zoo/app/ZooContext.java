package dev.zoo.app;

import dev.zoo.evaluator.EvalJob;
import dev.zoo.metadata.ZooException;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.CatalogLoader;
import dev.zoo.metadata.CatalogSource;
import dev.zoo.metadata.DefaultCatalog;
import dev.zoo.metadata.Diagnostic;
import dev.zoo.metadata.Model;
import dev.zoo.registry.ArtifactRepository;
import dev.zoo.registry.Database;
import dev.zoo.registry.DatabaseException;
import dev.zoo.registry.Downloader;
import dev.zoo.registry.WeightsRegistry;
import dev.zoo.web.ZooBackend;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
    private List<Path> serverCatalogs = List.of();
    private Catalog serverCatalog;

    public synchronized ZooSettings settings() {
        if (settings == null) {
            settings = ZooSettings.from(config);
        }
        return settings;
    }

    /** The built-in catalogue, then ZOO_CATALOG, then {@code --catalog} files, with whatever errors they have. */
    public Catalog catalogWithErrors(List<Path> extra) {
        List<CatalogSource> sources = new ArrayList<>();
        sources.add(DefaultCatalog.source());
        settings().catalogs().forEach(p -> sources.add(new CatalogSource.File(p)));
        extra.forEach(p -> sources.add(new CatalogSource.File(p)));
        return catalogLoader().load(sources);
    }

    /** A loader whose Imports may reach the folders of ZOO_IMPORT_ROOTS besides each file's own tree. */
    public CatalogLoader catalogLoader() {
        return new CatalogLoader(settings().importRoots());
    }

    /** The configured catalogue; errors end the command. */
    public Catalog catalog(List<Path> extra) {
        Catalog catalog = catalogWithErrors(extra);
        if (catalog.hasErrors()) {
            String errors = catalog.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::toString)
                    .collect(Collectors.joining("\n"));
            throw ZooException.usage("the catalogue has errors (zoo lint shows them all):\n" + errors);
        }
        return catalog;
    }

    /** The catalogue {@code zoo serve} shows: loaded once, with the serve command's {@code --catalog} files. */
    @Override
    public synchronized Catalog catalog() {
        if (serverCatalog == null) {
            serverCatalog = catalog(serverCatalogs);
        }
        return serverCatalog;
    }

    synchronized void serveCatalogs(List<Path> extra) {
        serverCatalogs = List.copyOf(extra);
        serverCatalog = null;
    }

    @Override
    public Optional<String> apiToken() {
        return settings().apiToken();
    }

    /** The model of that ID, or a usage error that names the nearest IDs. */
    public Model model(Catalog catalog, String id) {
        return catalog.find(id).orElseThrow(() -> new ZooException(ZooException.Kind.USAGE, "unknown model '" + id
                + "'; did you mean " + String.join(", ", catalog.nearestIds(id, 3)) + "? (zoo list shows all "
                + catalog.models().size() + ")"));
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
        Database open(String url, String user, String password) throws DatabaseException;
    }

    private synchronized Database database(Opener opener) {
        if (database == null) {
            ZooSettings s = settings();
            try {
                database = opener.open(s.databaseUrl(), s.databaseUser(), s.databasePassword());
            } catch (DatabaseException e) {
                throw new ZooException(ZooException.Kind.IO, e.getMessage(), e);
            }
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
