package dev.zoo.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One model of the catalogue. After {@link Catalog} assembly the model carries what it inherits from its collection
 * (paper, code, citation, README, metadata defaults and merged lists, the collection's results, preprocessing,
 * network).
 *
 * @param id            the registry key: {@code Metadata.ID}, or the name when no ID is given; free text (no control
 *                      characters, at most {@link #MAX_ID_LENGTH} characters)
 * @param weights       the weights URL as written in the catalogue, or null when none is published
 * @param sha256        Zoo's {@code SHA256} extension: the pinned digest of the weights file (lower-case hex) or null
 * @param network       Zoo's {@code Network} extension, or null (then {@link #networkSpec()} reads a ResNetV2 from a
 *                      timm-style BiT ID)
 * @param image         the model-index {@code Image}: a path or URL of a picture for the card
 * @param origin        the catalogue, file and place that define the model
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
        String image,
        String citation,
        Origin origin,
        Map<String, SourcePos> keyPositions,
        Map<String, Object> extra) {

    /** The database's model columns hold 200 characters; an ID is a key, not a description. */
    public static final int MAX_ID_LENGTH = 200;

    public Model {
        metadata = metadata == null ? ModelMetadata.EMPTY : metadata;
        preprocessing = preprocessing == null ? Preprocessing.NONE : preprocessing;
        results = List.copyOf(results == null ? List.of() : results);
        keyPositions = Map.copyOf(keyPositions == null ? Map.of() : keyPositions);
        extra = Map.copyOf(extra == null ? Map.of() : extra);
    }

    public SourcePos pos() {
        return origin.pos();
    }

    /**
     * The ResNetV2 the model is: the explicit {@code Network} extension, else read from a timm-style BiT ID (never for
     * weights whose file name says they are something Zoo cannot run, such as a {@code .pth} checkpoint). Zoo builds
     * it from an {@code .npz}; a TorchScript or ONNX file of the same network carries its own graph.
     */
    public Optional<NetworkSpec> networkSpec() {
        if (network != null) {
            return Optional.ofNullable(network.resnet());
        }
        return WeightsKind.ofUrl(weights).refusal().isPresent() ? Optional.empty() : NetworkSpec.fromModelId(id);
    }

    /**
     * The weights' format as the catalogue states it ({@code Network.Format}); empty when it does not, and the file's
     * content tells when it is loaded. Never inferred from the ID, which may name the network of an export.
     */
    public Optional<ModelFormat> format() {
        return network != null ? Optional.of(network.format()) : Optional.empty();
    }

    /**
     * Why Zoo cannot evaluate this model, known before anything is downloaded: no weights published, or weights in a
     * format Zoo cannot run (a PyTorch checkpoint, safetensors). Empty when Zoo can try; the file's content still
     * decides.
     */
    public Optional<String> notEvaluable() {
        if (weights == null) {
            return Optional.of("no weights published");
        }
        return network != null ? Optional.empty() : WeightsKind.ofUrl(weights).refusal();
    }

    /** A claimed metric on a dataset, e.g. {@code claimed("ImageNet", Metric.TOP1)}. */
    public Optional<Metric> claimed(String dataset, String metric) {
        return results.stream()
                .filter(r -> r.dataset() != null && r.dataset().equalsIgnoreCase(dataset))
                .flatMap(r -> r.metric(metric).stream())
                .findFirst();
    }

    public SourcePos positionOf(String key) {
        return keyPositions.getOrDefault(key, pos());
    }

    /**
     * True when the other definition says the same (where each was written aside): timm's own {@code big-transfer.md}
     * beside the built-in catalogue is one model, not a conflict.
     */
    public boolean sameDefinition(Model o) {
        return id.equals(o.id) && name.equals(o.name) && Objects.equals(collection, o.collection)
                && metadata.equals(o.metadata) && Objects.equals(paper, o.paper) && Objects.equals(code, o.code)
                && Objects.equals(weights, o.weights) && Objects.equals(sha256, o.sha256)
                && preprocessing.equals(o.preprocessing) && Objects.equals(network, o.network)
                && Result.sameClaims(results, o.results) && Objects.equals(config, o.config)
                && Objects.equals(readme, o.readme) && Objects.equals(image, o.image)
                && Objects.equals(citation, o.citation) && extra.equals(o.extra);
    }

    /**
     * This model with what it leaves out taken from its collection, as the model-index library builds a "full model":
     * scalars it sets win, list metadata are merged (the collection's first), and the collection's results come before
     * its own.
     */
    Model inherit(Collection c) {
        List<Result> merged = new ArrayList<>(c.results());
        merged.addAll(results);
        return new Model(id, name, collection, metadata.withDefaults(c.metadata()),
                paper != null ? paper : c.paper(), code != null ? code : c.code(), weights, sha256,
                preprocessing.withDefaults(c.preprocessing()), network != null ? network : c.network(), merged,
                config, readme != null ? readme : c.readme(), image, citation != null ? citation : c.citation(),
                origin, keyPositions, extra);
    }

    Model withCitation(String text) {
        return new Model(id, name, collection, metadata, paper, code, weights, sha256, preprocessing, network, results,
                config, readme, image, text, origin, keyPositions, extra);
    }

    Model in(String catalogue, boolean builtin) {
        return new Model(id, name, collection, metadata, paper, code, weights, sha256, preprocessing, network, results,
                config, readme, image, citation, origin.in(catalogue, builtin), keyPositions, extra);
    }
}
