package dev.zoo.results;

import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.KnownDataset;
import dev.zoo.metadata.Metric;
import dev.zoo.metadata.Model;
import dev.zoo.metadata.Result;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Claimed beside measured, one row per model and dataset, by the scope rules of {@link ResultRow}. */
public final class ResultsTable {

    private ResultsTable() {
    }

    /**
     * Every row, from the catalogue's claims and {@link RunRepository#latestPerDataset()}: a row per model and dataset
     * it claims or was measured on. A model with neither has no dataset, and no row.
     */
    public static List<ResultRow> build(Catalog catalog, Map<String, Map<String, RunRepository.Latest>> latest) {
        List<ResultRow> out = new ArrayList<>();
        for (Model m : catalog.models()) {
            out.addAll(rows(catalog, m, latest.getOrDefault(m.id(), Map.of())));
        }
        return out;
    }

    /** One model's rows, from its latest runs per dataset. */
    public static List<ResultRow> rows(Catalog catalog, Model m, Map<String, RunRepository.Latest> runs) {
        Set<String> keys = new LinkedHashSet<>();
        m.results().stream().map(Result::dataset).filter(d -> d != null).map(KnownDataset::canonical)
                .forEach(keys::add);
        keys.addAll(runs.keySet());
        String collection = catalog.collectionLabel(m);
        List<ResultRow> out = new ArrayList<>();
        for (String key : keys) {   // a folder's rows are keyed by its fingerprint: one row per folder
            out.add(row(m, collection, RunRepository.datasetOf(key), runs.getOrDefault(key,
                    new RunRepository.Latest(null, null))));
        }
        return out;
    }

    /** The claim of a model on a dataset, matched by the dataset's identity ("ImageNet ReaL" is "ImageNet-ReaL"). */
    public static Double claimed(Model m, String dataset, String metric) {
        String wanted = KnownDataset.canonical(dataset);
        return m.results().stream()
                .filter(r -> r.dataset() != null && KnownDataset.canonical(r.dataset()).equalsIgnoreCase(wanted))
                .flatMap(r -> r.metric(metric).stream()).map(Metric::value).findFirst().orElse(null);
    }

    static ResultRow row(Model m, String collection, String dataset, RunRepository.Latest latest) {
        boolean identified = KnownDataset.named(dataset).isPresent();
        // a run on data Zoo could not identify is never "the" measured value, however complete
        Run complete = identified ? latest.complete() : null;
        Run other = identified ? latest.other() : newest(latest.complete(), latest.other());
        Double c1 = claimed(m, dataset, Metric.TOP1);
        Double c5 = claimed(m, dataset, Metric.TOP5);
        Double m1 = complete == null ? null : complete.measured(dataset, Metric.TOP1);
        Double m5 = complete == null ? null : complete.measured(dataset, Metric.TOP5);
        Double d1 = difference(m1, c1);
        Double d5 = difference(m5, c5);
        boolean beyond = Comparison.beyond(d1, Comparison.DEFAULT_TOLERANCE)
                || Comparison.beyond(d5, Comparison.DEFAULT_TOLERANCE);
        Long params = m.metadata().parameters() != null ? m.metadata().parameters()
                : m.architecture().map(a -> a.parameterCount()).orElse(null);
        return new ResultRow(m.id(), m.name(), collection, dataset, c1, c5, m1, m5, d1, d5, beyond,
                complete == null ? null : complete.id(), complete == null ? null : imagesBehind(complete, dataset),
                complete == null ? null : complete.imagesPerSecond(),
                complete == null ? null : complete.provenance().device(),
                complete == null ? null : complete.finishedAt(),
                other == null ? null : ResultRow.Other.of(other, dataset), params, m.metadata().imageSize(),
                interval(complete, dataset, Metric.TOP1), interval(complete, dataset, Metric.TOP5));
    }

    /** The images a measured value is a proportion of: the run's scored images, or those a relabelling or mask kept. */
    private static Integer imagesBehind(Run run, String dataset) {
        Run.Measurement top1 = run.measurement(dataset, Metric.TOP1);
        return top1 != null && top1.images() != null ? top1.images() : run.scope().scored();
    }

    private static Interval interval(Run run, String dataset, String metric) {
        Run.Measurement m = run == null ? null : run.measurement(dataset, metric);
        return m == null ? null : m.interval();
    }

    private static Run newest(Run a, Run b) {
        return a == null ? b : b == null ? a : a.id() > b.id() ? a : b;
    }

    /** Measured minus claimed, rounded to 0.001 points (a difference of doubles carries noise in its last digits). */
    static Double difference(Double measured, Double claimed) {
        return measured == null || claimed == null ? null : Math.round((measured - claimed) * 1000) / 1000.0;
    }
}
