package dev.zoo.web;

import dev.zoo.core.ZooException;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.KnownDataset;
import dev.zoo.metadata.Model;
import dev.zoo.core.DatabaseException;
import dev.zoo.registry.WeightsStatus;
import dev.zoo.results.ResultRow;
import dev.zoo.results.ResultsExport;
import dev.zoo.results.Robustness;
import dev.zoo.results.ResultsTable;
import dev.zoo.results.Prediction;
import dev.zoo.results.Run;
import dev.zoo.results.RunDiff;
import dev.zoo.results.RunChanges;
import dev.zoo.results.RunRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * What the API and the pages read, asked once: the catalogue's models, the results table (cached until a run is added
 * or finishes), a model's weights and runs, one run. Failures become {@link ApiException}s with the status they mean.
 */
@ApplicationScoped
public class ZooQueries {

    @Inject
    ZooBackend backend;

    /** The results table for one state of the catalogue and the runs. */
    public record Snapshot(Catalog catalog, String stamp, List<ResultRow> rows,
                           Map<String, Map<String, RunRepository.Latest>> latest, Robustness robustness) {
    }

    private volatile Snapshot snapshot;

    public Catalog catalog() {
        return backend.catalog();
    }

    /**
     * The whole table, rebuilt only when a run was added or finished since (another process's runs included): with
     * 1,000 models and 10,000 runs, building it costs more than serving it many times.
     */
    public Snapshot snapshot() {
        Catalog catalog = backend.catalog();
        String stamp = answered(() -> runs().changeStamp());
        Snapshot s = snapshot;
        if (s != null && s.catalog() == catalog && s.stamp().equals(stamp)) {
            return s;
        }
        Map<String, Map<String, RunRepository.Latest>> latest = answered(() -> runs().latestPerDataset());
        List<ResultRow> rows = ResultsTable.build(catalog, latest);
        s = new Snapshot(catalog, stamp, rows, latest, Robustness.of(rows));
        snapshot = s;
        return s;
    }

    /** Rows filtered by collection, dataset and model (each optional); unknown names are a bad request. */
    public List<ResultRow> rows(String collection, String dataset, String model) {
        Snapshot snap = snapshot();
        Catalog catalog = snap.catalog();
        if (collection != null && catalog.collection(collection).isEmpty()) {
            throw ApiException.badRequest("no collection '" + collection + "' (known: " + String.join(", ",
                    catalog.collections().stream().map(c -> c.name()).toList()) + ")");
        }
        if (model != null && catalog.find(model).isEmpty()) {
            throw ApiException.badRequest("no model '" + model + "'");
        }
        String wanted = dataset == null ? null : dataset.trim();
        if (wanted != null && KnownDataset.named(wanted).isEmpty()
                && snap.rows().stream().noneMatch(r -> KnownDataset.sameName(r.dataset(), wanted))) {
            throw ApiException.badRequest("no dataset '" + dataset + "' (with results: " + String.join(", ",
                    snap.rows().stream().map(ResultRow::dataset).distinct().sorted().toList()) + ")");
        }
        return snap.rows().stream()
                .filter(r -> collection == null || collection.equals(r.collection()))
                .filter(r -> model == null || model.equals(r.model()))
                .filter(r -> wanted == null || KnownDataset.sameName(r.dataset(), wanted))
                .toList();
    }

    /** Complete runs on identified datasets, for the CSV export (never a partial run or another folder). */
    public List<ResultsExport.Measured> exportable(String collection) {
        if (collection != null && catalog().collection(collection).isEmpty()) {
            throw ApiException.badRequest("no collection '" + collection + "'");
        }
        Catalog catalog = catalog();
        List<Model> models = catalog.models().stream()
                .filter(m -> collection == null || collection.equals(catalog.collectionLabel(m))).toList();
        return ResultsExport.exportable(models, snapshot().latest());
    }

    /** A set of timm's robustness table by any of its names; ImageNet-1k when none is given. */
    public KnownDataset robustnessSet(String name) {
        if (name == null) {
            return KnownDataset.IMAGENET;
        }
        return KnownDataset.fromCli(name).filter(KnownDataset.ROBUSTNESS::contains).orElseThrow(() ->
                ApiException.badRequest("dataset '" + name + "' is none of the sets Zoo reports: " + KnownDataset
                        .ROBUSTNESS.stream().map(KnownDataset::cliName).collect(java.util.stream.Collectors
                                .joining(", "))));
    }

    public Model model(String id) {
        return catalog().find(id).orElseThrow(() -> ApiException.notFound("no model '" + id + "'; known: "
                + String.join(", ", catalog().nearestIds(id, 3)) + ", ..."));
    }

    public WeightsStatus weights(Model m) {
        try {
            return backend.registry().status(m);
        } catch (ZooException e) {
            throw new ApiException(503, e.getMessage());
        }
    }

    public boolean cached(Model m) {
        return backend.registry().isCached(m);
    }

    /** A model's runs, newest first. */
    public List<Run> runsOf(String modelId) {
        return answered(() -> runs().forModel(modelId));
    }

    public Run run(String id) {
        long runId;
        try {
            runId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("run IDs are numbers, found '" + id + "'");
        }
        return answered(() -> runs().find(runId).orElseThrow(() -> gone(runId)));
    }

    /** A run that is not there: 410 with who removed it, when and why, or 404 when there never was one. */
    private ApiException gone(long runId) {
        return changes().of(runId).stream().filter(c -> c.action() == RunChanges.Action.REMOVED).findFirst()
                .map(c -> new ApiException(410, "run " + runId + " was removed on " + c.at() + " by " + c.by()
                        + ": " + c.reason() + " (it was " + c.detail() + ")"))
                .orElseGet(() -> ApiException.notFound("no run " + runId));
    }

    /** The changes of one run, oldest first. */
    public List<RunChanges.Change> changesOf(long runId) {
        return answered(() -> changes().of(runId));
    }

    RunChanges changes() {
        return new RunChanges(backend.database());
    }

    /** Two runs compared image by image (refused, 400, when they are on other images). */
    public RunDiff diff(String a, String b, int maxFlips) {
        Run ra = run(a);
        Run rb = run(b);
        try {
            return RunDiff.of(ra, runs().predictions(ra.id()), rb, runs().predictions(rb.id()), maxFlips);
        } catch (DatabaseException e) {
            throw unavailable(e);
        } catch (ZooException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** A run's predictions, in image order. */
    public List<Prediction> predictions(Run r) {
        return answered(() -> runs().predictions(r.id()));
    }

    /** The runs of a sharded evaluation, newest first. */
    public List<Run> evaluation(String key) {
        return answered(() -> runs().ofEvaluation(key));
    }

    RunRepository runs() {
        return new RunRepository(backend.database());
    }

    /** What the database answers, or 503 when it cannot. */
    private static <T> T answered(java.util.function.Supplier<T> query) {
        try {
            return query.get();
        } catch (DatabaseException e) {
            throw unavailable(e);
        }
    }

    /** A database that cannot answer: 503, without the SQL or the driver's details. */
    static ApiException unavailable(DatabaseException e) {
        return new ApiException(503, "the database cannot answer right now; try again later");
    }
}
