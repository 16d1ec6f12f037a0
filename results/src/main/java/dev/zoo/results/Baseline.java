package dev.zoo.results;

import dev.zoo.results.Run;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Measured values to compare later runs with, each with its scope (which images, how many scored, complete or not) and
 * the provenance that makes a comparison meaningful. The same images (data fingerprint) are required; the recipe and
 * the weights digest are checked before evaluating and reported as the likely cause of a move, not refused: a changed
 * recipe or re-published weights is exactly what a baseline is there to catch.
 *
 * @param tolerance allowed absolute difference per metric, in percentage points (a model entry may override)
 */
public record Baseline(Map<String, Double> tolerance, List<Entry> models, String recordedAt, String zooVersion) {

    public Baseline {
        tolerance = Map.copyOf(tolerance);
        models = List.copyOf(models);
    }

    /**
     * One model's recorded values (dataset labelling to metric to value), with the scope and provenance of its run, and
     * which images it got right (null when its predictions were not stored), for image-by-image comparisons.
     */
    public record Entry(String modelId, Long runId, Scope scope, Provenance provenance,
                        Map<String, Map<String, Double>> results, Map<String, Double> tolerance,
                        Correctness correctness) {

        public Entry {
            results = copy(results);
            tolerance = Map.copyOf(tolerance == null ? Map.of() : tolerance);
        }

        private static Map<String, Map<String, Double>> copy(Map<String, Map<String, Double>> r) {
            Map<String, Map<String, Double>> out = new LinkedHashMap<>();
            r.forEach((k, v) -> out.put(k, new LinkedHashMap<>(v)));
            return out;
        }

        public static Entry of(Run run, Correctness correctness) {
            Map<String, Map<String, Double>> results = new LinkedHashMap<>();
            for (Run.Measurement m : run.results()) {
                results.computeIfAbsent(m.dataset(), k -> new LinkedHashMap<>()).put(m.metric(), m.value());
            }
            return new Entry(run.modelId(), run.id(), run.scope(), run.provenance(), results, Map.of(),
                    correctness);
        }
    }

    public Optional<Entry> entry(String modelId) {
        return models.stream().filter(e -> e.modelId().equals(modelId)).findFirst();
    }

    /** The tolerance of a metric for a model: the model's own, the file's, or 0.1 points. */
    public double tolerance(Entry e, String metric, double fallback) {
        return e.tolerance().getOrDefault(metric, tolerance.getOrDefault(metric, fallback));
    }

    /** A baseline of these runs, with which images each got right where {@code correctness} knows it. */
    public static Baseline record(List<Run> runs, java.util.function.Function<Run, Correctness> correctness,
                                  String zooVersion) {
        return new Baseline(Map.of(), runs.stream().map(r -> Entry.of(r, correctness.apply(r))).toList(),
                Instant.now().toString(), zooVersion);
    }

    public static Baseline record(List<Run> runs, String zooVersion) {
        return record(runs, r -> null, zooVersion);
    }

