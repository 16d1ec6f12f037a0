package dev.zoo.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.zoo.metadata.KnownDataset;
import dev.zoo.metadata.Metric;
import dev.zoo.metadata.Model;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Measured results written back out, from complete runs on identified datasets only (a smoke test, a subset or a folder
 * Zoo could not identify never becomes a published number): as model-index YAML (Results entries that {@code zoo lint}
 * accepts and the parser reads back, each run's scope and each value's 95 % interval in a comment) or as timm's
 * results CSV for one set ({@code model,top1,top1_err,top5,top5_err,param_count,img_size,crop_pct,interpolation},
 * then {@code top1_diff,top5_diff,rank_diff} for a set with a reference, best top-1 first), with Zoo's columns after
 * timm's: {@code images} and each value's interval ({@code top1_low, top1_high, top5_low, top5_high}).
 */
public final class ResultsExport {

    /** A model with, per dataset, the complete run whose numbers are exported. */
    public record Measured(Model model, Map<String, Run> byDataset) {

        public Measured {
            byDataset = Map.copyOf(byDataset);
        }

        /** The same model with only its run on {@code dataset}. */
        public Measured only(String dataset) {
            return new Measured(model, Map.of(dataset, byDataset.get(dataset)));
        }

        Double value(String dataset, String metric) {
            Run.Measurement m = measurement(dataset, metric);
            return m == null ? null : m.value();
        }

        Run.Measurement measurement(String dataset, String metric) {
            Run run = byDataset.get(dataset);
            return run == null ? null : run.measurement(dataset, metric);
        }
    }

    private ResultsExport() {
    }

    /** What can be exported for these models: their latest complete runs on identified datasets. */
    public static List<Measured> exportable(List<Model> models, Map<String, Map<String, RunRepository.Latest>> latest) {
        List<Measured> out = new ArrayList<>();
        for (Model m : models) {
            Map<String, Run> runs = new LinkedHashMap<>();
            latest.getOrDefault(m.id(), Map.of()).forEach((dataset, l) -> {
                if (l.complete() != null && KnownDataset.named(dataset).isPresent()) {
                    runs.put(dataset, l.complete());
                }
            });
            if (!runs.isEmpty()) {
                out.add(new Measured(m, runs));
            }
        }
        return out;
    }

