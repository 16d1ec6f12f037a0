package dev.zoo.web;

import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.Metric;
import dev.zoo.metadata.Model;
import dev.zoo.metadata.NetworkSpec;
import dev.zoo.metadata.Result;
import dev.zoo.registry.DatabaseException;
import dev.zoo.results.Run;
import dev.zoo.results.RunRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Claimed and latest measured results, per model and dataset, from the catalogue and the database. */
@ApplicationScoped
public class ResultsService {

    /** Differences beyond this many percentage points are highlighted. */
    public static final double TOLERANCE = 0.1;

    @Inject
    ZooBackend backend;

    /** Every row, for one state of the catalogue and the runs. */
    public record Snapshot(Catalog catalog, String stamp, List<ResultRow> rows, Map<String, Run> latest) {
    }

    private volatile Snapshot snapshot;

    /**
     * The whole table, rebuilt only when a run was added or finished since (another process's runs included): with
     * 1,000 models and 10,000 runs, building it costs more than serving it many times.
     */
    public Snapshot snapshot() {
        Catalog catalog = backend.catalog();
        String stamp;
        try {
            stamp = new RunRepository(backend.database()).changeStamp();
        } catch (DatabaseException e) {
            throw new ApiException(503, e.getMessage());
        }
        Snapshot s = snapshot;
        if (s != null && s.catalog() == catalog && s.stamp().equals(stamp)) {
            return s;
        }
        Map<String, Run> latest = latestRuns();
        s = new Snapshot(catalog, stamp, List.copyOf(build(catalog, latest)), latest);
        snapshot = s;
        return s;
    }

    private static List<ResultRow> build(Catalog catalog, Map<String, Run> latest) {
        List<ResultRow> out = new ArrayList<>();
        for (Model m : catalog.models()) {
            Run run = latest.get(m.id());
            Set<String> datasets = new LinkedHashSet<>();
            m.results().stream().map(Result::dataset).filter(d -> d != null).forEach(datasets::add);
            if (run != null) {
                run.results().forEach(r -> datasets.add(r.dataset()));
            }
            if (datasets.isEmpty()) {
                datasets.add("ImageNet");
            }
            for (String d : datasets) {
                out.add(row(m, d, run));
            }
        }
        return out;
    }

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
        return snap.rows().stream()
                .filter(r -> collection == null || collection.equals(r.collection()))
                .filter(r -> model == null || model.equals(r.model()))
                .filter(r -> dataset == null || dataset.equalsIgnoreCase(r.dataset()))
                .toList();
    }

    private Map<String, Run> latestRuns() {
        try {
            return new RunRepository(backend.database()).latestCompleted();
        } catch (DatabaseException e) {
            throw new ApiException(503, e.getMessage());
        }
    }

    static ResultRow row(Model m, String dataset, Run run) {
        Double c1 = m.claimed(dataset, Metric.TOP1).map(x -> x.value()).orElse(null);
        Double c5 = m.claimed(dataset, Metric.TOP5).map(x -> x.value()).orElse(null);
        Double m1 = run == null ? null : run.measured(dataset, Metric.TOP1);
        Double m5 = run == null ? null : run.measured(dataset, Metric.TOP5);
        Double d1 = c1 != null && m1 != null ? m1 - c1 : null;
        Double d5 = c5 != null && m5 != null ? m5 - c5 : null;
        boolean beyond = (d1 != null && Math.abs(d1) > TOLERANCE + 1e-9) || (d5 != null && Math.abs(d5) > TOLERANCE
                + 1e-9);
        Long params = m.metadata().parameters() != null ? m.metadata().parameters()
                : m.networkSpec().map(NetworkSpec::parameterCount).orElse(null);
        boolean hasMeasurement = m1 != null || m5 != null;
        return new ResultRow(m.id(), m.name(), m.collection(), dataset, c1, c5, m1, m5, d1, d5, beyond, params,
                m.metadata().imageSize(), hasMeasurement ? run.imagesPerSecond() : null,
                hasMeasurement ? run.imageCount() : null, hasMeasurement ? run.id() : null,
                hasMeasurement ? run.finishedAt() : null);
    }
}
