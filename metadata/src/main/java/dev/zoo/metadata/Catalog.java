package dev.zoo.metadata;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Every model and collection of the loaded catalogue files, with all diagnostics found on the way. */
public record Catalog(List<Collection> collections, List<Model> models, List<String> files,
                      List<Diagnostic> diagnostics) {

    public Catalog {
        collections = List.copyOf(collections);
        models = List.copyOf(models);
        files = List.copyOf(files);
        diagnostics = List.copyOf(diagnostics);
    }

    public Optional<Model> find(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public Optional<Collection> collection(String name) {
        return collections.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public long count(Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }

    public boolean hasErrors() {
        return count(Severity.ERROR) > 0;
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
}