    public static String modelIndex(List<Measured> rows, String zooVersion) {
        List<Map<String, Object>> models = new ArrayList<>();
        StringBuilder header = new StringBuilder("# Measured by Zoo ").append(zooVersion)
                .append(": complete runs only, each on the dataset its Results entry names.\n");
        for (Measured r : rows) {
            Model m = r.model();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("Name", m.name());
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("ID", m.id());
            if (m.metadata().parameters() != null) {
                metadata.put("Parameters", m.metadata().parameters());
            }
            if (m.metadata().imageSize() != null) {
                metadata.put("Image Size", m.metadata().imageSize());
            }
            if (m.metadata().cropPct() != null) {
                metadata.put("Crop Pct", m.metadata().cropPct());
            }
            if (m.metadata().interpolation() != null) {
                metadata.put("Interpolation", m.metadata().interpolation());
            }
            entry.put("Metadata", metadata);
            if (m.weights() != null) {
                entry.put("Weights", m.weights());
            }
            String sha = r.byDataset().values().stream().map(run -> run.provenance().weightsSha256())
                    .filter(s -> s != null).findFirst().orElse(null);
            if (sha != null) {
                entry.put("SHA256", sha);
            }
            List<Map<String, Object>> results = new ArrayList<>();
            r.byDataset().forEach((dataset, run) -> {
                header.append(comment(m, dataset, run));
                Map<String, Object> metrics = new LinkedHashMap<>();
                for (Run.Measurement x : run.results()) {
                    if (x.dataset().equalsIgnoreCase(dataset)) {
                        metrics.put(x.metric(), Math.round(x.value() * 100) / 100.0);
                        if (x.interval() != null) {
                            header.append(String.format(Locale.ROOT, "#   %s %.2f: %s of %,d images right, 95%% "
                                    + "interval %s (Wilson)%n", x.metric(), x.value(), x.hits(), x.images(),
                                    x.interval().range()));
                        }
                    }
                }
                Map<String, Object> res = new LinkedHashMap<>();
                res.put("Task", "Image Classification");
                res.put("Dataset", dataset);
                res.put("Metrics", metrics);
                results.add(res);
            });
            entry.put("Results", results);
            models.add(entry);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Type", "model-index");
        doc.put("Models", models);
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndicatorIndent(0);
        o.setWidth(120);
        return header + new Yaml(o).dump(doc);
    }

    /**
     * One run's line in the export's header: what it scored (for a relabelling such as ReaL, how many of the run's
     * images carry its labels), where, how, when; parts the run does not know are left out, never printed as null.
     */
    static String comment(Model m, String dataset, Run run) {
        List<String> parts = new ArrayList<>();
        parts.add("run #" + run.id());
        Run.Measurement top1 = run.measurement(dataset, Metric.TOP1);
        boolean own = KnownDataset.canonical(run.scope().dataset()).equalsIgnoreCase(KnownDataset.canonical(dataset));
        if (own || top1 == null || top1.images() == null) {
            parts.add(run.scopeLabel());
        } else {
            parts.add(String.format(Locale.ROOT, "%s labels on %,d of the %,d images scored (%s)", dataset,
                    top1.images(), run.scope().scored(), run.scope().label()));
        }
        if (run.scope().dataPath() != null) {
            parts.add("data " + run.scope().dataPath());
        }
        if (run.provenance().recipe() != null) {
            parts.add(run.provenance().recipe());
        }
        if (run.finishedAt() != null) {
            parts.add("finished " + run.finishedAt());
        }
        return "# " + m.id() + ", " + dataset + ": " + String.join(", ", parts) + "\n";
    }

    /** timm's columns (with its differences for a set that has a reference), then Zoo's. */
    private static CsvSchema schema(boolean diffs) {
        CsvSchema.Builder b = CsvSchema.builder();
        List.of("model", "top1", "top1_err", "top5", "top5_err", "param_count", "img_size", "crop_pct",
                "interpolation").forEach(b::addColumn);
        if (diffs) {
            List.of("top1_diff", "top5_diff", "rank_diff").forEach(b::addColumn);
        }
        List.of("images", "top1_low", "top1_high", "top5_low", "top5_high").forEach(b::addColumn);
        return b.setUseHeader(true).build();
    }

    /**
     * timm's results CSV for one set ({@code results-imagenet.csv}, {@code results-sketch.csv}, …): the models measured
     * on it, best top-1 first; beside a set with a reference (every set but ImageNet-1k), timm's {@code top1_diff,
     * top5_diff, rank_diff} from it, ranked among these models (empty where a model has no complete run on the
     * reference); then Zoo's image count and intervals.
     */
    public static String timmCsv(List<Measured> rows, KnownDataset set) {
        String label = set.label();
        Map<KnownDataset, Map<String, Robustness.Value>> values = new EnumMap<>(KnownDataset.class);
        for (KnownDataset d : KnownDataset.ROBUSTNESS) {
            for (Measured r : rows) {
                Double top1 = r.value(d.label(), Metric.TOP1);
                if (top1 != null) {
                    values.computeIfAbsent(d, k -> new LinkedHashMap<>()).put(r.model().id(),
                            new Robustness.Value(top1, r.value(d.label(), Metric.TOP5)));
                }
            }
        }
        Map<String, Robustness.Standing> standings = Robustness.standings(values).getOrDefault(set, Map.of());
        boolean diffs = set.reference() != null;
        List<Map<String, String>> out = new ArrayList<>();
        rows.stream()
                .filter(r -> standings.containsKey(r.model().id()))
                .sorted(Comparator.comparingInt((Measured r) -> standings.get(r.model().id()).rank()))
                .forEach(r -> {
                    Robustness.Standing s = standings.get(r.model().id());
                    double top1 = s.value().top1();
                    Double top5 = s.value().top5();
                    Model m = r.model();
                    Long params = m.architecture().map(x -> x.parameterCount()).orElse(m.metadata().parameters());
                    Map<String, String> row = new LinkedHashMap<>();
                    row.put("model", m.id());
                    row.put("top1", fixed(top1, 3));
                    row.put("top1_err", fixed(100 - top1, 3));
                    row.put("top5", top5 == null ? "" : fixed(top5, 3));
                    row.put("top5_err", top5 == null ? "" : fixed(100 - top5, 3));
                    row.put("param_count", params == null ? "" : fixed(params / 1e6, 2));
                    row.put("img_size", m.metadata().imageSize() == null ? "" : m.metadata().imageSize().toString());
                    row.put("crop_pct", m.metadata().cropPct() == null ? "" : fixed(m.metadata().cropPct(), 3));
                    row.put("interpolation", m.metadata().interpolation() == null ? ""
                            : m.metadata().interpolation());
                    if (diffs) {
                        row.put("top1_diff", signed(s.top1Diff()));
                        row.put("top5_diff", signed(s.top5Diff()));
                        row.put("rank_diff", s.rankDiff() == null ? "" : s.rankDiff() > 0 ? "+" + s.rankDiff()
                                : s.rankDiff().toString());
                    }
                    Run.Measurement m1 = r.measurement(label, Metric.TOP1);
                    Run.Measurement m5 = r.measurement(label, Metric.TOP5);
                    row.put("images", m1.images() == null ? "" : m1.images().toString());
                    row.put("top1_low", m1.interval() == null ? "" : fixed(m1.interval().low(), 3));
                    row.put("top1_high", m1.interval() == null ? "" : fixed(m1.interval().high(), 3));
                    row.put("top5_low", m5 == null || m5.interval() == null ? "" : fixed(m5.interval().low(), 3));
                    row.put("top5_high", m5 == null || m5.interval() == null ? "" : fixed(m5.interval().high(), 3));
                    out.add(row);
                });
        try {
            CsvSchema schema = schema(diffs);
            if (out.isEmpty()) {   // the header alone: a file with no rows is still timm's format
                List<String> names = new ArrayList<>();
                schema.forEach(c -> names.add(c.getName()));
                return String.join(",", names) + "\n";
            }
            // quoted only where CSV needs it: timm writes "+4.242", not "\"+4.242\""
            return new CsvMapper().writer(schema)
                    .with(com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
                    .writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the results CSV", e);
        }
    }

    /** timm's way: "+4.242", "-43.632"; empty when unknown. */
    private static String signed(Double d) {
        return d == null ? "" : (d >= 0 ? "+" : "-") + fixed(Math.abs(d), 3);
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
