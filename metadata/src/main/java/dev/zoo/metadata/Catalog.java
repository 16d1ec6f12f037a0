package dev.zoo.metadata;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every model and collection of the loaded catalogues, with all diagnostics found on the way and what was left out.
 * Collections belong to the catalogue that defines them (two catalogues may each have a "ResNet"); models are one per
 * ID.
 *
 * @param skipped models, collections and files left out for their errors; the rest loaded
 */
public record Catalog(List<Collection> collections, List<Model> models, List<String> files,
                      List<Diagnostic> diagnostics, List<Skipped> skipped) {

    public Catalog {
        collections = List.copyOf(collections);
        models = List.copyOf(models);
        files = List.copyOf(files);
        diagnostics = List.copyOf(diagnostics);
        skipped = List.copyOf(skipped);
    }

    public Optional<Model> find(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** A collection by the label {@link #collectionLabel} gives it (its name, where that is unique). */
    public Optional<Collection> collection(String label) {
        return collections.stream().filter(c -> collectionLabel(c).equals(label)).findFirst()
                .or(() -> collections.stream().filter(c -> c.name().equals(label)).findFirst());
    }

    /**
     * The collection a model inherits from: the one of that name in the model's own catalogue, else the built-in
     * catalogue's, else the only one of that name.
     */
    public Optional<Collection> collectionOf(Model m) {
        return resolve(collections, m);
    }

    static Optional<Collection> resolve(List<Collection> collections, Model m) {
        if (m.collection() == null) {
            return Optional.empty();
        }
        List<Collection> named = collections.stream().filter(c -> c.name().equals(m.collection())).toList();
        return named.stream().filter(c -> c.origin().catalogue().equals(m.origin().catalogue())).findFirst()
                .or(() -> named.stream().filter(c -> c.origin().builtin()).findFirst())
                .or(() -> named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty());
    }

    /** How the web and the CLI name a collection: its name, followed by its catalogue where two share the name. */
    public String collectionLabel(Collection c) {
        long same = collections.stream().filter(o -> o.name().equals(c.name())).count();
        return same <= 1 ? c.name() : c.name() + " (" + shortName(c.origin()) + ")";
    }

    /** The label of a model's collection, or null. */
    public String collectionLabel(Model m) {
        return collectionOf(m).map(this::collectionLabel).orElse(m.collection());
    }

    /** "built-in", or the file name of a user's catalogue. */
    public static String shortName(Origin origin) {
        if (origin.builtin()) {
            return "built-in";
        }
        Path p = Path.of(origin.catalogue()).getFileName();
        return p == null ? origin.catalogue() : p.toString();
    }

    public long count(Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }

    public boolean hasErrors() {
        return count(Severity.ERROR) > 0;
    }

    /**
     * What was left out, said once for a command's stderr: how many, the first few reasons, and where to see them all;
     * empty when nothing was.
     */
    public Optional<String> skippedSummary(int reasons) {
        if (skipped.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> byKind = skipped.stream().collect(Collectors.groupingBy(Skipped::kind,
                java.util.TreeMap::new, Collectors.counting()));
        String counts = byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey() + (e.getValue() == 1
                ? "" : "s")).collect(Collectors.joining(", "));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "catalogue: %s left out for errors "
                + "(%,d model(s) loaded):", counts, models.size()));
        skipped.stream().limit(reasons).forEach(s -> sb.append("\n  ").append(s.describe()));
        if (skipped.size() > reasons) {
            sb.append("\n  ... and ").append(skipped.size() - reasons).append(" more");
        }
        String files = skipped.stream().map(s -> s.pos().file()).distinct().limit(3)
                .collect(Collectors.joining(" "));
        sb.append("\n  zoo lint ").append(files).append(" shows them all");
        return Optional.of(sb.toString());
    }

    /** The IDs closest to a mistyped one: by edit distance, then by shared prefix, at most {@code limit}. */
    public List<String> nearestIds(String id, int limit) {
        String wanted = id.toLowerCase(Locale.ROOT);
        return models.stream().map(Model::id)
                .sorted(Comparator.comparingInt((String m) -> EditDistance.between(wanted, m.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(limit)
                .toList();
    }

    /** Models by ID, for lookups over many. */
    public Map<String, Model> byId() {
        return models.stream().collect(Collectors.toMap(Model::id, Function.identity()));
    }
}