    /** Writes the file atomically (a temporary file renamed into place). */
    public void write(Path file) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Zoo Baseline", 1);
        doc.put("Recorded", recordedAt);
        doc.put("Zoo Version", zooVersion);
        if (!tolerance.isEmpty()) {
            doc.put("Tolerance", new LinkedHashMap<>(tolerance));
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (Entry e : models) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ID", e.modelId());
            put(m, "Run", e.runId());
            Scope sc = e.scope();
            put(m, "Scope", sc.label());
            put(m, "Dataset", sc.dataset());
            put(m, "Dataset Images", sc.datasetImages());
            put(m, "Images", sc.images());
            put(m, "Scored", sc.scored());
            put(m, "Skipped", sc.skipped());
            m.put("Complete", sc.complete());
            put(m, "Selection", sc.selection());
            put(m, "Subset", sc.subset());
            put(m, "Data Path", sc.dataPath());
            put(m, "Data Fingerprint", sc.fingerprint());
            Provenance p = e.provenance();
            put(m, "Recipe", p.recipe());
            put(m, "Label Map", p.labelMap());
            put(m, "Weights SHA256", p.weightsSha256());
            put(m, "Device", p.device());
            m.put("Results", e.results());
            if (e.correctness() != null) {
                // one bit an image in image order, Base64: what pairs a later run with this one image by image
                m.put("Paired Images", e.correctness().images());
                m.put("Top-1 Right", Correctness.encode(e.correctness().top1()));
                m.put("Top-5 Right", Correctness.encode(e.correctness().top5()));
            }
            if (!e.tolerance().isEmpty()) {
                m.put("Tolerance", new LinkedHashMap<>(e.tolerance()));
            }
            list.add(m);
        }
        doc.put("Models", list);
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndicatorIndent(0);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".baseline", ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("# Zoo baseline: measured values for `zoo check --baseline`, each with its scope (which\n"
                    + "# images, how many scored, complete or not). A check compares only a run on the same images\n"
                    + "# (Data Fingerprint). Tolerances are absolute, in percentage points; add a Tolerance mapping\n"
                    + "# at the top or per model to change them.\n");
            new Yaml(o).dump(doc, w);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    public static Baseline read(Path file) throws BaselineException {
        Object doc;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            doc = new Yaml(new LoaderOptions()).load(r);
        } catch (MarkedYAMLException e) {
            throw new BaselineException(file + ":" + (e.getProblemMark().getLine() + 1) + ":"
                    + (e.getProblemMark().getColumn() + 1) + ": YAML syntax: " + e.getProblem());
        } catch (YAMLException | IOException e) {
            throw new BaselineException("cannot read the baseline " + file + ": " + e.getMessage());
        }
        if (!(doc instanceof Map<?, ?> top) || !top.containsKey("Models")) {
            throw new BaselineException(file + ": not a Zoo baseline (no Models list; make one with zoo baseline "
                    + "record)");
        }
        Map<String, Double> tolerance = numbers(file, "Tolerance", top.get("Tolerance"));
        if (!(top.get("Models") instanceof List<?> list)) {
            throw new BaselineException(file + ": Models must be a list");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m) || !(m.get("ID") instanceof String id)) {
                throw new BaselineException(file + ": Models[" + i + "] needs an ID");
            }
            String where = "model " + id;
            if (!(m.get("Results") instanceof Map<?, ?> res) || res.isEmpty()) {
                throw new BaselineException(file + ": " + where + " has no Results");
            }
            Map<String, Map<String, Double>> results = new LinkedHashMap<>();
            for (var r : res.entrySet()) {
                results.put(String.valueOf(r.getKey()), numbers(file, where + " Results." + r.getKey(),
                        r.getValue()));
            }
            Scope scope = new Scope(str(m.get("Dataset")), str(m.get("Data Path")), str(m.get("Data Fingerprint")),
                    str(m.get("Selection")), str(m.get("Subset")), integer(m.get("Dataset Images")),
                    integer(m.get("Images")), integer(m.get("Scored")), integer(m.get("Skipped")),
                    Boolean.TRUE.equals(m.get("Complete")));
            Provenance provenance = Provenance.comparable(str(m.get("Recipe")), str(m.get("Weights SHA256")),
                    str(m.get("Label Map")), str(m.get("Device")));
            Correctness correctness = null;
            if (m.get("Paired Images") instanceof Number images && m.get("Top-1 Right") instanceof String t1
                    && m.get("Top-5 Right") instanceof String t5) {
                try {
                    correctness = new Correctness(images.intValue(), Correctness.decode(t1), Correctness.decode(t5));
                } catch (IllegalArgumentException e) {
                    throw new BaselineException(file + ": " + where + ": Top-1 Right and Top-5 Right must be Base64 ("
                            + e.getMessage() + ")");
                }
            }
            entries.add(new Entry(id, m.get("Run") instanceof Number n ? n.longValue() : null, scope, provenance,
                    results, numbers(file, where + " Tolerance", m.get("Tolerance")), correctness));
        }
        return new Baseline(tolerance, entries, str(top.get("Recorded")), str(top.get("Zoo Version")));
    }

    private static Map<String, Double> numbers(Path file, String where, Object value) throws BaselineException {
        Map<String, Double> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new BaselineException(file + ": " + where + " must map metric names to numbers");
        }
        for (var e : map.entrySet()) {
            if (!(e.getValue() instanceof Number n)) {
                throw new BaselineException(file + ": " + where + "." + e.getKey() + " must be a number, found '"
                        + e.getValue() + "'");
            }
            out.put(String.valueOf(e.getKey()), n.doubleValue());
        }
        return out;
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static Integer integer(Object o) {
        return o instanceof Number n ? n.intValue() : null;
    }
}
