package dev.zoo.metadata;

import dev.zoo.metadata.arch.Architecture;
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
 * @param network       Zoo's {@code Network} extension, or null (then {@link #architecture()} looks the ID up in
 *                      timm's table)
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
     * The network Zoo builds for this model: the card's {@code Network} entry, else the timm architecture its ID names
     * (from Zoo's table of timm's models, for the card's weights file). Empty for a model whose file carries its own
     * network (TorchScript, ONNX) or that Zoo cannot evaluate ({@link #notEvaluable()} says why).
     */
    public Optional<Architecture> architecture() {
        return ModelArchitecture.of(this).built();
    }

    /** The BiT ResNetV2 of an {@code .npz} model, when that is its architecture. */
    public Optional<NetworkSpec> networkSpec() {
        return architecture().filter(NetworkSpec.class::isInstance).map(NetworkSpec.class::cast);
    }

    /**
     * The weights' format as the catalogue states it ({@code Network.Format}); empty when it does not, and the file's
     * content tells when it is loaded. Never inferred from the ID, which may name the network of an export.
     */
    public Optional<ModelFormat> format() {
        return network != null ? Optional.of(network.format()) : Optional.empty();
    }

    /**
     * Why Zoo cannot evaluate this model, known before anything is downloaded: no weights published, a network Zoo
     * does not build (a timm architecture not implemented, with the families that are), a weights file timm knows as
     * another model's. Empty when Zoo can try; the file's content still decides.
     */
    public Optional<String> notEvaluable() {
        return Optional.ofNullable(ModelArchitecture.of(this).refusal());
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
