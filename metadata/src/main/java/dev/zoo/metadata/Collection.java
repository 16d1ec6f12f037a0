package dev.zoo.metadata;

import java.util.Map;

/** A model-index {@code Collections} entry: shared paper, code and metadata for its models. */
public record Collection(
        String name,
        Paper paper,
        CodeLink code,
        ModelMetadata metadata,
        Preprocessing preprocessing,
        DeclaredNetwork network,
        String readme,
        String citation,
        SourcePos pos,
        Map<String, Object> extra) {

    public Collection {
        metadata = metadata == null ? ModelMetadata.EMPTY : metadata;
        preprocessing = preprocessing == null ? Preprocessing.NONE : preprocessing;
        extra = Map.copyOf(extra == null ? Map.of() : extra);
    }
}
