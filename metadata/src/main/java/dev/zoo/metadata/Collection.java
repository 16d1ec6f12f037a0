package dev.zoo.metadata;

import java.util.List;
import java.util.Map;

/**
 * A model-index {@code Collections} entry: what its models share. The format gives collections the fields of a model;
 * Zoo passes on paper, code, README, citation, metadata (list fields merged), results (appended), preprocessing and
 * network. A collection belongs to the catalogue that defines it: two catalogues may each have a "ResNet".
 */
public record Collection(
        String name,
        Paper paper,
        CodeLink code,
        ModelMetadata metadata,
        List<Result> results,
        Preprocessing preprocessing,
        DeclaredNetwork network,
        String readme,
        String citation,
        Origin origin,
        Map<String, Object> extra) {

    public Collection {
        metadata = metadata == null ? ModelMetadata.EMPTY : metadata;
        results = List.copyOf(results == null ? List.of() : results);
        preprocessing = preprocessing == null ? Preprocessing.NONE : preprocessing;
        extra = Map.copyOf(extra == null ? Map.of() : extra);
    }

    public SourcePos pos() {
        return origin.pos();
    }

    Collection withCitation(String text) {
        return new Collection(name, paper, code, metadata, results, preprocessing, network, readme, text, origin,
                extra);
    }

    Collection in(String catalogue, boolean builtin) {
        return new Collection(name, paper, code, metadata, results, preprocessing, network, readme, citation,
                origin.in(catalogue, builtin), extra);
    }
}
