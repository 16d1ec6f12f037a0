package dev.zoo.metadata;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One model of the catalogue. After {@link Catalog} assembly the model carries what it inherits from its collection
 * (paper, code, citation, metadata defaults, preprocessing, network).
 *
 * @param id            the registry key: {@code Metadata.ID}, or the name when no ID is given
 * @param weights       the weights URL as written in the catalogue
 * @param sha256        Zoo's {@code SHA256} extension: the pinned digest of the weights file (lower-case hex) or null
 * @param network       Zoo's {@code Network} extension, or null (then {@link #networkSpec()} infers a ResNetV2 from
 *                      the ID)
 * @param keyPositions  where each key was written ({@code "Metadata.Parameters"} etc.), for diagnostics
 */
public record Model(
        String id,
        String name,
        String collection,
        ModelMetadata metadata,
        Paper paper,
        CodeLink code,
        String weights,
        String sha256,
        Preprocessing preprocessing,
        DeclaredNetwork network,
        List<Result> results,
        String config,
        String readme,
        String citation,
        SourcePos pos,
        Map<String, SourcePos> keyPositions,
        Map<String, Object> extra) {

    public Model {
        metadata = metadata == null ? ModelMetadata.EMPTY : metadata;
        preprocessing = preprocessing == null ? Preprocessing.NONE : preprocessing;
        results = List.copyOf(results == null ? List.of() : results);
        keyPositions = Map.copyOf(keyPositions == null ? Map.of() : keyPositions);
        extra = Map.copyOf(extra == null ? Map.of() : extra);
    }

    /** The ResNetV2 of an {@code npz} model: the explicit {@code Network} extension, else read from a timm-style ID. */
    public Optional<NetworkSpec> networkSpec() {
        return network != null ? Optional.ofNullable(network.resnet()) : NetworkSpec.fromModelId(id);
    }

    /**
     * The weights' format as the catalogue says it ({@code Network.Format}, or {@code npz} for a ResNetV2 it
     * describes); empty when only the file can tell.
     */
    public Optional<ModelFormat> format() {
        return network != null ? Optional.of(network.format())
                : networkSpec().map(spec -> ModelFormat.NPZ);
    }

    /** A claimed metric on a dataset, e.g. {@code claimed("ImageNet", Metric.TOP1)}. */
    public Optional<Metric> claimed(String dataset, String metric) {
        return results.stream()
                .filter(r -> r.dataset() != null && r.dataset().equalsIgnoreCase(dataset))
                .flatMap(r -> r.metric(metric).stream())
                .findFirst();
    }

    public SourcePos positionOf(String key) {
        return keyPositions.getOrDefault(key, pos);
    }

    /** This model with the gaps filled from its collection. */
    Model inherit(Collection c) {
        return new Model(id, name, collection, metadata.withDefaults(c.metadata()),
                paper != null ? paper : c.paper(), code != null ? code : c.code(), weights, sha256,
                preprocessing.withDefaults(c.preprocessing()), network != null ? network : c.network(), results,
                config, readme != null ? readme : c.readme(), citation != null ? citation : c.citation(), pos,
                keyPositions, extra);
    }
}
